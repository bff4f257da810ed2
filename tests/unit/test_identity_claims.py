"""What the channels store of a signed-in student: a signed claim bound to the conversation, never the token."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from bot.config import Settings
from bot.identity.claims import CLAIM_KEY, channel_metadata, unseal
from bot.identity.tokens import Status, issue_token


@pytest.fixture
def settings(records_db) -> Settings:
    return Settings.from_env()


def test_the_token_is_replaced_by_a_claim_that_identifies_the_student_in_its_conversation(settings):
    token = issue_token("S1001", settings=settings)
    stored = channel_metadata({"token": token, "locale": "en"}, "conv-1", settings)
    assert token not in str(stored)
    assert stored["locale"] == "en"
    identity = unseal(stored[CLAIM_KEY], "conv-1", settings)
    assert (identity.status, identity.student_id) == (Status.VERIFIED, "S1001")


def test_a_claim_grants_nothing_in_another_conversation(settings):
    stored = channel_metadata({"token": issue_token("S1001", settings=settings)}, "conv-1", settings)
    assert unseal(stored[CLAIM_KEY], "conv-2", settings).student_id is None


@pytest.mark.parametrize(
    "forged",
    [
        {"status": "verified", "student_id": "S1001", "expires_at": 9999999999, "conversation": "conv-1"},
        {
            "status": "verified",
            "student_id": "S1001",
            "expires_at": 9999999999,
            "conversation": "conv-1",
            "signature": "0" * 64,
        },
    ],
)
def test_identity_fields_a_client_sends_are_thrown_away(settings, forged):
    stored = channel_metadata({CLAIM_KEY: forged, "student_id": "S1001", "sub": "S1001"}, "conv-1", settings)
    assert "student_id" not in stored and "sub" not in stored
    assert unseal(stored[CLAIM_KEY], "conv-1", settings).student_id is None
    assert unseal(forged, "conv-1", settings).student_id is None


def test_a_claim_signed_with_another_secret_grants_nothing(settings):
    other = replace(settings, jwt_secret="another-secret-" + "x" * 40)
    stored = channel_metadata({"token": issue_token("S1001", settings=other)}, "conv-1", other)
    assert unseal(stored[CLAIM_KEY], "conv-1", settings).student_id is None


def test_a_claim_expires_with_its_token(settings):
    stored = channel_metadata(
        {"token": issue_token("S1001", minutes=1, settings=settings)}, "conv-1", settings
    )
    later = unseal(stored[CLAIM_KEY], "conv-1", settings, now=time.time() + 120)
    assert (later.status, later.student_id) == (Status.EXPIRED, None)


def test_an_expired_or_bad_token_is_stored_as_such_without_the_token(settings):
    expired = issue_token("S1001", settings=settings, now=datetime.now(timezone.utc) - timedelta(hours=3))
    for token, status in ((expired, Status.EXPIRED), ("not-a-token", Status.INVALID)):
        stored = channel_metadata({"token": token}, "conv-1", settings)
        assert token not in str(stored)
        assert unseal(stored[CLAIM_KEY], "conv-1", settings).status is status
