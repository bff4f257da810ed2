"""Progress computed from the demo records and the real catalog, and the chat answers built from it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.catalog.links import credential_url
from bot.db import session_scope
from bot.models import AuditLogEntry
from bot.records.audit import Actor, read_progress
from bot.records.csv_import import import_files
from bot.records.progress import CredentialRef, load_progress
from bot.replies.progress import answer
from tests.support.reading import as_read, links
from tests.unit.test_records_import import ENROLLMENTS_HEADER, write

SQL = CredentialRef("sql-fundamentals-badge", "SQL Fundamentals")
DAC = CredentialRef("data-analytics-certificate", "Data Analytics Certificate")


def progress_of(student_id: str):
    with session_scope() as session:
        return load_progress(session, student_id)


def read(reply) -> str:
    """The reply's text as the widget shows it (credential links show their names)."""
    return as_read(reply.text)


def codes(requirements) -> list[str]:
    return [r.code for r in requirements]


def test_nothing_done_yet_starts_with_the_first_requirement(records_db):
    ux = progress_of("S1002").enrollment("ux-research-badge")
    assert (len(ux.completed), ux.total, ux.percent, ux.credits_earned) == (0, 2, 0, 0)
    assert ux.next_requirement.code == "UXD 110"
    reply = answer(progress_of("S1002"), mentioned=CredentialRef(ux.credential.id, ux.credential.name)).reply
    assert read(reply).splitlines()[:2] == [
        "You're enrolled in the User Research Methods and haven't completed a requirement yet (0 of 2).",
        "Start with: UXD 110 User Research Fundamentals (course).",
    ]


def test_everything_done(records_db):
    progress = progress_of("S1004")
    [it] = progress.enrollments
    assert (it.status, len(it.completed), it.remaining, it.percent) == ("Completed", 4, (), 100)
    assert it.credits_earned == Decimal(6)
    assert it.next_requirement is None
    reply = answer(progress).reply
    assert (
        read(reply)
        == "You earned the IT Support Technician Certificate on May 15, 2026: 4 of 4 requirements, 6 credits."
    )
    assert reply.buttons == [{"title": "Recommend credentials", "payload": "/recommend_credentials"}]


def test_withdrawn_enrollment_has_no_next_step_and_offers_an_advisor(records_db):
    progress = progress_of("S1005")
    [pm] = progress.enrollments
    assert pm.status == "Withdrew"
    assert codes(pm.completed) == ["PMGT 110"]
    assert pm.next_requirement is None
    assert progress.stacking == ()
    reply = answer(progress).reply
    assert read(reply).startswith("You withdrew from the Project Management Certificate.")
    assert "Before that you completed 1 of 4: PMGT 110" in read(reply)
    assert {"title": "Talk to an advisor", "payload": "/request_human"} in reply.buttons


def test_a_requirement_shared_by_two_credentials_counts_for_both(records_db):
    progress = progress_of("S1012")
    sql, python = (
        progress.enrollment("sql-fundamentals-badge"),
        progress.enrollment("python-foundations-badge"),
    )
    assert codes(sql.completed) == ["DATA 110", "DATA 120"]
    assert codes(python.completed) == ["DATA 110"]
    assert (sql.percent, python.percent) == (67, 33)
    assert (sql.next_requirement.code, python.next_requirement.code) == ("DATA A12", "CS 115")


def test_stacking_counts_earned_badges_toward_the_larger_credential(records_db):
    progress = progress_of("S1001")
    stack = progress.stacking_toward("data-analytics-certificate")
    assert [c.id for c in stack.earned] == ["sql-fundamentals-badge", "excel-analytics-badge"]
    assert [c.id for c in stack.in_progress] == ["data-visualization-badge"]
    assert stack.total == 3
    assert "Toward the Data Analytics Certificate: 2 of 3 digital badges earned, 1 in progress." in read(
        answer(progress).reply
    )


def test_a_missing_prerequisite_credential_comes_before_any_requirement(records_db):
    progress = progress_of("S1008")
    nano = progress.enrollment("data-science-nanodegree")
    assert [c.id for c in nano.missing_prerequisites] == ["data-analytics-certificate"]
    assert nano.next_requirement is None
    reply = answer(progress, mentioned=CredentialRef(nano.credential.id, nano.credential.name)).reply
    assert (
        "Next step: earn the Data Analytics Certificate first; the Applied Data Science Nanodegree requires it."
        in read(reply)
    )


def test_a_student_without_enrollments_is_offered_recommendations(records_db):
    reply = answer(progress_of("S1006")).reply
    assert read(reply).startswith("Hi Liam, you're not enrolled in any micro-credentials yet.")
    assert {"title": "Recommend credentials", "payload": "/recommend_credentials"} in reply.buttons


def test_an_unknown_student_has_no_progress(records_db):
    assert progress_of("S9999") is None


def test_overview_lists_active_enrollments_first_with_their_next_step(records_db):
    reply = answer(progress_of("S1001")).reply
    assert read(reply).splitlines() == [
        "Hi Maya, here's your progress:",
        "- Data Visualization Basics: 1 of 3 done (33%), next: DATA C14 Chart Selection and Design Critique",
        "- SQL Fundamentals: earned March 2, 2026",
        "- Spreadsheet Analytics with Excel: earned April 13, 2026",
        "Toward the Data Analytics Certificate: 2 of 3 digital badges earned, 1 in progress.",
    ]
    assert reply.buttons == [
        {
            "title": "Data Visualization Basics",
            "payload": '/check_progress{"credential":"data-visualization-badge"}',
        }
    ]


