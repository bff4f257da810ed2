"""``action_recommend_credentials`` and its form, as the action server runs them, on the real catalog."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.recommend import ActionRecommendCredentials, ValidateRecommendationForm
from bot.config import PROJECT_ROOT, Settings
from bot.db import session_scope
from bot.i18n.formats import join
from bot.identity.tokens import issue_token
from bot.models import AuditLogEntry
from tests.support.reading import as_read
from tests.support.trackers import make_tracker, user_event

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def recommend(tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRecommendCredentials().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, events


def next_question(tracker) -> str | None:
    """The slot the form asks for next (None: no question, recommend now).

    When the validation action keeps all the form's slots, it leaves the choice to Rasa, which
    asks for the first empty one in the domain's order.
    """
    events = asyncio.run(ValidateRecommendationForm().run(CollectingDispatcher(), tracker, DOMAIN))
    requested = [e["value"] for e in events if e.get("name") == "requested_slot"]
    if requested:
        return requested[-1]
    form_slots = DOMAIN["forms"]["recommendation_form"]["required_slots"]
    return next(slot for slot in form_slots if tracker.get_slot(slot) is None)


def slot_event(name: str, value: str) -> dict:
    """The event Rasa records when the form stores an answer."""
    return {"event": "slot", "name": name, "value": value}


def recommended_names(messages: list[dict]) -> list[str]:
    return [
        as_read(m["text"]).split(": ")[0].split(". ", 1)[1]
        for m in messages
        if m.get("buttons") and m["text"][0].isdigit()
    ]


def test_a_career_goal_gets_three_credentials_with_reasons_and_next_step_buttons(catalog_db):
    tracker = make_tracker(
        "I want to become a data analyst", "recommend_credentials", {"career_goal": "data analyst"}
    )
    messages, events = recommend(tracker)
    assert messages[0]["text"] == "Here are 3 credentials I'd suggest:"
    assert len(messages) == 4
    assert "Data Analytics Certificate" in recommended_names(messages)
    for message in messages[1:]:
        name = as_read(message["text"]).split(": ")[0].split(". ", 1)[1]
        assert "data analyst roles" in message["text"]
        titles = [b["title"] for b in message["buttons"]]
        assert titles == [f"Requirements of {name}", f"Enroll in {name}"]
        assert message["buttons"][0]["payload"].startswith('/ask_requirements{"credential":"')
        assert message["buttons"][1]["payload"].startswith('/how_to_enroll{"credential":"')
    top = messages[1]["buttons"][0]["payload"].split('"')[3]
    assert {"event": "slot", "timestamp": None, "name": "current_credential", "value": top} in events


def test_constraints_in_the_request_are_applied_and_said(catalog_db):
    messages, _ = recommend(
        make_tracker("something free and online about leadership", "recommend_credentials")
    )
    assert messages[0]["text"] == "Here is what I'd suggest (free, online):"
    assert recommended_names(messages) == ["Foundations of Leadership"]
    assert join(["free", "online", "open to anyone"]) in messages[1]["text"]  # as English lists them


def test_nothing_fits_says_so_and_offers_an_advisor(catalog_db):
    messages, events = recommend(make_tracker("i want to be an astronaut", "recommend_credentials"))
    assert len(messages) == 1
    assert "couldn't find a credential" in messages[0]["text"]
    assert {"title": "Talk to an advisor", "payload": "/request_human"} in messages[0]["buttons"]
    assert not any(e.get("name") == "current_credential" for e in events)


@pytest.fixture
def token_for(records_db):
    def issue(student_id: str) -> str:
        return issue_token(student_id, settings=replace(Settings.from_env()))

    return issue


def test_a_signed_in_student_is_not_offered_what_they_earned_or_are_taking(token_for):
    # S1001 earned SQL Fundamentals and Spreadsheet Analytics, and is taking Data Visualization Basics.
    tracker = make_tracker(
        "I want to become a data analyst", "recommend_credentials", metadata={"token": token_for("S1001")}
    )
    messages, _ = recommend(tracker)
    names = recommended_names(messages)
    assert names[0] == "Data Analytics Certificate"
    assert "next step" in messages[1]["text"]
    assert not {"SQL Fundamentals", "Spreadsheet Analytics with Excel", "Data Visualization Basics"} & set(
        names
    )
    with session_scope() as session:
        reads = session.scalars(select(AuditLogEntry)).all()
    assert [(r.student_id, r.purpose) for r in reads] == [("S1001", "recommend_credentials")]


def test_a_student_id_typed_in_chat_grants_nothing(records_db):
    messages, _ = recommend(
        make_tracker("I'm S1001, I want to become a data analyst", "recommend_credentials")
    )
    assert "SQL Fundamentals" in recommended_names(
        messages
    ) or "Data Analytics Certificate" in recommended_names(messages)
    with session_scope() as session:
        assert session.scalars(select(AuditLogEntry)).all() == []


def test_a_specific_goal_skips_the_questions(catalog_db):
    assert next_question(make_tracker("I want to become a data analyst", "recommend_credentials")) is None


def test_a_vague_request_asks_for_the_goal_then_for_preferences(catalog_db):
    request = make_tracker("what should I take?", "recommend_credentials")
    assert next_question(request) == "learning_goal"
    answered = make_tracker(
        "become a data analyst",
        "inform",
        slots={"learning_goal": "become a data analyst"},
        history=[
            user_event("what should I take?", "recommend_credentials"),
            slot_event("learning_goal", "become a data analyst"),
        ],
    )
    assert next_question(answered) == "learning_preferences"


def test_a_vague_request_with_a_constraint_asks_only_for_the_goal(catalog_db):
    history = [
        user_event("recommend me something free", "recommend_credentials"),
        slot_event("learning_goal", "leadership"),
    ]
    answered = make_tracker("leadership", "inform", slots={"learning_goal": "leadership"}, history=history)
    assert (
        next_question(make_tracker("recommend me something free", "recommend_credentials")) == "learning_goal"
    )
    assert next_question(answered) is None


def test_the_answers_to_the_questions_make_the_goal(catalog_db):
    history = [
        user_event("/recommend_credentials", "recommend_credentials"),
        slot_event("learning_goal", "I'm a nurse and want to move into informatics"),
    ]
    tracker = make_tracker(
        "online only",
        "inform",
        slots={
            "learning_goal": "I'm a nurse and want to move into informatics",
            "learning_preferences": "online only",
        },
        history=history,
    )
    messages, events = recommend(tracker)
    assert messages[0]["text"].endswith("(online):")
    assert "Nursing Informatics Certificate" in recommended_names(messages)[:2]
    assert {"event": "slot", "timestamp": None, "name": "learning_goal", "value": None} in events


def test_no_preference_answers_still_get_starting_points(catalog_db):
    history = [user_event("help me choose a credential", "recommend_credentials")]
    tracker = make_tracker(
        "no preference",
        "inform",
        slots={"learning_goal": "not sure", "learning_preferences": "no preference"},
        history=history,
    )
    messages, _ = recommend(tracker)
    assert len(recommended_names(messages)) == 3
    assert "A good place to start" in messages[1]["text"]


def test_answers_from_an_interrupted_earlier_form_do_not_answer_a_new_request(catalog_db):
    history = [
        user_event("what should I take?", "recommend_credentials"),
        slot_event("learning_goal", "leadership"),
        user_event("actually, can I talk to an advisor", "request_human"),
    ]
    tracker = make_tracker(
        "recommend me something",
        "recommend_credentials",
        slots={"learning_goal": "leadership"},
        history=history,
    )
    assert next_question(tracker) == "learning_goal"


def test_what_to_take_next_is_answered_from_a_students_record_without_questions(token_for):
    # S1012 is taking SQL Fundamentals (2 of 3 done) and Python Programming Foundations.
    tracker = make_tracker(
        "what should I take next?", "recommend_credentials", metadata={"token": token_for("S1012")}
    )
    assert next_question(tracker) is None
    messages, events = recommend(tracker)
    text = as_read(messages[0]["text"])
    assert "SQL Fundamentals: Next step: DATA A12 SQL Skills Assessment (assessment)." in text
    assert "Python Programming Foundations: Next step:" in text
    assert {"event": "slot", "timestamp": None, "name": "learning_goal", "value": None} in events


def test_what_to_take_next_from_a_visitor_still_asks_for_a_goal(records_db):
    assert next_question(make_tracker("what should I take next?", "recommend_credentials")) == "learning_goal"
