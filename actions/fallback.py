"""Messages the assistant did not understand or cannot help with.

``action_handle_fallback`` answers a message the NLU was unsure of (the ``nlu_fallback``
rule) and any turn no rule or story covers (RulePolicy's core fallback). The first miss offers
the FAQ entries and credentials nearest the message as "Did you mean ...?" buttons
(``bot.replies.suggestions``), or asks to rephrase when none is near; the second miss in a row
offers an advisor. ``action_choose_suggestion`` answers the button chosen. Either way the turn ends there: the
action is followed by ``action_listen`` (after the offer, by the rule that waits for the
answer), never by another prediction, so a miss can't loop. Every miss is logged for staff
review, with the suggestions offered and the one chosen.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    SpeaksLanguage,
    entity_values,
    latest_intent,
    latest_text,
    remember_credential,
    speak,
)
from bot.catalog.repository import Catalog
from bot.conversation.review import record_choice, record_suggestions, record_unanswered
from bot.replies import answers
from bot.replies.suggestions import parse_choice, suggest

MISSES_BEFORE_OFFER = 2
FALLBACK_ACTION = "action_handle_fallback"


def consecutive_misses(tracker: Tracker) -> int:
    """How many of the latest user messages in a row were misses, the current one included:
    the earlier ones count when their turn ran this fallback."""
    misses, fell_back, current_seen = 1, False, False
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "action" and event.get("name") == FALLBACK_ACTION:
            fell_back = True
        elif kind == "user":
            if current_seen:
                if not fell_back:
                    break
                misses += 1
            current_seen, fell_back = True, False
    return misses


class ActionHandleFallback(SpeaksLanguage, Action):
    def name(self) -> str:
        return FALLBACK_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        intent, confidence = latest_intent(tracker)
        text = latest_text(tracker)
        record_unanswered(tracker.sender_id, text, "low_confidence", intent, confidence)
        if consecutive_misses(tracker) >= MISSES_BEFORE_OFFER:
            return [FollowupAction("utter_offer_advisor")]
        catalog = Catalog()
        offered = (
            suggest(text, catalog.faq_entries(), catalog.credentials()) if not text.startswith("/") else []
        )
        if offered:
            record_suggestions(tracker.sender_id, text, [s.name for s in offered])
            dispatcher.utter_message(response="utter_did_you_mean", buttons=[s.button for s in offered])
        else:
            dispatcher.utter_message(response="utter_ask_rephrase")
        return [FollowupAction("action_listen")]


class ActionChooseSuggestion(SpeaksLanguage, Action):
    """A "Did you mean ...?" button: answers the FAQ or gives the credential's overview, and logs the choice."""

    def name(self) -> str:
        return "action_choose_suggestion"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        chosen = next(iter(entity_values(tracker, "suggestion")), "")
        choice, catalog = parse_choice(chosen), Catalog()
        if choice and choice[0] == "faq" and catalog.faq_answer(choice[1]):
            record_choice(tracker.sender_id, chosen)
            dispatcher.utter_message(response=f"utter_faq/{choice[1]}")
            return []
        credential = catalog.get(choice[1]) if choice and choice[0] == "credential" else None
        if credential is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        record_choice(tracker.sender_id, chosen)
        speak(dispatcher, answers.overview(credential))
        return remember_credential(tracker, credential.id)


class ActionOutOfScope(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        intent, confidence = latest_intent(tracker)
        record_unanswered(tracker.sender_id, latest_text(tracker), "out_of_scope", intent, confidence)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
