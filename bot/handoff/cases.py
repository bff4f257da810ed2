"""Handoff cases: open one (or reuse the conversation's unresolved one), claim, reply, resolve.

Every state change is a conditional UPDATE checked by its row count, so two advisors
cannot both claim a case and only the advisor holding a case can answer or resolve it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bot.clock import as_utc, utcnow
from bot.db import session_scope
from bot.handoff.contact import find_contact
from bot.handoff.rules import Reason
from bot.handoff.transcript import Line
from bot.models import CaseMessage, HandoffCase

UNRESOLVED = ("open", "claimed")


class CaseError(Exception):
    """A case operation that cannot be done; the message says why."""


class CaseNotFound(CaseError):
    pass


class CaseConflict(CaseError):
    """The case is not in a state that allows the operation (claimed by someone else, resolved...)."""


@dataclass(frozen=True)
class CaseRequest:
    conversation_id: str
    reason: Reason
    transcript: list[Line]
    credentials: list[str] = field(default_factory=list)
    student_id: str | None = None
    progress_summary: dict | None = None
    #: The conversation's language ("es"), kept on the case for the advisor console.
    language: str | None = None


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment else None


def unresolved_case(conversation_id: str, engine: Engine | None = None) -> HandoffCase | None:
    with session_scope(engine) as session:
        return session.scalars(
            select(HandoffCase).where(
                HandoffCase.conversation_id == conversation_id, HandoffCase.status.in_(UNRESOLVED)
            )
        ).first()


def open_case(request: CaseRequest, engine: Engine | None = None) -> tuple[HandoffCase, bool]:
    """The conversation's unresolved case, or a new one committed now; and whether it is new."""
    existing = unresolved_case(request.conversation_id, engine)
    if existing is not None:
        return existing, False
    case = HandoffCase(
        conversation_id=request.conversation_id,
        student_id=request.student_id,
        contact=find_contact(line.text for line in request.transcript if line.sender == "learner"),
        reason=request.reason.value,
        priority=request.reason.priority,
        transcript=[line.as_dict() for line in request.transcript],
        credentials=list(request.credentials),
        progress_summary=request.progress_summary,
        language=request.language,
        status="open",
        notification_status="pending",
        notification_attempts=0,
    )
    try:
        with session_scope(engine) as session:
            session.add(case)
    except IntegrityError:
        # Another message of the same conversation opened one a moment ago.
        existing = unresolved_case(request.conversation_id, engine)
        if existing is None:
            raise
        return existing, False
    return case, True


def queue(engine: Engine | None = None) -> list[HandoffCase]:
    """Unresolved cases: the most urgent first, then the oldest."""
    with session_scope(engine) as session:
        return list(
            session.scalars(
                select(HandoffCase)
                .where(HandoffCase.status.in_(UNRESOLVED))
                .order_by(HandoffCase.priority, HandoffCase.created_at, HandoffCase.id)
            )
        )


def get_case(case_id: int, engine: Engine | None = None) -> HandoffCase:
    with session_scope(engine) as session:
        case = session.scalars(
            select(HandoffCase).where(HandoffCase.id == case_id).options(selectinload(HandoffCase.messages))
        ).first()
    if case is None:
        raise CaseNotFound(f"there is no case #{case_id}")
    return case


def _why_not(case_id: int, advisor_id: int, engine: Engine | None) -> CaseError:
    case = get_case(case_id, engine)
    if case.status == "resolved":
        return CaseConflict(f"case #{case_id} is already resolved")
    if case.status == "open":
        return CaseConflict(f"claim case #{case_id} first")
    if case.claimed_by != advisor_id:
        return CaseConflict(f"case #{case_id} is being handled by {case.advisor.name}")
    return CaseConflict(f"case #{case_id} changed meanwhile; reload it")


