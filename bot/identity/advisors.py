"""Advisor accounts and console sessions.

A session is a random token handed to the advisor's browser (an HttpOnly cookie) or API
client (a bearer token); only its SHA-256 digest is stored, so a copy of the database
signs no one in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.clock import as_utc, utcnow
from bot.db import session_scope
from bot.identity.passwords import check_strength, hash_password, verify_password
from bot.models import Advisor, AdvisorSession

SESSION_LIFETIME = timedelta(hours=12)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


class AdvisorError(Exception):
    """An account that cannot be created as asked; the message says why."""


def _normal(email: str) -> str:
    return email.strip().lower()


def create_advisor(email: str, name: str, password: str, engine: Engine | None = None) -> Advisor:
    email, name = _normal(email), name.strip()
    if not EMAIL.fullmatch(email):
        raise AdvisorError(f"'{email}' is not an email address")
    if not name:
        raise AdvisorError("the advisor needs a name (--name), which learners see on replies")
    check_strength(password)
    with session_scope(engine) as session:
        if session.scalars(select(Advisor).where(Advisor.email == email)).first():
            raise AdvisorError(f"there is already an advisor with the email {email}")
        advisor = Advisor(email=email, name=name, password_hash=hash_password(password), active=True)
        session.add(advisor)
    return advisor


def authenticate(email: str, password: str, engine: Engine | None = None) -> Advisor | None:
    with session_scope(engine) as session:
        advisor = session.scalars(select(Advisor).where(Advisor.email == _normal(email))).first()
    if advisor is None:
        verify_password(password, _DUMMY_HASH)
        return None
    if not verify_password(password, advisor.password_hash) or not advisor.active:
        return None
    return advisor


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(advisor: Advisor, engine: Engine | None = None) -> str:
    token = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        session.execute(delete(AdvisorSession).where(AdvisorSession.expires_at <= utcnow()))
        session.add(
            AdvisorSession(
                token_digest=_digest(token), advisor_id=advisor.id, expires_at=utcnow() + SESSION_LIFETIME
            )
        )
    return token


def session_advisor(token: str, engine: Engine | None = None) -> Advisor | None:
    """The active advisor whose unexpired session ``token`` is, or None."""
    with session_scope(engine) as session:
        row = session.get(AdvisorSession, _digest(token))
        if row is None or as_utc(row.expires_at) <= utcnow():
            return None
        advisor = session.get(Advisor, row.advisor_id)
    return advisor if advisor is not None and advisor.active else None


def end_session(token: str, engine: Engine | None = None) -> None:
    with session_scope(engine) as session:
        session.execute(delete(AdvisorSession).where(AdvisorSession.token_digest == _digest(token)))
