"""Reading the tracker and speaking replies: the glue every action shares.

``SpeaksLanguage`` makes each action run in the conversation's language (the ``language``
slot, else the institution's first language): everything ``bot/`` says inside it is in that
language, and ``speak`` marks each message with it, so the widget can follow.
"""

from __future__ import annotations

import functools
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.catalog.institution import Institution
from bot.catalog.repository import Catalog
from bot.i18n import current_language, use_language
from bot.i18n.messages import available
from bot.replies.reply import Reply


def conversation_language(tracker: Tracker) -> str:
    """The language the conversation is in: the ``language`` slot, else the first language
    the institution offers (``institution.yml``: languages)."""
    slot = tracker.get_slot("language")
    if slot in available():
        return str(slot)
    return Institution.from_settings(Catalog().institution()).languages[0]


class SpeaksLanguage:
    """Base of every action: its ``run`` happens inside ``use_language`` of the conversation."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        run = cls.__dict__.get("run")
        if run is None:
            return

        @functools.wraps(run)
        async def run_in_language(self, dispatcher, tracker, domain):
            with use_language(conversation_language(tracker)):
                return await run(self, dispatcher, tracker, domain)

        cls.run = run_in_language  # type: ignore[attr-defined]


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
    """Say ``reply``, marked with the language it is in (the channels pass it to the widget)."""
    dispatcher.utter_message(
        text=reply.text, buttons=reply.buttons or None, metadata={"language": current_language()}
    )


def remember_credential(tracker: Tracker, credential_id: str) -> list[dict[str, Any]]:
    """Slot events making ``credential_id`` the subject of follow-ups."""
    discussed = [c for c in (tracker.get_slot("discussed_credentials") or []) if c != credential_id]
    return [
        SlotSet("current_credential", credential_id),
        SlotSet("discussed_credentials", [*discussed, credential_id][-20:]),
    ]
