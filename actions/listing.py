""""What credentials do you offer?", filtered by type, model, format, topic, free or open."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import entity_values, latest_text, speak
from bot.catalog import answers
from bot.catalog.filters import catalog_filter
from bot.catalog.repository import Catalog


class ActionListCredentials(Action):
    def name(self) -> str:
        return "action_list_credentials"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        wanted = catalog_filter(
            text=latest_text(tracker),
            types=entity_values(tracker, "credential_type"),
            models=entity_values(tracker, "credential_model"),
            formats=entity_values(tracker, "delivery_format"),
            topics=entity_values(tracker, "topic"),
        )
        matching = [c for c in Catalog().credentials() if wanted.matches(c)]
        speak(dispatcher, answers.credential_list(matching, wanted.describe()))
        return []
