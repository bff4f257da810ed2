"""Advisor accounts for the advisor console, and their sign-in sessions.

Passwords are stored only as salted scrypt hashes, sessions only as SHA-256 digests of
their random tokens (see ``bot.identity.advisors``).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String

from bot.models.base import Base
from bot.clock import utcnow


class Advisor(Base):
    __tablename__ = "advisors"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    password_hash = Column(String(300), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AdvisorSession(Base):
    __tablename__ = "advisor_sessions"

    token_digest = Column(String(64), primary_key=True)
    advisor_id = Column(ForeignKey("advisors.id", ondelete="CASCADE"), nullable=False, index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    expires_at = Column(DateTime(timezone=True), nullable=False)
