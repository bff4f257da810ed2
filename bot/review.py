"""Record messages the assistant could not answer, for staff to review."""
from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.models import UnansweredMessage


def record_unanswered(
    conversation_id: str,
    text: str,
    reason: str,
    intent: str | None = None,
    confidence: float | None = None,
    engine: Engine | None = None,
) -> None:
    with session_scope(engine) as session:
        session.add(
            UnansweredMessage(
                conversation_id=conversation_id,
                text=text or "",
                reason=reason,
                intent=intent,
                confidence=confidence,
            )
        )