def test_naming_one_credential_then_asking_whats_left_then_for_the_other_one(records_db):
    progress = progress_of("S1012")
    first = answer(progress, "how far am I in the SQL badge", mentioned=SQL)
    assert read(first.reply).splitlines()[:3] == [
        "SQL Fundamentals: 2 of 3 requirements done (67%), 3 credits earned.",
        "Done: DATA 110 Introduction to Data; DATA 120 Querying Databases with SQL.",
        "Still to do: DATA A12 SQL Skills Assessment.",
    ]
    assert first.reply.buttons == [
        {
            "title": "Python Programming Foundations",
            "payload": '/check_progress{"credential":"python-foundations-badge"}',
        }
    ]
    left = answer(progress, "what's left?", focus=first.focus, shown=first.shown)
    assert "Still to do: DATA A12 SQL Skills Assessment." in read(left.reply)
    assert "Done:" not in read(left.reply), "what's left is not the whole summary again"
    other = answer(progress, "and for the other one?", focus=left.focus, shown=left.shown)
    assert read(other.reply).startswith(
        "Python Programming Foundations: 1 of 3 requirements done (33%), 1 credit earned."
    )
    assert other.shown == ("sql-fundamentals-badge", "python-foundations-badge")
    again = answer(progress, "and the other one?", focus=other.focus, shown=other.shown)
    assert read(again.reply).startswith(
        "That's everything you're enrolled in.\nHi Noah, here's your progress:"
    )


def test_whats_left_and_whats_next_without_a_credential_cover_every_enrollment_under_way(records_db):
    progress = progress_of("S1012")
    left = read(answer(progress, "what do I still need to do?").reply)
    assert "SQL Fundamentals: 1 of 3 left. Still to do: DATA A12 SQL Skills Assessment." in left
    assert "Python Programming Foundations: 2 of 3 left." in left
    assert "Done:" not in left and "here's your progress" not in left
    upcoming = read(answer(progress, "what should I take next?").reply)
    assert upcoming.splitlines() == [
        "SQL Fundamentals: Next step: DATA A12 SQL Skills Assessment (assessment).",
        f"Python Programming Foundations: Next step: {progress.enrollment('python-foundations-badge').next_requirement.code} "
        f"{progress.enrollment('python-foundations-badge').next_requirement.title} "
        f"({progress.enrollment('python-foundations-badge').next_requirement.kind}).",
    ]


def test_a_credential_not_enrolled_in_is_said_so_with_stacking_so_far(records_db):
    reply = answer(progress_of("S1001"), mentioned=DAC).reply
    assert read(reply).startswith(
        "You're not enrolled in the Data Analytics Certificate. "
        "Toward the Data Analytics Certificate: 2 of 3 digital badges earned, 1 in progress."
    )
    assert {
        "title": "How to enroll",
        "payload": '/how_to_enroll{"credential":"data-analytics-certificate"}',
    } in reply.buttons


@pytest.mark.parametrize(
    "text", ["show me S1002's progress", "I am s1002", "what about student S1001 and S1002"]
)
def test_naming_another_student_still_shows_only_ones_own_records(records_db, text):
    reply = answer(progress_of("S1001"), text).reply
    assert read(reply).startswith("I can only show your own records.\nHi Maya, here's your progress:")
    assert "Jordan" not in read(reply) and "Digital Marketing" not in read(reply)


def test_on_hold_and_failed_enrollments_point_to_an_advisor(records_db):
    emily = answer(
        progress_of("S1009"), mentioned=CredentialRef("ux-design-nanodegree", "UX Design Nanodegree")
    ).reply
    assert (
        read(emily).splitlines()[0]
        == "Your UX Design Nanodegree enrollment is on hold: 1 of 4 requirements done (25%)."
    )
    assert {"title": "Talk to an advisor", "payload": "/request_human"} in emily.buttons
    omar = answer(
        progress_of("S1010"),
        mentioned=CredentialRef("cloud-foundations-badge", "Cloud Computing Foundations"),
    )
    assert read(omar.reply).startswith(
        "The Cloud Computing Foundations is marked not passed (1 of 3 requirements done)."
    )


def test_a_withdrawn_enrollment_does_not_count_toward_stacking(records_db, tmp_path):
    path = write(
        tmp_path, "e.csv", ENROLLMENTS_HEADER + "S1012,sql-fundamentals-badge,Withdrew,2026-09-01,\n"
    )
    assert import_files([path])[1] == []
    progress = progress_of("S1012")
    assert progress.stacking_toward("data-analytics-certificate") is None
    assert progress.enrollments[-1].credential.id == "sql-fundamentals-badge"


def test_every_read_of_a_students_records_is_audited(records_db):
    progress = read_progress("S1003", Actor("student", "S1003"), "conversation-42", "check_progress")
    assert progress.given_name == "Priya"
    with session_scope() as session:
        [entry] = session.scalars(select(AuditLogEntry)).all()
    assert (entry.actor_kind, entry.actor_id, entry.student_id) == ("student", "S1003", "S1003")
    assert (entry.conversation_id, entry.purpose) == ("conversation-42", "check_progress")
    assert entry.records == "enrollments, requirement completions"
    assert entry.accessed_at is not None


def test_progress_answers_link_each_credential_to_its_page(records_db):
    reply = answer(progress_of("S1001")).reply
    linked = links(reply.text)
    assert linked["SQL Fundamentals"] == credential_url("sql-fundamentals-badge")
    assert linked["Data Analytics Certificate"] == credential_url("data-analytics-certificate")
    assert (
        credential_url("sql-fundamentals-badge") == "http://localhost:8080/credentials/sql-fundamentals-badge"
    )
