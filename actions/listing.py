""" "What credentials do you offer?", filtered by type, model, format, topic, free or open, a
page at a time: the list's ids are kept in a slot with what was asked, so "Show more" pages
through the same list, described in the conversation's language of the moment."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, entity_values, latest_text, speak
from bot.catalog.filters import catalog_filter
from bot.catalog.repository import Catalog
from bot.i18n import t
from bot.replies import answers


class ActionListCredentials(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_list_credentials"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        catalog = Catalog()
        page = next((int(p) for p in entity_values(tracker, "page") if p.isdigit() and int(p) > 0), None)
        listed = tracker.get_slot("listed_credentials") or {}
        if page and listed.get("ids"):
            shown = catalog.get_many(listed["ids"])
            asked = listed.get("asked")
            description = catalog_filter(**asked).describe() if asked else t("listing.credentials")
            speak(dispatcher, answers.credential_list(shown, description, page))
            return []
        asked = {
            "text": latest_text(tracker),
            "types": entity_values(tracker, "credential_type"),
            "models": entity_values(tracker, "credential_model"),
            "formats": entity_values(tracker, "delivery_format"),
            "topics": entity_values(tracker, "topic"),
        }
        wanted = catalog_filter(**asked)
        matching = wanted.apply(catalog.credentials())
        speak(dispatcher, answers.credential_list(matching, wanted.describe()))
        return [SlotSet("listed_credentials", {"ids": [c.id for c in matching], "asked": asked})]
