"""``action_check_progress``: a signed-in student's own progress, read with an audit-log entry."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, entity_values, latest_text, remember_credential, speak
from actions.credential_focus import settle
from actions.identity import current_identity, own_progress
from bot.catalog.repository import Catalog
from bot.catalog.resolve import resolve_mentions
from bot.identity.tokens import Status
from bot.records.progress import CredentialRef, StudentProgress
from bot.replies.progress import answer

PURPOSE = "check_progress"


class ActionCheckProgress(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_check_progress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        identity = current_identity(tracker)
        if identity.status is Status.ANONYMOUS:
            dispatcher.utter_message(response="utter_sign_in_required")
            return []
        progress = own_progress(tracker, PURPOSE, identity)
        if progress is None:
            dispatcher.utter_message(response="utter_sign_in_again")
            return []
        catalog = Catalog()
        mentioned, resolved = _mentioned_credential(tracker, dispatcher, catalog, progress)
        if not resolved:
            return []
        result = answer(
            progress,
            text=latest_text(tracker),
            mentioned=mentioned,
            focus=tracker.get_slot("current_credential"),
            shown=tuple(tracker.get_slot("progress_shown") or ()),
        )
        speak(dispatcher, result.reply)
        events = [SlotSet("progress_shown", list(result.shown))]
        return events + (remember_credential(tracker, result.focus) if result.focus else [])


def _mentioned_credential(
    tracker: Tracker, dispatcher: CollectingDispatcher, catalog: Catalog, progress: StudentProgress
) -> tuple[CredentialRef | None, bool]:
    """The credential the message names, and False if the student was asked which one they meant.

    Of several close names, the one the student is enrolled in wins; a name we do not
    offer is said so, and the overview follows.
    """
    mentions = entity_values(tracker, "credential")
    if not mentions:
        return None, True
    resolution = resolve_mentions(mentions, catalog.names())
    credential = settle(
        resolution,
        tracker,
        dispatcher,
        catalog,
        "check_progress",
        prefer=lambda i: progress.enrollment(i) is not None,
    )
    if credential is not None:
        return CredentialRef(credential.id, credential.name, credential.translations), True
    return None, not resolution.ambiguous
