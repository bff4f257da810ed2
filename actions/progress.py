"""``action_check_progress``: a signed-in student's own progress, read with an audit-log entry."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import entity_values, latest_text, remember_credential, speak
from actions.identity import current_identity
from bot.catalog import answers
from bot.catalog.repository import Catalog
from bot.catalog.resolve import resolve_mentions
from bot.identity import Status
from bot.progress import CredentialRef, StudentProgress
from bot.progress_replies import answer
from bot.records.audit import Actor, read_progress

PURPOSE = "check_progress"


class ActionCheckProgress(Action):
    def name(self) -> str:
        return "action_check_progress"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        identity = current_identity(tracker)
        if identity.status is Status.ANONYMOUS:
            dispatcher.utter_message(response="utter_sign_in_required")
            return []
        progress = None
        if identity.verified:
            actor = Actor("student", identity.student_id)
            progress = read_progress(identity.student_id, actor, tracker.sender_id, PURPOSE)
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
    enrolled = [i for i in resolution.ambiguous if progress.enrollment(i)]
    found = resolution.found or (enrolled if len(enrolled) == 1 else [])
    if found:
        credential = catalog.get(found[0])
        return CredentialRef(credential.id, credential.name), True
    if resolution.ambiguous:
        speak(dispatcher, answers.ambiguous(catalog.get_many(resolution.ambiguous), "check_progress", {}))
        return None, False
    if resolution.unknown:
        speak(dispatcher, answers.unknown(resolution.unknown, catalog.get_many(resolution.suggestions)))
    return None, True
