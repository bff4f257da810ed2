"""``action_request_human``: hand the conversation to an advisor.

The case (transcript, credentials discussed, and the signed-in student's progress) is
committed first; only then are advisors notified (in the background) and the learner told
what happens next, in the conversation's language (which the case records for the advisor
console). The conversation is then paused: the assistant stays quiet while the
advisor answers, and the learner's messages reach the case through the conversation.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, latest_intent, speak
from actions.identity import own_progress, signed_in_student
from bot.clock import utcnow
from bot.config import Settings
from bot.handoff import office_hours, transcript
from bot.handoff.cases import CaseRequest, open_case
from bot.handoff.messages import handoff_reply
from bot.handoff.notify import notify_in_background
from bot.handoff.rasa_api import RasaApi, RasaUnavailable
from bot.handoff.rules import Reason, escalation_reason
from bot.handoff.summary import progress_summary
from bot.i18n import current_language
from bot.replies.reply import Reply

PURPOSE = "handoff to an advisor"

logger = logging.getLogger(__name__)


def previous_action(tracker: Tracker) -> str | None:
    """The last action before the latest user message (not counting listening)."""
    events = list(tracker.events)
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    before = events[: users[-1]] if users else events
    names = [e.get("name") for e in before if e.get("event") == "action" and e.get("name") != "action_listen"]
    return names[-1] if names else None


def session_transcript(tracker: Tracker, settings: Settings) -> list[transcript.Line]:
    """The session's lines: a long session's earlier turns, which Rasa does not send the
    action server, are read back through Rasa's HTTP API (without them if it cannot be reached)."""
    events = list(tracker.events)
    lines = transcript.from_events(events)
    if transcript.is_whole_session(events):
        return lines
    try:
        earlier = RasaApi.from_settings(settings).said_before(
            tracker.sender_id, float(events[0]["timestamp"])
        )
    except RasaUnavailable as error:
        logger.warning("the case of %s holds the last turns only: %s", tracker.sender_id, error)
        return lines
    return earlier + lines


class ActionRequestHuman(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        settings = Settings.from_env()
        office = office_hours.configured(settings.advisor_office_hours, settings.advisor_timezone)
        intent, _ = latest_intent(tracker)
        reason = escalation_reason(intent, previous_action(tracker)) or Reason.REQUESTED
        student_id = signed_in_student(tracker)
        progress = own_progress(tracker, PURPOSE)
        case, created = open_case(
            CaseRequest(
                conversation_id=tracker.sender_id,
                reason=reason,
                transcript=session_transcript(tracker, settings),
                credentials=list(tracker.get_slot("discussed_credentials") or []),
                student_id=student_id,
                progress_summary=progress_summary(progress) if progress else None,
                language=current_language(),
            )
        )
        if created:
            notify_in_background(case.id, settings)
        for text in handoff_reply(
            Reason(case.reason),
            case.id,
            not created,
            student_id is not None,
            office,
            settings.crisis_line,
            utcnow(),
        ):
            speak(dispatcher, Reply(text))
        return [ConversationPaused()]