def claim(case_id: int, advisor_id: int, engine: Engine | None = None) -> HandoffCase:
    """Give the open case to ``advisor_id``; only one advisor ever wins."""
    with session_scope(engine) as session:
        result = session.execute(
            update(HandoffCase)
            .where(HandoffCase.id == case_id, HandoffCase.status == "open")
            .values(status="claimed", claimed_by=advisor_id, claimed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:
        case = get_case(case_id, engine)
        if case.status == "claimed" and case.claimed_by == advisor_id:
            return case
        raise _why_not(case_id, advisor_id, engine)
    return get_case(case_id, engine)


def holding(case_id: int, advisor_id: int, engine: Engine | None = None) -> HandoffCase:
    """The case, if ``advisor_id`` holds it (has claimed it and it is not resolved); else CaseError."""
    case = get_case(case_id, engine)
    if case.status != "claimed" or case.claimed_by != advisor_id:
        raise _why_not(case_id, advisor_id, engine)
    return case


def add_advisor_message(
    case_id: int, advisor_id: int, text: str, engine: Engine | None = None
) -> CaseMessage:
    """Store the advisor's reply (before it is sent, so it is never lost)."""
    text = (text or "").strip()
    if not text:
        raise CaseError("the reply is empty")
    holding(case_id, advisor_id, engine)
    message = CaseMessage(case_id=case_id, sender="advisor", advisor_id=advisor_id, text=text)
    with session_scope(engine) as session:
        session.add(message)
    return message


def mark_delivered(message_id: int, engine: Engine | None = None) -> None:
    with session_scope(engine) as session:
        session.execute(update(CaseMessage).where(CaseMessage.id == message_id).values(delivered_at=utcnow()))


def record_learner_messages(
    case: HandoffCase, conversation: list[Line], engine: Engine | None = None
) -> None:
    """Copy the learner's messages sent since the case opened into the case, each once.

    An anonymous learner's contact details typed meanwhile are kept on the case.
    """
    opened = as_utc(case.created_at).timestamp()
    known = {m.tracker_timestamp for m in case.messages if m.sender == "learner"}
    new = [
        line
        for line in conversation
        if line.sender == "learner" and line.timestamp >= opened and line.timestamp not in known
    ]
    if not new:
        return
    contact = find_contact(line.text for line in new) if case.student_id is None else None
    try:
        with session_scope(engine) as session:
            for line in new:
                session.add(
                    CaseMessage(
                        case_id=case.id,
                        sender="learner",
                        text=line.text,
                        sent_at=datetime.fromtimestamp(line.timestamp, timezone.utc),
                        tracker_timestamp=line.timestamp,
                    )
                )
            if contact:
                session.execute(update(HandoffCase).where(HandoffCase.id == case.id).values(contact=contact))
    except IntegrityError:
        pass  # another reader of the same case copied them at the same moment


def stored_lines(case: HandoffCase) -> list[Line]:
    """The case's stored messages as transcript lines."""
    return [
        Line("learner", m.text, m.tracker_timestamp)
        if m.sender == "learner"
        else Line("advisor", m.text, as_utc(m.sent_at).timestamp(), m.advisor.name, m.id)
        for m in case.messages
    ]


def resolve(case_id: int, advisor_id: int, engine: Engine | None = None) -> HandoffCase:
    with session_scope(engine) as session:
        result = session.execute(
            update(HandoffCase)
            .where(
                HandoffCase.id == case_id,
                HandoffCase.status == "claimed",
                HandoffCase.claimed_by == advisor_id,
            )
            .values(status="resolved", resolved_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:
        raise _why_not(case_id, advisor_id, engine)
    return get_case(case_id, engine)


def describe(case: HandoffCase) -> dict:
    """The case as JSON for the queue and the webhook: no transcript, no student records."""
    reason = Reason(case.reason)
    return {
        "id": case.id,
        "conversation_id": case.conversation_id,
        "status": case.status,
        "reason": reason.value,
        "reason_label": reason.label,
        "priority": case.priority,
        "language": case.language,
        "learner": {
            "signed_in": case.student_id is not None,
            "student_id": case.student_id,
            "contact": case.contact,
        },
        "credentials": case.credentials,
        "created_at": _iso(case.created_at),
        "claimed_by": case.advisor.name if case.advisor else None,
        "claimed_at": _iso(case.claimed_at),
        "resolved_at": _iso(case.resolved_at),
        "notification": {
            "status": case.notification_status,
            "attempts": case.notification_attempts,
            "last_error": case.notification_last_error,
            "notified_at": _iso(case.notified_at),
        },
    }
