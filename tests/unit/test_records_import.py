"""Importing student records from CSV: idempotent, all-or-nothing per file, every bad row reported."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from bot.catalog.loader import load_knowledge_base
from bot.catalog.schema import KnowledgeBaseError
from bot.cli import main
from bot.db import session_scope
from bot.models import Credential, Enrollment, RequirementCompletion, Student
from bot.records.csv_import import import_files
from bot.records.demo import DEMO_FILES
from tests.conftest import KNOWLEDGE_BASE

STUDENTS_HEADER = "student_id,given_name,family_name,email,program\n"
ENROLLMENTS_HEADER = "student_id,credential_id,status,enrolled_on,completed_on\n"
COMPLETIONS_HEADER = "student_id,requirement_code,completed_on,result\n"


def count(model) -> int:
    with session_scope() as session:
        return session.scalar(select(func.count()).select_from(model))


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_demo_records_cover_every_stage_and_a_second_import_changes_nothing(catalog_db):
    first, problems = import_files(DEMO_FILES)
    assert problems == []
    assert [s.added for s in first] == [12, 21, 30]
    with session_scope() as session:
        statuses = set(session.scalars(select(Enrollment.status)))
        no_enrollments = session.scalars(
            select(Student.id).where(~Student.id.in_(select(Enrollment.student_id)))
        ).all()
    assert statuses == {"Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Withdrew"}
    assert no_enrollments == ["S1006"]

    second, problems = import_files(DEMO_FILES)
    assert problems == []
    assert [(s.added, s.updated, s.unchanged) for s in second] == [(0, 0, 12), (0, 0, 21), (0, 0, 30)]
    assert (count(Student), count(Enrollment), count(RequirementCompletion)) == (12, 21, 30)


def test_a_changed_row_updates_the_record_it_names(records_db, tmp_path):
    path = write(
        tmp_path,
        "moved.csv",
        ENROLLMENTS_HEADER + "S1012,sql-fundamentals-badge,Completed,2026-09-01,2026-11-20\n",
    )
    [summary], problems = import_files([path])
    assert problems == []
    assert (summary.added, summary.updated) == (0, 1)
    with session_scope() as session:
        enrollment = session.scalars(
            select(Enrollment).where(
                Enrollment.student_id == "S1012", Enrollment.credential_id == "sql-fundamentals-badge"
            )
        ).one()
    assert (enrollment.status, str(enrollment.completed_on)) == ("Completed", "2026-11-20")


def test_every_bad_row_is_reported_with_file_line_and_reason_and_nothing_is_imported(records_db, tmp_path):
    path = write(
        tmp_path,
        "enrollments.csv",
        ENROLLMENTS_HEADER
        + "S1006,sql-fundamentals-badge,Enrolled,2026-10-01,\n"  # line 2: fine on its own
        + "S1006,underwater-basket-weaving-badge,Enrolled,2026-10-01,\n"  # line 3
        + "S9999,sql-fundamentals-badge,Enrolled,2026-10-01,\n"  # line 4
        + "S1006,excel-analytics-badge,Done,2026-10-01,\n"  # line 5
        + "S1006,data-visualization-badge,Completed,2026-10-01,\n"  # line 6
        + "S1006,cloud-foundations-badge,Enrolled,01/10/2026,\n"  # line 7
        + "S1006,sql-fundamentals-badge,InProgress,2026-10-01,\n",  # line 8: repeats line 2
    )
    summaries, problems = import_files([path])
    assert summaries == []
    reported = [(p.line, p.reason) for p in problems]
    assert reported == [
        (3, "credential 'underwater-basket-weaving-badge' is not in the catalog"),
        (4, "student 'S9999' is not in the database; import them in a students file first"),
        (5, "status 'Done' is not one of Completed, Enrolled, Failed, InProgress, OnHold, Withdrew"),
        (6, "completed_on is required when the status is Completed"),
        (7, "enrolled_on '01/10/2026' is not a date like 2026-09-01"),
        (8, "repeats line 2 (S1006 + sql-fundamentals-badge)"),
    ]
    assert all(p.file == str(path) for p in problems)
    assert (
        str(problems[0])
        == f"{path}, line 3: credential 'underwater-basket-weaving-badge' is not in the catalog"
    )
    with session_scope() as session:
        assert session.scalars(select(Enrollment).where(Enrollment.student_id == "S1006")).all() == []


def test_completions_must_name_a_catalog_requirement_and_a_known_student(records_db, tmp_path):
    path = write(
        tmp_path,
        "completions.csv",
        COMPLETIONS_HEADER
        + "S1006,DATA 110,2026-10-01,A\nS1006,DATA 999,2026-10-01,A\nS0000,DATA 120,2026-10-01,\n",
    )
    _, problems = import_files([path])
    assert [(p.line, p.reason) for p in problems] == [
        (3, "requirement code 'DATA 999' is not in the catalog"),
        (4, "student 'S0000' is not in the database; import them in a students file first"),
    ]
    with session_scope() as session:
        assert (
            session.scalars(
                select(RequirementCompletion).where(RequirementCompletion.student_id == "S1006")
            ).all()
            == []
        )


def test_student_rows_are_checked_for_ids_emails_and_missing_names(records_db, tmp_path):
    path = write(
        tmp_path,
        "students.csv",
        STUDENTS_HEADER
        + "S2001,Ana,Lopez,ana.lopez@example.edu,Undeclared\n"
        + "2002,Ben,Ode,ben@example.edu,Undeclared\n"
        + "S2003,,Park,not-an-email,Undeclared\n"
        + "S2004,Cy,Ng,maya.chen@students.hvu.example.edu,Undeclared\n",
    )
    _, problems = import_files([path])
    assert [(p.line, p.reason) for p in problems] == [
        (3, "student_id '2002' is not a student id like S1001"),
        (4, "email 'not-an-email' is not an email address"),
        (4, "given_name is empty"),
        (5, "email 'maya.chen@students.hvu.example.edu' already belongs to student S1001"),
    ]
    assert count(Student) == 12


def test_files_are_imported_students_first_whatever_the_order_given(catalog_db, tmp_path):
    students = write(tmp_path, "s.csv", STUDENTS_HEADER + "S3001,Kai,Lee,kai@example.edu,Undeclared\n")
    enrollments = write(
        tmp_path, "e.csv", ENROLLMENTS_HEADER + "S3001,python-foundations-badge,Enrolled,2026-10-01,\n"
    )
    completions = write(tmp_path, "c.csv", COMPLETIONS_HEADER + "S3001,DATA 110,2026-10-20,Pass\n")
    summaries, problems = import_files([completions, enrollments, students])
    assert problems == []
    assert [s.kind for s in summaries] == ["students", "enrollments", "completions"]


def test_a_bad_file_does_not_stop_the_good_ones(catalog_db, tmp_path):
    good = write(tmp_path, "s.csv", STUDENTS_HEADER + "S3001,Kai,Lee,kai@example.edu,Undeclared\n")
    bad = write(tmp_path, "e.csv", ENROLLMENTS_HEADER + "S3001,no-such-badge,Enrolled,2026-10-01,\n")
    summaries, problems = import_files([good, bad])
    assert [s.file for s in summaries] == [str(good)]
    assert [p.file for p in problems] == [str(bad)]
    assert count(Student) == 1 and count(Enrollment) == 0


def test_unreadable_files_get_a_clear_reason(catalog_db, tmp_path):
    unknown_header = write(tmp_path, "grades.csv", "name,grade\nAna,A\n")
    empty = write(tmp_path, "empty.csv", "")
    short_row = write(tmp_path, "short.csv", STUDENTS_HEADER + "S3001,Kai\n")
    _, problems = import_files([unknown_header, empty, short_row, tmp_path / "missing.csv"])
    messages = [str(p) for p in problems]
    assert messages[0].startswith(f"{unknown_header}, line 1: header 'name,grade' matches no record kind")
    assert "students: student_id, given_name, family_name, email, program" in messages[0]
    assert messages[1] == f"{empty}: is empty; the first line must name the columns"
    assert messages[2] == f"{short_row}, line 2: has 2 fields, the header has 5"
    assert messages[3] == f"{tmp_path / 'missing.csv'}: no such file"


def test_kind_option_checks_the_header(catalog_db, tmp_path):
    path = write(tmp_path, "s.csv", STUDENTS_HEADER + "S3001,Kai,Lee,kai@example.edu,Undeclared\n")
    _, problems = import_files([path], kind_name="enrollments")
    assert str(problems[0]) == (
        f"{path}, line 1: does not have the enrollments columns: missing column(s) credential_id, status, enrolled_on, "
        "completed_on; unexpected column(s) given_name, family_name, email, program"
    )


def test_records_need_the_catalog_loaded_first(tmp_path, monkeypatch):
    from tests.conftest import use_database

    use_database(monkeypatch, tmp_path / "empty.db")
    students, enrollments, _ = DEMO_FILES
    _, problems = import_files([students, enrollments])
    assert [str(p) for p in problems] == [
        f"{enrollments}: the catalog is empty; run `python -m bot catalog load` first"
    ]


def test_command_line_reports_every_problem_and_exits_non_zero(records_db, tmp_path, capsys):
    path = write(
        tmp_path, "bad.csv", COMPLETIONS_HEADER + "S1001,NOPE 1,2026-01-01,A\nS1001,DATA 110,yesterday,A\n"
    )
    assert main(["records", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, line 2: requirement code 'NOPE 1' is not in the catalog" in err
    assert f"{path}, line 3: completed_on 'yesterday' is not a date like 2026-09-01" in err
    assert "Traceback" not in err


def test_load_demo_command_is_idempotent(catalog_db, capsys):
    assert main(["records", "load-demo"]) == 0
    assert main(["records", "load-demo"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3].endswith("students.csv (students): 12 rows, 0 added, 0 updated, 12 unchanged")
    assert count(Enrollment) == 21


def test_the_catalog_cannot_drop_a_credential_students_are_enrolled_in(records_db, tmp_path):
    kb = tmp_path / "knowledge_base"
    shutil.copytree(KNOWLEDGE_BASE, kb)
    computing = kb / "credentials" / "computing.yml"
    data = yaml.safe_load(computing.read_text(encoding="utf-8"))
    data["credentials"] = [c for c in data["credentials"] if c["id"] != "it-support-certificate"]
    computing.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    with pytest.raises(KnowledgeBaseError, match="student records still reference"):
        load_knowledge_base(kb)
    with session_scope() as session:
        assert session.get(Credential, "it-support-certificate") is not None
    assert count(Enrollment) == 21


def test_load_demo_skips_the_records_when_another_catalog_is_loaded(tmp_path, monkeypatch, capsys):
    from tests.conftest import use_database

    kb = tmp_path / "knowledge_base"
    shutil.copytree(KNOWLEDGE_BASE, kb)
    computing = kb / "credentials" / "computing.yml"
    data = yaml.safe_load(computing.read_text(encoding="utf-8"))
    data["credentials"] = [c for c in data["credentials"] if c["id"] != "it-support-certificate"]
    computing.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    use_database(monkeypatch, tmp_path / "other.db")
    load_knowledge_base(kb)

    assert main(["records", "load-demo"]) == 0
    captured = capsys.readouterr()
    assert "Skipped the demo student records" in captured.out
    assert "it-support-certificate" in captured.out
    assert "python -m bot records import" in captured.out
    assert count(Student) == 0 and count(Enrollment) == 0
