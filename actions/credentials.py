"""Questions about one credential: requirements, one attribute, stacking, how to enroll."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, entity_values, latest_text, remember_credential, speak
from actions.credential_focus import focus_credential, recent_credential
from actions.identity import signed_in_student
from bot.catalog.follow_up import refers_back
from bot.catalog.institution import Institution
from bot.catalog.repository import Catalog
from bot.nlp.vocabulary import ATTRIBUTES, attributes_asked
from bot.replies import answers


class ActionCredentialRequirements(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_credential_requirements"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        catalog = Catalog()
        credential = focus_credential(tracker, dispatcher, catalog, "ask_requirements")
        if credential is None:
            return []
        speak(dispatcher, answers.requirements(credential, catalog.get_many(credential.prerequisite_ids)))
        return remember_credential(tracker, credential.id)


class ActionCredentialInfo(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_credential_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        asked = [a for a in entity_values(tracker, "attribute") if a in ATTRIBUTES]
        typed = latest_text(tracker)
        if not asked and not typed.startswith("/"):  # the NLU missed or cut the phrase ("how [long] is it?")
            asked = attributes_asked(typed)
        if not asked and entity_values(tracker, "delivery_format"):
            asked = ["format"]  # "is it online?"
        extra = {"attribute": asked[0]} if asked else {}
        catalog = Catalog()
        credential = focus_credential(tracker, dispatcher, catalog, "ask_credential_info", extra)
        if credential is None:
            return []
        if not asked:
            speak(dispatcher, answers.overview(credential))
        for attribute in asked:
            speak(dispatcher, answers.attribute(credential, attribute))
        return remember_credential(tracker, credential.id)


class ActionCredentialStacking(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_credential_stacking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        catalog = Catalog()
        credential = focus_credential(tracker, dispatcher, catalog, "ask_stacking")
        if credential is None:
            return []
        speak(
            dispatcher,
            answers.stacking(credential, catalog.stacks_into(credential), catalog.stacks_from(credential.id)),
        )
        return remember_credential(tracker, credential.id)


class ActionHowToEnroll(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_how_to_enroll"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        catalog = Catalog()
        institution = Institution.from_settings(catalog.institution())
        if not entity_values(tracker, "credential") and not refers_back(latest_text(tracker)):
            recent = recent_credential(tracker, catalog)
            speak(dispatcher, answers.general_enrollment(institution, recent))
            return []
        credential = focus_credential(tracker, dispatcher, catalog, "how_to_enroll")
        if credential is None:
            return []
        speak(dispatcher, answers.enrollment(credential, signed_in_student(tracker) is not None, institution))
        return remember_credential(tracker, credential.id)
