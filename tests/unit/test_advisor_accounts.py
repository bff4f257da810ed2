"""Advisor accounts: salted scrypt passwords, sign-in, sessions that end, and the CLI that creates them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db import session_scope
from bot.identity import advisors
from bot.identity.advisors import (
    AdvisorError,
    authenticate,
    create_advisor,
    end_session,
    session_advisor,
    start_session,
)
from bot.identity.passwords import PasswordError, hash_password, verify_password
from bot.models import Advisor, AdvisorSession
from tests.support.advisor_accounts import PASSWORD, make_advisor


def test_a_password_hash_is_salted_verifies_the_password_and_nothing_else():
    first, second = hash_password("correct horse battery"), hash_password("correct horse battery")
    assert first != second and first.startswith("scrypt$")
    assert "correct horse" not in first
    assert verify_password("correct horse battery", first)
    assert not verify_password("correct horse batterY", first)
    assert not verify_password("correct horse battery", first[:-4] + "AAA=")
    assert not verify_password("correct horse battery", "not a hash")
    assert not verify_password("correct horse battery", first.replace("scrypt", "md5", 1))


def test_an_advisor_signs_in_with_their_password_and_email_in_any_case(handoff_db):
    ann = make_advisor()
    assert authenticate("Ann.Lee@HVU.example.edu ", PASSWORD).id == ann.id
    assert authenticate("ann.lee@hvu.example.edu", "wrong password!") is None
    assert authenticate("nobody@hvu.example.edu", PASSWORD) is None


def test_a_deactivated_advisor_cannot_sign_in_or_use_a_session(handoff_db):
    ann = make_advisor()
    token = start_session(ann)
    with session_scope() as session:
        session.get(Advisor, ann.id).active = False
    assert authenticate(ann.email, PASSWORD) is None
    assert session_advisor(token) is None


@pytest.mark.parametrize(
    "email, name, password, message",
    [
        ("not-an-email", "Ann", PASSWORD, "is not an email address"),
        ("ann@hvu.example.edu", " ", PASSWORD, "needs a name"),
        ("ann@hvu.example.edu", "Ann", "short", "at least 10 characters"),
    ],
)
def test_bad_account_details_are_refused_with_a_reason(handoff_db, email, name, password, message):
    with pytest.raises((AdvisorError, PasswordError), match=message):
        create_advisor(email, name, password)


def test_an_email_can_have_only_one_account(handoff_db):
    make_advisor()
    with pytest.raises(AdvisorError, match="already an advisor"):
        make_advisor("ANN.LEE@hvu.example.edu", "Someone Else")


def test_a_session_token_signs_in_until_it_expires_or_the_advisor_signs_out(handoff_db):
    ann = make_advisor()
    token = start_session(ann)
    assert session_advisor(token).id == ann.id
    assert session_advisor(token + "x") is None
    with session_scope() as session:
        stored = session.scalars(select(AdvisorSession)).one()
        assert stored.token_digest != token  # only a digest is kept
        stored.expires_at = stored.expires_at - advisors.SESSION_LIFETIME - timedelta(seconds=1)
    assert session_advisor(token) is None
    fresh = start_session(ann)
    end_session(fresh)
    assert session_advisor(fresh) is None


def test_the_cli_creates_an_account_from_a_password_on_stdin(handoff_db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["advisors", "create", "bo@hvu.example.edu", "--name", "Bo Park", "--password-stdin"]) == 0
    assert "created advisor Bo Park <bo@hvu.example.edu>" in capsys.readouterr().out
    assert authenticate("bo@hvu.example.edu", PASSWORD).name == "Bo Park"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["advisors", "create", "cy@hvu.example.edu", "--name", "Cy", "--password-stdin"]) == 1
    assert "error: the password must be at least 10 characters long" in capsys.readouterr().err
