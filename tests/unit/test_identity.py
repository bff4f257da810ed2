"""Session tokens: only a valid, unexpired token signed with our key for a known student identifies anyone."""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import jwt
import pytest

from bot.cli import main
from bot.config import Settings
from bot.identity.tokens import IdentityError, Status, issue_token, verify_token


@pytest.fixture
def settings(records_db) -> Settings:
    return Settings.from_env()


def test_a_fresh_token_identifies_its_student(settings):
    identity = verify_token(issue_token("S1001", settings=settings), settings=settings)
    assert identity.status is Status.VERIFIED
    assert identity.student_id == "S1001"


@pytest.mark.parametrize("token", [None, ""])
def test_no_token_is_anonymous(settings, token):
    identity = verify_token(token, settings=settings)
    assert identity.status is Status.ANONYMOUS
    assert identity.student_id is None


def test_an_expired_token_is_expired(settings):
    two_hours_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    token = issue_token("S1001", minutes=60, settings=settings, now=two_hours_ago)
    identity = verify_token(token, settings=settings)
    assert identity.status is Status.EXPIRED
    assert identity.student_id is None


def test_a_token_signed_with_another_key_is_invalid(settings):
    forged = issue_token("S1001", settings=replace(settings, jwt_secret="someone-elses-key-" + "x" * 32))
    identity = verify_token(forged, settings=settings)
    assert identity.status is Status.INVALID
    assert identity.student_id is None


def test_a_token_from_another_issuer_is_invalid(settings):
    token = issue_token("S1001", settings=replace(settings, jwt_issuer="some-other-portal"))
    assert verify_token(token, settings=settings).status is Status.INVALID


def test_a_tampered_payload_is_invalid(settings):
    header, payload, signature = issue_token("S1001", settings=settings).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "S1002"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    identity = verify_token(f"{header}.{forged_payload}.{signature}", settings=settings)
    assert identity.status is Status.INVALID
    assert identity.student_id is None


def test_an_unsigned_token_is_invalid(settings):
    now = datetime.now(timezone.utc)
    claims = {"sub": "S1001", "iss": settings.jwt_issuer, "iat": now, "exp": now + timedelta(hours=1)}
    unsigned = jwt.encode(claims, key=None, algorithm="none")
    assert verify_token(unsigned, settings=settings).status is Status.INVALID


@pytest.mark.parametrize("token", ["not-a-token", "a.b.c", 12345, {"sub": "S1001"}])
def test_malformed_tokens_are_invalid(settings, token):
    assert verify_token(token, settings=settings).status is Status.INVALID


def test_a_token_without_an_expiry_is_invalid(settings):
    claims = {"sub": "S1001", "iss": settings.jwt_issuer, "iat": datetime.now(timezone.utc)}
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    assert verify_token(token, settings=settings).status is Status.INVALID


def test_a_validly_signed_token_for_an_unknown_student_is_invalid(settings):
    now = datetime.now(timezone.utc)
    claims = {"sub": "S9999", "iss": settings.jwt_issuer, "iat": now, "exp": now + timedelta(hours=1)}
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    identity = verify_token(token, settings=settings)
    assert identity.status is Status.INVALID
    assert "S9999" in identity.reason


def test_tokens_are_only_issued_for_known_students(settings):
    with pytest.raises(IdentityError, match="there is no student 'S9999'"):
        issue_token("S9999", settings=settings)


def test_without_a_secret_issuing_fails_and_everyone_is_anonymous(settings, caplog):
    token = issue_token("S1001", settings=settings)
    no_secret = replace(settings, jwt_secret="")
    with pytest.raises(IdentityError, match="MICROCRED_JWT_SECRET is not set"):
        issue_token("S1001", settings=no_secret)
    with caplog.at_level(logging.WARNING, logger="bot.identity.tokens"):
        identity = verify_token(token, settings=no_secret)
    assert identity.status is Status.ANONYMOUS
    assert "MICROCRED_JWT_SECRET is not set" in caplog.text


def test_token_command_prints_a_token_that_verifies(settings, capsys):
    assert main(["token", "issue", "S1003", "--minutes", "5"]) == 0
    token = capsys.readouterr().out.strip()
    claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], issuer=settings.jwt_issuer)
    assert claims["sub"] == "S1003"
    assert claims["exp"] - claims["iat"] == 300
    assert verify_token(token, settings=settings).student_id == "S1003"


def test_token_command_refuses_an_unknown_student(settings, capsys):
    assert main(["token", "issue", "S9999"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "error: there is no student 'S9999' (import the student records first)"


def test_token_command_explains_a_missing_secret(settings, monkeypatch, capsys):
    monkeypatch.setenv("MICROCRED_JWT_SECRET", "")
    assert main(["token", "issue", "S1001"]) == 1
    assert "MICROCRED_JWT_SECRET is not set" in capsys.readouterr().err
