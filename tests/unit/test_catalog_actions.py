"""The catalog actions, run as the action server runs them, against the real catalog."""

from __future__ import annotations

import asyncio

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.credentials import (
    ActionCredentialInfo,
    ActionCredentialRequirements,
    ActionCredentialStacking,
    ActionHowToEnroll,
)
from actions.fallback import ActionChooseSuggestion, ActionHandleFallback
from actions.listing import ActionListCredentials
from actions.support import ActionSupportResources
from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.models import SuggestionOffer, UnansweredMessage
from bot.replies.formatting import money
from tests.support.trackers import make_tracker, user_event


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    return text, dispatcher.messages, events


def slot(events, name):
    return next((e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name), None)


def test_requirements_list_every_requirement_and_remember_the_credential(catalog_db):
    credential = Catalog().get("data-analytics-certificate")
    text, messages, events = run(
        ActionCredentialRequirements(),
        make_tracker(
            "what do I need for the data analytics cert",
            "ask_requirements",
            {"credential": "data analytics cert"},
        ),
    )
    assert credential.name in text
    for requirement in credential.requirements:
        assert requirement.code in text and requirement.title in text
    assert slot(events, "current_credential") == credential.id
    assert any(b["payload"].startswith("/how_to_enroll") for b in messages[0]["buttons"])


def test_a_general_question_gets_the_general_answer_with_the_last_credential_offered(catalog_db):
    """ "How can I register?" after the SQL badge is not about the SQL badge."""
    sql = Catalog().get("sql-fundamentals-badge")
    text, messages, events = run(
        ActionHowToEnroll(),
        make_tracker("How can I register?", "how_to_enroll", slots={"current_credential": sql.id}),
    )
    assert "To enroll: pick a credential" in text and sql.enrollment_url not in text
    assert messages[0]["buttons"][0] == {
        "title": sql.name,
        "payload": f'/how_to_enroll{{"credential":"{sql.id}"}}',
    }
    assert events == []

    text, messages, _ = run(
        ActionCredentialRequirements(),
        make_tracker(
            "do I need to be a student to take them?",
            "ask_requirements",
            slots={"current_credential": sql.id},
        ),
    )
    assert "Which credential do you mean?" in text
    assert not any(r.code in text for r in sql.requirements)
    assert messages[0]["buttons"][0]["payload"] == f'/ask_requirements{{"credential":"{sql.id}"}}'


def test_a_follow_up_uses_the_credential_last_discussed(catalog_db):
    credential = Catalog().get("sql-fundamentals-badge")
    text, _, _ = run(
        ActionCredentialInfo(),
        make_tracker(
            "and how much does it cost?",
            "ask_credential_info",
            {"attribute": "cost"},
            slots={"current_credential": credential.id},
        ),
    )
    assert credential.name in text
    amount = credential.cost_amount
    assert ("free" in text) if amount == 0 else (f"{amount:,.0f}" in text)


def test_a_follow_up_the_nlu_tagged_badly_still_gets_the_fact_asked_for(catalog_db):
    """ "how long is it?" with the NLU's span cut to "long", or no attribute tagged at all."""
    credential = Catalog().get("sql-fundamentals-badge")
    for question, entities in [("how long is it?", {"attribute": "long"}), ("and how much is it?", {})]:
        text, _, _ = run(
            ActionCredentialInfo(),
            make_tracker(
                question, "ask_credential_info", entities, slots={"current_credential": credential.id}
            ),
        )
        assert credential.description.rstrip(".") not in text  # not the overview
        if "long" in question:
            assert f"takes about {credential.duration_weeks} weeks" in text
        else:
            assert f"is {money(credential.cost_amount, credential.cost_currency)}" in text


def test_a_self_paced_credential_says_so_instead_of_inventing_a_date(catalog_db):
    self_paced = next(c for c in Catalog().credentials() if c.next_start is None)
    text, _, _ = run(
        ActionCredentialInfo(),
        make_tracker(
            "when does it start",
            "ask_credential_info",
            [
                {"entity": "credential", "value": self_paced.id},
                {"entity": "attribute", "value": "start_date"},
            ],
        ),
    )
    assert "self-paced" in text and self_paced.name in text


def test_an_ambiguous_name_is_asked_back_with_buttons_that_answer_the_question(catalog_db):
    text, messages, events = run(
        ActionCredentialInfo(),
        make_tracker(
            "how long is project management",
            "ask_credential_info",
            [
                {"entity": "credential", "value": "project management"},
                {"entity": "attribute", "value": "duration"},
            ],
        ),
    )
    assert "Did you mean" in text
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert len(payloads) == 2
    assert all(p.startswith("/ask_credential_info{") and '"attribute":"duration"' in p for p in payloads)
    assert slot(events, "current_credential") is None


