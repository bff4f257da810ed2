"""Handoff cases: a conversation passed to a human advisor, and the messages exchanged in it.

At most one case per conversation is unresolved at a time (a partial unique index), so
asking twice reuses the open case. The advisor-notification state lives on the case: a
failed webhook delivery is kept and retried, never dropped.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import relationship

from bot.models.base import Base
from bot.clock import utcnow

CASE_STATUSES = ("open", "claimed", "resolved")
NOTIFICATION_STATUSES = ("pending", "sent", "failed")
MESSAGE_SENDERS = ("learner", "advisor")

_UNRESOLVED = text("status <> 'resolved'")


class HandoffCase(Base):
    __tablename__ = "handoff_cases"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in CASE_STATUSES) + ")", name="handoff_case_status"
        ),
        CheckConstraint(
            "notification_status IN (" + ", ".join(f"'{s}'" for s in NOTIFICATION_STATUSES) + ")",
            name="handoff_notification_status",
        ),
        Index(
            "one_unresolved_case_per_conversation",
            "conversation_id",
            unique=True,
            sqlite_where=_UNRESOLVED,
            postgresql_where=_UNRESOLVED,
        ),
    )

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(200), nullable=False, index=True)
    #: The verified student id, or None for an anonymous learner.
    student_id = Column(String(20), nullable=True, index=True)
    #: An email address or phone number the learner typed, if any.
    contact = Column(String(254), nullable=True)
    reason = Column(String(40), nullable=False)
    #: The conversation's language when the case opened ("es"), as the advisor console shows it.
    language = Column(String(12), nullable=True)
    #: Lower sorts first in the advisors' queue.
    priority = Column(Integer, nullable=False)
    #: The conversation up to the handoff: [{"sender", "text", "timestamp", "advisor"?}].
    transcript = Column(JSON, nullable=False)
    credentials = Column(JSON, nullable=False)
    #: The signed-in student's progress when the case was opened (see bot.handoff.summary).
    progress_summary = Column(JSON, nullable=True)
    status = Column(String(20), nullable=False, default="open")
    claimed_by = Column(ForeignKey("advisors.id", ondelete="RESTRICT"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    claimed_at = Column(DateTime(timezone=True), nullable=True)
    resolved_at = Column(DateTime(timezone=True), nullable=True)

    notification_status = Column(String(20), nullable=False, default="pending")
    notification_attempts = Column(Integer, nullable=False, default=0)
    notification_last_error = Column(Text, nullable=True)
    #: When the next delivery attempt is due (also a short lease while one is running).
    notification_next_attempt_at = Column(DateTime(timezone=True), nullable=True)
    notified_at = Column(DateTime(timezone=True), nullable=True)

    advisor = relationship("Advisor", lazy="joined")
    messages = relationship(
        "CaseMessage", back_populates="case", order_by="CaseMessage.sent_at", cascade="all, delete-orphan"
    )


class CaseMessage(Base):
    """A message exchanged while the case was open: the learner's (copied from the tracker) or an advisor's."""

    __tablename__ = "case_messages"
    __table_args__ = (
        CheckConstraint(
            "sender IN (" + ", ".join(f"'{s}'" for s in MESSAGE_SENDERS) + ")", name="case_message_sender"
        ),
        UniqueConstraint("case_id", "tracker_timestamp"),
    )

    id = Column(Integer, primary_key=True)
    case_id = Column(ForeignKey("handoff_cases.id", ondelete="CASCADE"), nullable=False, index=True)
    sender = Column(String(20), nullable=False)
    advisor_id = Column(ForeignKey("advisors.id", ondelete="RESTRICT"), nullable=True)
    text = Column(Text, nullable=False)
    sent_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    #: The tracker event's timestamp, for learner messages (so each is copied once).
    tracker_timestamp = Column(Float, nullable=True)
    #: When the advisor's message reached the conversation through Rasa (None: not delivered).
    delivered_at = Column(DateTime(timezone=True), nullable=True)

    case = relationship("HandoffCase", back_populates="messages")
    advisor = relationship("Advisor", lazy="joined")
