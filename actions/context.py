"""Reading the tracker and speaking replies: the glue every action shares."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.replies.reply import Reply


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """The values of ``entity`` in the latest message, in order, without repeats."""
    values = [
        str(e.get("value"))
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == entity and e.get("value") not in (None, "")
    ]
    return list(dict.fromkeys(values))


def latest_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def latest_intent(tracker: Tracker) -> tuple[str | None, float | None]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), intent.get("confidence")


def speak(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None)


def remember_credential(tracker: Tracker, credential_id: str) -> list[dict[str, Any]]:
    """Slot events making ``credential_id`` the subject of follow-ups."""
    discussed = [c for c in (tracker.get_slot("discussed_credentials") or []) if c != credential_id]
    return [
        SlotSet("current_credential", credential_id),
        SlotSet("discussed_credentials", [*discussed, credential_id][-20:]),
    ]