def test_a_subject_tagged_as_a_skill_that_names_credentials_is_asked_back(catalog_db):
    text, messages, _ = run(
        ActionCredentialRequirements(),
        make_tracker(
            "what are the requirements for project management?",
            "ask_requirements",
            {"skill": "project management"},
        ),
    )
    assert "Did you mean" in text
    assert {b["title"] for b in messages[0]["buttons"]} == {
        "Project Management Essentials",
        "Project Management Certificate",
    }


def test_a_skill_that_names_no_credential_falls_back_to_the_one_discussed(catalog_db):
    credential = Catalog().get("sql-fundamentals-badge")
    text, _, _ = run(
        ActionCredentialRequirements(),
        make_tracker(
            "what do I need for it, I want to learn negotiation",
            "ask_requirements",
            {"skill": "negotiation"},
            slots={"current_credential": credential.id},
        ),
    )
    assert credential.name in text and "Did you mean" not in text


def test_an_unknown_credential_is_not_offered_and_is_logged(catalog_db):
    text, messages, _ = run(
        ActionCredentialRequirements(),
        make_tracker(
            "requirements for the underwater welding certificate",
            "ask_requirements",
            {"credential": "underwater welding certificate"},
            sender="learner-42",
        ),
    )
    assert "We don't offer" in text and "closest" in text
    assert len(messages[0]["buttons"]) >= 2
    with session_scope() as session:
        logged = session.scalars(select(UnansweredMessage)).all()
    assert [(m.conversation_id, m.reason) for m in logged] == [("learner-42", "unknown_credential")]


def test_an_unknown_name_the_nlu_did_not_tag_is_still_answered_as_not_offered(catalog_db):
    text, _, _ = run(
        ActionCredentialRequirements(),
        make_tracker(
            "what are the requirements for the underwater welding certificate?",
            "ask_requirements",
            {"credential_type": "certificate"},
        ),
    )
    assert "We don't offer" in text and "underwater welding certificate" in text


def test_no_credential_named_or_remembered_asks_which(catalog_db):
    text, _, events = run(ActionCredentialStacking(), make_tracker("does it stack", "ask_stacking"))
    assert "Which credential" in text and events == []


def test_stacking_names_what_it_stacks_into_and_what_stacks_into_it(catalog_db):
    catalog = Catalog()
    certificate = catalog.get("data-analytics-certificate")
    text, _, _ = run(
        ActionCredentialStacking(),
        make_tracker("what stacks into the DAC", "ask_stacking", {"credential": certificate.id}),
    )
    for feeder in catalog.stacks_from(certificate.id):
        assert feeder.name in text
    for target in catalog.stacks_into(certificate):
        assert target.name in text


def test_enrolling_in_an_embedded_credential_tells_a_visitor_it_is_for_students(catalog_db):
    embedded = next(c for c in Catalog().credentials() if not c.open_to_public)
    text, _, _ = run(
        ActionHowToEnroll(), make_tracker("how do I enroll", "how_to_enroll", {"credential": embedded.id})
    )
    assert "only to enrolled HVU students" in text and embedded.enrollment_url in text


def test_listing_free_badges_shows_only_free_badges(catalog_db):
    text, _, events = run(
        ActionListCredentials(),
        make_tracker("which badges are free", "list_credentials", {"credential_type": "badge"}),
    )
    free_badges = {c.id for c in Catalog().credentials() if c.type == "digital_badge" and c.is_free}
    assert f"We offer {len(free_badges)} digital badges (free)" in text
    shown = {c.id for c in Catalog().credentials() if c.name in text}
    assert shown and shown <= free_badges
    [listed] = [e["value"] for e in events if e.get("name") == "listed_credentials"]
    assert set(listed["ids"]) == free_badges


def test_a_topic_in_the_learners_words_filters_the_list(catalog_db):
    """The NLU tagged no topic in "is there anything in cybersecurity?"; the list is still narrowed."""
    text, _, events = run(
        ActionListCredentials(), make_tracker("is there anything in cybersecurity?", "list_credentials")
    )
    cyber = [c for c in Catalog().credentials() if "cybersecurity" in c.name.lower()]
    assert cyber and all(c.name in text for c in cyber)
    assert "about cybersecurity" in text
    unrelated = [c for c in Catalog().credentials() if c.name in text and c not in cyber]
    assert len(unrelated) < len(Catalog().credentials()) - len(cyber)


def test_a_long_list_is_shown_a_page_at_a_time_with_show_more(catalog_db):
    everything = Catalog().credentials()
    text, messages, events = run(
        ActionListCredentials(), make_tracker("what do you offer?", "list_credentials")
    )
    assert f"We offer {len(everything)} credentials. Here are 1 to 5:" in text
    first_page = [c for c in everything if c.name in text]
    assert len(first_page) == 5
    more = messages[0]["buttons"][-1]
    assert more == {"title": "Show more", "payload": '/list_credentials{"page":"2"}'}
    [listed] = [e["value"] for e in events if e.get("name") == "listed_credentials"]

    text, messages, _ = run(
        ActionListCredentials(),
        make_tracker(
            more["payload"], "list_credentials", {"page": "2"}, slots={"listed_credentials": listed}
        ),
    )
    assert "Here are 6 to 10:" in text
    assert not any(c.name in text.splitlines()[1:6] for c in first_page)


