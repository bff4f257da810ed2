"""Audited reads of student records: every read writes an ``AuditLogEntry`` in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.models import AuditLogEntry
from bot.records.progress import StudentProgress, load_progress

#: What a progress check reads.
PROGRESS_RECORDS = "enrollments, requirement completions"


@dataclass(frozen=True)
class Actor:
    """Who reads the records: a verified student (their own), or an advisor."""

    kind: str  # "student" | "advisor"
    id: str


def read_progress(
    student_id: str,
    actor: Actor,
    conversation_id: str | None,
    purpose: str,
    engine: Engine | None = None,
) -> StudentProgress | None:
    """``student_id``'s progress, logged as read by ``actor``; None (still logged) if there is no such student."""
    with session_scope(engine) as session:
        progress = load_progress(session, student_id)
        session.add(
            AuditLogEntry(
                actor_kind=actor.kind,
                actor_id=actor.id,
                student_id=student_id,
                records=PROGRESS_RECORDS,
                conversation_id=conversation_id,
                purpose=purpose,
            )
        )
    return progress
