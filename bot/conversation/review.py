"""Record messages the assistant could not answer, for staff to review, with the suggestions
offered for them and the one the learner chose."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.models import SuggestionOffer, UnansweredMessage


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


def record_suggestions(
    conversation_id: str, text: str, offered: list[str], engine: Engine | None = None
) -> None:
    """Log the suggestions (``kind:key``, best first) offered for a message not understood."""
    if offered:
        with session_scope(engine) as session:
            session.add(
                SuggestionOffer(conversation_id=conversation_id, text=text or "", offered=",".join(offered))
            )


def record_choice(conversation_id: str, chosen: str, engine: Engine | None = None) -> None:
    """Mark ``chosen`` on the latest offer in this conversation that offered it and has no choice yet."""
    with session_scope(engine) as session:
        offers = session.scalars(
            select(SuggestionOffer)
            .where(SuggestionOffer.conversation_id == conversation_id, SuggestionOffer.chosen.is_(None))
            .order_by(SuggestionOffer.id.desc())
        )
        offer = next((o for o in offers if chosen in o.offered.split(",")), None)
        if offer is not None:
            offer.chosen = chosen
