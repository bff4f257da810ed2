"""Tutoring, study materials, career counselling and accessibility services."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, entity_values, latest_text, speak
from bot.catalog.repository import Catalog
from bot.catalog.support import matching_resources
from bot.replies import answers


class ActionSupportResources(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_support_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        resources = Catalog().support_resources()
        asked = " ".join([*entity_values(tracker, "support_resource"), latest_text(tracker)])
        speak(dispatcher, answers.support(matching_resources(asked, resources)))
        return []
