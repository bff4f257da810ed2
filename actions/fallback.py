"""Messages the assistant did not understand or cannot help with.

The first miss asks to rephrase; the second miss in a row offers an advisor. Every such
message is logged for staff review.
"""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.context import latest_intent, latest_text
from bot.review import record_unanswered

MISSES_BEFORE_OFFER = 2


def consecutive_misses(tracker: Tracker) -> int:
    """How many of the latest user messages in a row fell back (the current one included)."""
    misses = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != "nlu_fallback":
            break
        misses += 1
    return misses


class ActionHandleFallback(Action):
    def name(self) -> str:
        return "action_handle_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        intent, confidence = latest_intent(tracker)
        record_unanswered(tracker.sender_id, latest_text(tracker), "low_confidence", intent, confidence)
        if consecutive_misses(tracker) >= MISSES_BEFORE_OFFER:
            return [FollowupAction("utter_offer_advisor")]
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        intent, confidence = latest_intent(tracker)
        record_unanswered(tracker.sender_id, latest_text(tracker), "out_of_scope", intent, confidence)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
