"""Tell advisors about a case: POST it as JSON to the configured webhook, retrying with back-off.

The case is committed before any delivery is tried, and the outcome of every delivery is
written on the case: a webhook that is down costs a retry later (``retry_due``, run by the
web service's background loop and ``python -m bot handoff retry-notifications``), never the
case. A short lease on the case keeps two workers from sending it at the same moment.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

import requests
from sqlalchemy import or_, select, update
from sqlalchemy.engine import Engine

from bot.clock import utcnow
from bot.config import Settings
from bot.db import get_engine, session_scope
from bot.handoff.cases import describe, get_case
from bot.models import HandoffCase

logger = logging.getLogger(__name__)

#: (connect, read) seconds: a slow webhook must not hold anyone up.
TIMEOUT = (2, 5)
#: Pause before the 2nd try of one delivery; doubled before each further try.
FIRST_PAUSE = 0.5
#: Wait before retrying a failed delivery, doubled after each failure, up to RETRY_CAP.
RETRY_BASE = timedelta(seconds=15)
RETRY_CAP = timedelta(minutes=30)
#: How long a worker holds a case while delivering it.
LEASE = timedelta(seconds=60)

#: Carries the HMAC-SHA256 of the exact body bytes, keyed with MICROCRED_ADVISOR_WEBHOOK_SECRET.
SIGNATURE_HEADER = "X-Microcred-Signature"

NOT_CONFIGURED = "no advisor webhook is configured (set MICROCRED_ADVISOR_WEBHOOK_URL)"


class DeliveryFailed(Exception):
    pass


def payload(case: HandoffCase, console_url: str) -> dict:
    """What the webhook receives: the case with its transcript (student records stay in the console)."""
    return {
        "event": "handoff_case_opened",
        "case": {
            **describe(case),
            "transcript": case.transcript,
            "console_url": f"{console_url}#case-{case.id}",
        },
    }


def signature(secret: str, data: bytes) -> str:
    """The ``X-Microcred-Signature`` header value: ``sha256=`` and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), data, hashlib.sha256).hexdigest()


def post(url: str, body: dict, secret: str = "") -> None:
    """POST ``body`` as JSON; signed with ``secret`` (when set) so the receiver can trust it."""
    data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    headers = {"User-Agent": "microcred-advisor-handoff", "Content-Type": "application/json"}
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, data)
    try:
        response = requests.post(url, data=data, timeout=TIMEOUT, headers=headers)
    except requests.RequestException as error:
        raise DeliveryFailed(f"{type(error).__name__}: {error}") from None
    if not 200 <= response.status_code < 300:
        raise DeliveryFailed(f"the webhook answered HTTP {response.status_code}")


def retry_delay(attempts: int) -> timedelta:
    """How long to wait for the next try after ``attempts`` failed tries in all."""
    return min(RETRY_BASE * 2 ** min(max(attempts - 1, 0), 16), RETRY_CAP)


def _undelivered(now: datetime, due_only: bool):
    conditions = [HandoffCase.notification_status != "sent", HandoffCase.status != "resolved"]
    if due_only:
        conditions.append(
            or_(
                HandoffCase.notification_next_attempt_at.is_(None),
                HandoffCase.notification_next_attempt_at <= now,
            )
        )
    return conditions


def _take_lease(case_id: int, now: datetime, due_only: bool, engine: Engine | None) -> bool:
    with session_scope(engine) as session:
        result = session.execute(
            update(HandoffCase)
            .where(HandoffCase.id == case_id, *_undelivered(now, due_only))
            .values(notification_next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False)
        )
    return result.rowcount == 1


def _record(case_id: int, engine: Engine | None, **values) -> None:
    with session_scope(engine) as session:
        session.execute(update(HandoffCase).where(HandoffCase.id == case_id).values(**values))


def notify(
    case_id: int,
    settings: Settings,
    engine: Engine | None = None,
    tries: int = 3,
    due_only: bool = True,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Deliver case ``case_id`` to the webhook in up to ``tries`` tries; True once it is delivered.

    With ``due_only`` a case whose retry is not due yet (or that another worker is
    delivering) is left alone.
    """
    if not settings.advisor_webhook_url:
        _record(case_id, engine, notification_last_error=NOT_CONFIGURED)
        return False
    now = utcnow()
    if not _take_lease(case_id, now, due_only, engine):
        return False
    case = get_case(case_id, engine)
    body = payload(case, settings.console_url)
    error = ""
    for attempt in range(tries):
        if attempt:
            sleep(FIRST_PAUSE * 2 ** (attempt - 1))
        try:
            post(settings.advisor_webhook_url, body, settings.advisor_webhook_secret)
        except DeliveryFailed as failure:
            error = str(failure)
            logger.warning("notifying advisors of case #%s failed: %s", case_id, error)
            continue
        _record(
            case_id,
            engine,
            notification_status="sent",
            notification_attempts=case.notification_attempts + attempt + 1,
            notification_last_error=None,
            notification_next_attempt_at=None,
            notified_at=utcnow(),
        )
        return True
    attempts = case.notification_attempts + tries
    _record(
        case_id,
        engine,
        notification_status="failed",
        notification_attempts=attempts,
        notification_last_error=error,
        notification_next_attempt_at=utcnow() + retry_delay(attempts),
    )
    return False


def retry_due(
    settings: Settings, engine: Engine | None = None, due_only: bool = True, tries: int = 1
) -> dict[int, bool]:
    """Try every undelivered, unresolved case again (only those due, with ``due_only``): {case id: delivered}.

    Nothing is tried while no webhook is configured.
    """
    if not settings.advisor_webhook_url:
        return {}
    with session_scope(engine) as session:
        ids = list(
            session.scalars(
                select(HandoffCase.id).where(*_undelivered(utcnow(), due_only)).order_by(HandoffCase.id)
            )
        )
    return {case_id: notify(case_id, settings, engine, tries=tries, due_only=due_only) for case_id in ids}


def notify_in_background(case_id: int, settings: Settings) -> threading.Thread:
    """Start delivering the (committed) case without holding up the learner's reply."""
    engine = get_engine()

    def deliver() -> None:
        try:
            notify(case_id, settings, engine)
        except Exception:  # the case is safe in the database; the retry loop will try again
            logger.exception("notifying advisors of case #%s failed", case_id)

    thread = threading.Thread(target=deliver, name=f"notify-case-{case_id}", daemon=True)
    thread.start()
    return thread
