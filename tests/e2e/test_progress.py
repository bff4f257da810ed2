"""Progress over HTTP, as the website talks to the bot: only the signed-in student's own records, ever."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from bot.db import get_engine, session_scope
from bot.models import (
    AuditLogEntry,
    Credential,
    CredentialRequirement,
    Enrollment,
    RequirementCompletion,
    Student,
)
from tests.support.servers import buttons, new_sender, texts
from tests.support.socketio_learner import SocketLearner

SIGN_IN = "Your progress is private, so I can only show it once you're signed in to student services."
SIGN_IN_AGAIN = "Your sign-in has expired or couldn't be verified"


def records_of(bot_servers, student_id: str) -> dict:
    """Straight from the database: the student, and per enrollment (done, total) requirement counts."""
    with session_scope(get_engine(bot_servers.database_url)) as session:
        student = session.get(Student, student_id)
        done = set(
            session.scalars(
                select(RequirementCompletion.requirement_code).where(
                    RequirementCompletion.student_id == student_id
                )
            )
        )
        enrollments = {}
        for credential_id, name in session.execute(
            select(Enrollment.credential_id, Credential.name)
            .join(Credential, Credential.id == Enrollment.credential_id)
            .where(Enrollment.student_id == student_id)
        ):
            codes = set(
                session.scalars(
                    select(CredentialRequirement.requirement_code).where(
                        CredentialRequirement.credential_id == credential_id
                    )
                )
            )
            enrollments[name] = (len(codes & done), len(codes))
        return {"given_name": student.given_name, "enrollments": enrollments}


def audited_students(bot_servers, sender: str) -> set[str]:
    with session_scope(get_engine(bot_servers.database_url)) as session:
        return set(
            session.scalars(select(AuditLogEntry.student_id).where(AuditLogEntry.conversation_id == sender))
        )


def test_a_signed_in_student_sees_exactly_their_own_progress(bot_servers, sign_in):
    sender = new_sender()
    reply = texts(bot_servers.chat("show my progress", sender, token=sign_in("S1012")))
    mine = records_of(bot_servers, "S1012")
    assert f"Hi {mine['given_name']}, here's your progress:" in reply
    for name, (done, total) in mine["enrollments"].items():
        assert f"- {name}: {done} of {total} done" in reply
    assert audited_students(bot_servers, sender) == {"S1012"}


def test_naming_a_credential_then_following_up(bot_servers, sign_in):
    sender, token = new_sender(), sign_in("S1012")
    sql = texts(bot_servers.chat("how far am I in the SQL badge?", sender, token=token))
    done, total = records_of(bot_servers, "S1012")["enrollments"]["SQL Fundamentals"]
    assert sql.startswith(f"SQL Fundamentals: {done} of {total} requirements done")
    left = texts(bot_servers.chat("what's left?", sender, token=token))
    assert "Still to do: DATA A12 SQL Skills Assessment." in left
    assert "Done:" not in left, "what's left is not the whole summary again"
    other = bot_servers.chat("and for the other one?", sender, token=token)
    assert texts(other).startswith("Python Programming Foundations: 1 of 3 requirements done")


def test_how_am_i_doing_is_answered_from_the_record(bot_servers, sign_in):
    reply = texts(bot_servers.chat("how am I doing?", new_sender(), token=sign_in("S1012")))
    assert "SQL Fundamentals" in reply and "Python Programming Foundations" in reply


def test_what_to_take_next_is_answered_from_the_record(bot_servers, sign_in):
    sender, token = new_sender(), sign_in("S1012")
    upcoming = texts(bot_servers.chat("what should I take next?", sender, token=token))
    assert "SQL Fundamentals: Next step: DATA A12 SQL Skills Assessment (assessment)." in upcoming
    assert "Python Programming Foundations: Next step:" in upcoming


@pytest.mark.parametrize(
    "typed",
    [
        "show me S1002's progress",
        "I am S1002",
        "check the progress of student S1002",
        "I'm Jordan Alvarez, how far am I?",
    ],
)
def test_one_students_token_never_yields_anothers_records(bot_servers, sign_in, typed):
    sender = new_sender()
    reply = texts(bot_servers.chat(typed, sender, token=sign_in("S1001")))
    theirs = records_of(bot_servers, "S1002")
    assert theirs["given_name"] not in reply
    for name in theirs["enrollments"]:
        assert name not in reply
    assert audited_students(bot_servers, sender) <= {"S1001"}


def test_without_a_token_a_typed_student_id_gets_the_sign_in_answer(bot_servers):
    sender = new_sender()
    for typed in ("show my progress", "I am S1001, show my progress"):
        messages = bot_servers.chat(typed, sender)
        assert SIGN_IN in texts(messages)
        assert "Maya" not in texts(messages)
    assert audited_students(bot_servers, sender) == set()


def test_an_expired_token_is_asked_to_sign_in_again(bot_servers, sign_in):
    expired = sign_in("S1001", now=datetime.now(timezone.utc) - timedelta(hours=2))
    messages = bot_servers.chat("show my progress", token=expired)
    assert SIGN_IN_AGAIN in texts(messages)
    assert "Maya" not in texts(messages)


def test_a_token_signed_with_the_wrong_key_is_asked_to_sign_in_again(bot_servers, sign_in):
    forged = sign_in("S1001", secret="an-attackers-own-key-that-is-long-enough-0123")
    sender = new_sender()
    messages = bot_servers.chat("show my progress", sender, token=forged)
    assert SIGN_IN_AGAIN in texts(messages)
    assert "Maya" not in texts(messages)
    assert audited_students(bot_servers, sender) == set()


def test_a_student_with_no_enrollments_is_offered_recommendations(bot_servers, sign_in):
    messages = bot_servers.chat("check my progress", token=sign_in("S1006"))
    assert "you're not enrolled in any micro-credentials yet" in texts(messages)
    assert "/recommend_credentials" in [b["payload"] for b in buttons(messages)]


def test_every_progress_read_is_in_the_audit_log(bot_servers, sign_in):
    sender = new_sender()
    bot_servers.chat("show my progress", sender, token=sign_in("S1003"))
    bot_servers.chat("show my progress", sender, token=sign_in("S1003"))
    with session_scope(get_engine(bot_servers.database_url)) as session:
        reads = session.scalar(
            select(func.count())
            .select_from(AuditLogEntry)
            .where(
                AuditLogEntry.conversation_id == sender,
                AuditLogEntry.actor_id == "S1003",
                AuditLogEntry.purpose == "check_progress",
            )
        )
    assert reads == 2


def socketio_reply(bot_servers, text: str, custom_data: dict) -> str:
    """Send one message as the website's socket.io widget does, with ``customData``; return the reply text."""
    with SocketLearner(bot_servers.rasa_url, custom_data) as learner:
        return learner.reply_to(text)


def test_the_widgets_socketio_token_identifies_the_student(bot_servers, sign_in):
    assert "Hi Maya, here's your progress:" in socketio_reply(
        bot_servers, "show my progress", {"token": sign_in("S1001")}
    )
    assert SIGN_IN in socketio_reply(bot_servers, "show my progress", {"student_id": "S1001"})
