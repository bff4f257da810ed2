"""Who is talking: issue and verify the signed session tokens (HS256 JWTs) of signed-in students.

A token carries ``sub`` (the student id), ``iss``, ``iat`` and ``exp``. Only a token that
verifies with the configured secret and issuer, is unexpired and names a known student
identifies anyone; a student id typed into the chat grants nothing. With no secret
configured, tokens cannot be issued and everyone is treated as anonymous.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import jwt
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.db import session_scope
from bot.models import Student

logger = logging.getLogger(__name__)

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["sub", "iss", "iat", "exp"]


class IdentityError(Exception):
    """A token cannot be issued (no secret configured, unknown student, bad lifetime)."""


class Status(enum.Enum):
    VERIFIED = "verified"
    ANONYMOUS = "anonymous"
    EXPIRED = "expired"
    INVALID = "invalid"


@dataclass(frozen=True)
class Identity:
    """The outcome of verifying a token; ``student_id`` (and the token's expiry, ``expires_at``,
    in seconds since the epoch) are set only when ``status`` is VERIFIED."""

    status: Status
    student_id: str | None = None
    reason: str = ""
    expires_at: int | None = None

    @property
    def verified(self) -> bool:
        return self.status is Status.VERIFIED


ANONYMOUS = Identity(Status.ANONYMOUS, reason="no token")


def student_exists(student_id: str, engine: Engine | None = None) -> bool:
    with session_scope(engine) as session:
        return session.get(Student, student_id) is not None


def issue_token(
    student_id: str,
    minutes: int = 60,
    settings: Settings | None = None,
    engine: Engine | None = None,
    now: datetime | None = None,
) -> str:
    """A signed token for a known student, valid for ``minutes``."""
    settings = settings or Settings.from_env()
    if not settings.jwt_secret:
        raise IdentityError("MICROCRED_JWT_SECRET is not set, so no session token can be signed")
    if minutes <= 0:
        raise IdentityError(f"a token must live at least one minute, not {minutes}")
    if not student_exists(student_id, engine):
        raise IdentityError(f"there is no student '{student_id}' (import the student records first)")
    issued = now or datetime.now(timezone.utc)
    claims = {
        "sub": student_id,
        "iss": settings.jwt_issuer,
        "iat": issued,
        "exp": issued + timedelta(minutes=minutes),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)


def decode_token(token: object, settings: Settings | None = None) -> Identity:
    """What ``token`` says, checked without the database: signature, issuer, expiry. A VERIFIED
    result names a student id that ``verify_token`` (or ``bot.identity.claims``) still looks up."""
    if token is None or token == "":
        return ANONYMOUS
    settings = settings or Settings.from_env()
    if not settings.jwt_secret:
        logger.warning(
            "MICROCRED_JWT_SECRET is not set: session tokens cannot be verified; treating the user as anonymous"
        )
        return Identity(Status.ANONYMOUS, reason="no secret configured")
    if not isinstance(token, str):
        return Identity(Status.INVALID, reason="the token is not a string")
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[ALGORITHM],
            issuer=settings.jwt_issuer,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError:
        return Identity(Status.EXPIRED, reason="the token has expired")
    except jwt.InvalidTokenError as error:
        return Identity(Status.INVALID, reason=f"the token was rejected: {error}")
    student_id = claims["sub"]
    if not isinstance(student_id, str) or not isinstance(claims["exp"], int):
        return Identity(Status.INVALID, reason=f"the token names no student ({student_id!r})")
    return Identity(Status.VERIFIED, student_id=student_id, expires_at=claims["exp"])


def verify_token(token: object, settings: Settings | None = None, engine: Engine | None = None) -> Identity:
    """Who ``token`` identifies; anything but a valid, unexpired token for a known student is not a student."""
    identity = decode_token(token, settings)
    if identity.student_id is not None and not student_exists(identity.student_id, engine):
        return Identity(Status.INVALID, reason=f"the token names no known student ({identity.student_id!r})")
    return identity
