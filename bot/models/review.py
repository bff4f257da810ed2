"""Messages the assistant could not answer, kept for staff review."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, String, Text

from bot.clock import utcnow
from bot.models.base import Base


class UnansweredMessage(Base):
    __tablename__ = "unanswered_messages"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(200), nullable=False, index=True)
    text = Column(Text, nullable=False)
    intent = Column(String(120), nullable=True)
    confidence = Column(Float, nullable=True)
    reason = Column(String(60), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    reviewed = Column(Boolean, nullable=False, default=False)


class SuggestionOffer(Base):
    """The "Did you mean ...?" buttons offered for a message not understood, and which one the
    learner chose (``kind:key`` each, e.g. ``faq:funding``, ``credential:sql-fundamentals-badge``)."""

    __tablename__ = "suggestion_offers"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(200), nullable=False, index=True)
    text = Column(Text, nullable=False)
    offered = Column(Text, nullable=False)  # the offered suggestions, comma-separated, best first
    chosen = Column(String(240), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