def test_support_resources_answer_with_the_named_service(catalog_db):
    resources = Catalog().support_resources()
    accessibility = next(r for r in resources if r.kind == "accessibility")
    text, _, _ = run(
        ActionSupportResources(),
        make_tracker(
            "where are accessibility services",
            "ask_support_resources",
            {"support_resource": "accessibility services"},
        ),
    )
    assert accessibility.name in text and accessibility.contact in text
    assert all(r.name not in text for r in resources if r.kind == "tutoring")


LISTEN_NEXT = {"event": "followup", "name": "action_listen", "timestamp": None}
OFFER_NEXT = {"event": "followup", "name": "utter_offer_advisor", "timestamp": None}


def missed(text: str, intent: str = "nlu_fallback", confidence: float = 0.2) -> list[dict]:
    """An earlier turn the fallback answered."""
    return [
        user_event(text, intent, confidence),
        {"event": "action", "name": "action_handle_fallback"},
        {"event": "action", "name": "action_listen"},
    ]


def test_a_miss_asks_to_rephrase_and_ends_the_turn(catalog_db):
    _, messages, events = run(
        ActionHandleFallback(), make_tracker("blorp zzz", "nlu_fallback", confidence=0.2)
    )
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]
    assert events == [LISTEN_NEXT]


def test_the_second_miss_in_a_row_offers_an_advisor(catalog_db):
    run(ActionHandleFallback(), make_tracker("blorp zzz", "nlu_fallback", confidence=0.2))
    second = make_tracker("flarn", "nlu_fallback", confidence=0.1, history=missed("blorp zzz"))
    _, messages, events = run(ActionHandleFallback(), second)
    assert messages == [] and events == [OFFER_NEXT]
    with session_scope() as session:
        assert [m.text for m in session.scalars(select(UnansweredMessage))] == ["blorp zzz", "flarn"]


def test_a_confident_message_no_rule_covers_counts_as_a_miss(catalog_db):
    """RulePolicy's core fallback runs the same action for, say, an "inform" out of context."""
    second = make_tracker(
        "I work full time", "inform", confidence=0.9, history=missed("evenings?", "inform", 0.8)
    )
    _, _, events = run(ActionHandleFallback(), second)
    assert events == [OFFER_NEXT]


def test_an_answered_message_between_misses_starts_the_count_again(catalog_db):
    history = [
        *missed("blorp"),
        user_event("hello", "greet"),
        {"event": "action", "name": "utter_greet"},
        {"event": "action", "name": "action_listen"},
    ]
    _, messages, events = run(
        ActionHandleFallback(), make_tracker("flarn", "nlu_fallback", confidence=0.1, history=history)
    )
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"] and events == [LISTEN_NEXT]


def test_a_miss_near_known_questions_offers_them_as_buttons_and_logs_the_offer(catalog_db):
    _, messages, events = run(
        ActionHandleFallback(), make_tracker("help paying for it???", "nlu_fallback", confidence=0.2)
    )
    assert messages[0]["response"] == "utter_did_you_mean" and events == [LISTEN_NEXT]
    offered = [b["payload"] for b in messages[0]["buttons"]]
    assert '/choose_suggestion{"suggestion":"faq:funding"}' in offered and len(offered) <= 3
    with session_scope() as session:
        offer = session.scalars(select(SuggestionOffer)).one()
    assert (
        offer.text == "help paying for it???"
        and "faq:funding" in offer.offered.split(",")
        and offer.chosen is None
    )


def test_choosing_a_suggestion_answers_it_and_logs_the_choice(catalog_db):
    run(ActionHandleFallback(), make_tracker("help paying for it???", "nlu_fallback", confidence=0.2))
    _, messages, _ = run(
        ActionChooseSuggestion(),
        make_tracker(
            '/choose_suggestion{"suggestion":"faq:funding"}',
            "choose_suggestion",
            {"suggestion": "faq:funding"},
        ),
    )
    assert [m["response"] for m in messages] == ["utter_faq/funding"]
    sql = Catalog().get("sql-fundamentals-badge")
    text, _, events = run(
        ActionChooseSuggestion(),
        make_tracker("/choose_suggestion", "choose_suggestion", {"suggestion": f"credential:{sql.id}"}),
    )
    assert sql.name in text and {"event": "slot", "name": "current_credential", "value": sql.id} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    with session_scope() as session:
        assert session.scalars(select(SuggestionOffer)).one().chosen == "faq:funding"
