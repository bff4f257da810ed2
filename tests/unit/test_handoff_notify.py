"""Advisors hear about every case through the webhook: retried with back-off, never lost."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import replace
from datetime import timedelta

from bot.clock import as_utc, utcnow
from bot.config import Settings
from bot.db import session_scope
from bot.handoff import cases
from bot.handoff.cases import CaseRequest
from bot.handoff.notify import LEASE, RETRY_BASE, RETRY_CAP, SIGNATURE_HEADER, notify, retry_delay, retry_due
from bot.handoff.rules import Reason
from bot.handoff.transcript import Line
from bot.models import HandoffCase
from tests.support.advisor_accounts import make_advisor
from tests.support.webhook_receiver import WebhookReceiver


def settings(url: str) -> Settings:
    return replace(
        Settings.from_env(), advisor_webhook_url=url, console_url="https://hvu.example.edu/advisor"
    )


def open_case(conversation: str = "conv-1"):
    case, _ = cases.open_case(
        CaseRequest(
            conversation, Reason.COMPLAINT, [Line("learner", "I want to appeal my grade", 1_800_000_000.0)]
        )
    )
    return case


def stored(case_id: int) -> HandoffCase:
    return cases.get_case(case_id)


def test_a_webhook_that_fails_twice_then_answers_receives_the_case_after_growing_pauses(handoff_db):
    case = open_case()
    pauses = []
    with WebhookReceiver(fail_first=2) as hook:
        assert notify(case.id, settings(hook.url), tries=3, sleep=pauses.append)
    assert len(hook.requests) == 3
    assert pauses == [0.5, 1.0]
    delivered = hook.received[0]["case"]
    assert delivered["id"] == case.id
    assert delivered["reason_label"] == "Complaint or appeal"
    assert delivered["transcript"][0]["text"] == "I want to appeal my grade"
    assert delivered["console_url"] == f"https://hvu.example.edu/advisor#case-{case.id}"
    after = stored(case.id)
    assert (after.notification_status, after.notification_attempts) == ("sent", 3)
    assert after.notified_at is not None and after.notification_last_error is None


def test_a_webhook_that_stays_down_keeps_the_case_and_records_why_and_when_to_retry(handoff_db):
    case = open_case()
    with WebhookReceiver(fail_first=100) as hook:
        before = utcnow()
        assert not notify(case.id, settings(hook.url), tries=3, sleep=lambda _: None)
    after = stored(case.id)
    assert after.status == "open"
    assert after.notification_status == "failed"
    assert after.notification_attempts == 3
    assert after.notification_last_error == "the webhook answered HTTP 503"
    retry_at = as_utc(after.notification_next_attempt_at)
    assert before + retry_delay(3) <= retry_at <= utcnow() + retry_delay(3)
    assert [c.id for c in cases.queue()] == [case.id]


def test_an_unreachable_webhook_is_recorded_as_such(handoff_db):
    case = open_case()
    with WebhookReceiver() as hook:
        url = hook.url  # the port is closed once the receiver stops
    assert not notify(case.id, settings(url), tries=1)
    assert "ConnectionError" in stored(case.id).notification_last_error


def test_the_back_off_doubles_and_is_capped():
    assert [retry_delay(n) for n in (1, 2, 3)] == [RETRY_BASE, RETRY_BASE * 2, RETRY_BASE * 4]
    assert retry_delay(200) == RETRY_CAP


def test_a_failed_case_is_retried_once_due_and_delivered_when_the_webhook_is_back(handoff_db):
    case = open_case()
    with WebhookReceiver(fail_first=100) as down:
        notify(case.id, settings(down.url), tries=1)
    with WebhookReceiver() as hook:
        assert retry_due(settings(hook.url)) == {}  # not due yet: nothing sent
        assert hook.requests == []
        with session_scope() as session:
            session.get(HandoffCase, case.id).notification_next_attempt_at = utcnow() - timedelta(seconds=1)
        assert retry_due(settings(hook.url)) == {case.id: True}
        assert retry_due(settings(hook.url)) == {}  # delivered cases are not sent again
    assert [body["case"]["id"] for body in hook.received] == [case.id]
    assert stored(case.id).notification_attempts == 2


def test_retrying_now_ignores_the_back_off_but_not_resolved_or_delivered_cases(handoff_db):
    waiting, resolved = open_case("a"), open_case("b")
    advisor = make_advisor()
    cases.claim(resolved.id, advisor.id)
    cases.resolve(resolved.id, advisor.id)
    with WebhookReceiver(fail_first=100) as down:
        notify(waiting.id, settings(down.url), tries=1)
    with WebhookReceiver() as hook:
        assert retry_due(settings(hook.url), due_only=False) == {waiting.id: True}
    assert [body["case"]["id"] for body in hook.received] == [waiting.id]


def test_a_case_being_delivered_is_not_sent_twice_at_once(handoff_db):
    case = open_case()
    with WebhookReceiver() as hook:
        with session_scope() as session:  # another worker holds the lease
            session.get(HandoffCase, case.id).notification_next_attempt_at = utcnow() + LEASE
        assert not notify(case.id, settings(hook.url))
        assert hook.requests == []


def test_without_a_webhook_configured_the_case_waits_and_says_why(handoff_db):
    case = open_case()
    assert not notify(case.id, settings(""))
    after = stored(case.id)
    assert after.notification_status == "pending"
    assert "MICROCRED_ADVISOR_WEBHOOK_URL" in after.notification_last_error
    assert retry_due(settings("")) == {}
    assert stored(case.id).notification_attempts == 0


def test_with_a_secret_each_delivery_carries_an_hmac_of_its_exact_body(handoff_db):
    case = open_case()
    secret = "webhook-shared-secret"
    with WebhookReceiver() as hook:
        assert notify(case.id, replace(settings(hook.url), advisor_webhook_secret=secret))
    [(headers, raw)] = hook.deliveries
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    assert json.loads(raw)["case"]["id"] == case.id


def test_without_a_secret_deliveries_are_unsigned(handoff_db):
    case = open_case()
    with WebhookReceiver() as hook:
        assert notify(case.id, settings(hook.url))
    [(headers, _)] = hook.deliveries
    assert SIGNATURE_HEADER not in headers
