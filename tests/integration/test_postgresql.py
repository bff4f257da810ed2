"""The domain layer on PostgreSQL, the production database, reached through
``MICROCRED_DATABASE_URL`` as the app does: each test expects the answers SQLite (the embedded
default) gives, or checks against the source files. tests/support/postgres.py starts the server."""

from __future__ import annotations

import csv
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import yaml
from sqlalchemy import Integer, select, text
from sqlalchemy.exc import IntegrityError

from bot.catalog.filters import catalog_filter
from bot.catalog.loader import load_knowledge_base, read_knowledge_base
from bot.catalog.repository import VERSION_KEY, Catalog
from bot.catalog.schema import KnowledgeBaseError
from bot.clock import as_utc, utcnow
from bot.db import create_schema, get_engine, session_scope
from bot.handoff import cases
from bot.handoff.cases import CaseConflict
from bot.models import (
    AuditLogEntry,
    Base,
    Enrollment,
    HandoffCase,
    InstitutionSetting,
    RequirementCompletion,
    Student,
)
from bot.records.audit import Actor, read_progress
from bot.records.csv_import import import_files
from bot.records.demo import DEMO_FILES, load_demo_records
from bot.records.progress import load_progress
from bot.replies import answers
from bot.replies.progress import answer
from tests.support.advisor_accounts import make_advisor
from tests.support.postgres import PostgresError, running_postgres
from tests.support.servers import KNOWLEDGE_BASE
from tests.unit.test_handoff_cases import request as case_request
from tests.unit.test_records_import import ENROLLMENTS_HEADER, write

STUDENTS_CSV, ENROLLMENTS_CSV, COMPLETIONS_CSV = DEMO_FILES
RECORD_MODELS = (Student, Enrollment, RequirementCompletion)

#: List requests as the listing action passes them: (text, types, models, formats, topics).
LISTINGS = [
    ("which badges are free", ["badge"], [], [], []),
    ("online certificates", ["certificate"], [], ["online"], []),
    ("stackable credentials about data", [], ["stackable"], [], ["data"]),
    ("anything open to the public", [], [], [], []),
    ("nanodegrees", ["nanodegree"], [], [], []),
]


@pytest.fixture(scope="module")
def postgres_url() -> str:
    try:
        with running_postgres() as url:
            yield url
    except PostgresError as error:
        pytest.fail(str(error))


@pytest.fixture
def pg(postgres_url, monkeypatch):
    """The app pointed at the PostgreSQL database, emptied for this test; yields its engine."""
    monkeypatch.setenv("MICROCRED_DATABASE_URL", postgres_url)
    get_engine.cache_clear()
    engine = get_engine()
    assert engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    yield engine
    engine.dispose()
    get_engine.cache_clear()


@pytest.fixture
def sqlite(tmp_path):
    """A SQLite database for the same work, to compare with; yields its engine."""
    yield get_engine(f"sqlite:///{tmp_path / 'compare.db'}")


@pytest.fixture
def catalogs(pg, sqlite):
    """The real knowledge base loaded into both databases."""
    load_knowledge_base(KNOWLEDGE_BASE)
    load_knowledge_base(KNOWLEDGE_BASE, sqlite)


@pytest.fixture
def records(catalogs, sqlite):
    """The catalog plus the demo student records in both databases."""
    load_demo_records()
    load_demo_records(sqlite)


def snapshot(engine, *models) -> dict[str, list[tuple]]:
    """Every row of the tables (all by default) in a stable order, without integer surrogate ids
    or the catalog version (new at every load, by design: it invalidates cached names)."""
    rows = {}
    with engine.connect() as connection:
        for table in [m.__table__ for m in models] or Base.metadata.sorted_tables:
            columns = [c for c in table.columns if not (c.primary_key and isinstance(c.type, Integer))]
            query = select(*columns)
            if table is InstitutionSetting.__table__:
                query = query.where(InstitutionSetting.key != VERSION_KEY)
            rows[table.name] = sorted(map(tuple, connection.execute(query)), key=repr)
    return rows


def csv_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_knowledge_base_loads_as_on_sqlite_and_loading_it_again_changes_nothing(catalogs, pg, sqlite):
    source = read_knowledge_base(KNOWLEDGE_BASE).credentials
    assert [c.id for c in Catalog().credentials()] == [c["id"] for c in source]
    loaded = snapshot(pg)
    assert loaded == snapshot(sqlite)
    load_knowledge_base(KNOWLEDGE_BASE)
    assert snapshot(pg) == loaded


def everything_asked_of(catalog: Catalog) -> list:
    """What the catalog actions read and say, for every credential and the list requests."""
    credentials = catalog.credentials()
    said = [catalog.institution(), [(r.id, r.name, r.contact) for r in catalog.support_resources()]]
    for c in credentials:
        assert catalog.get(c.id).name == c.name
        said += [
            answers.overview(c),
            answers.requirements(c, catalog.get_many(c.prerequisite_ids)),
            answers.stacking(c, catalog.stacks_into(c), catalog.stacks_from(c.id)),
        ]
    for listing in LISTINGS:
        wanted = catalog_filter(*listing)
        said.append(answers.credential_list([c for c in credentials if wanted.matches(c)], wanted.describe()))
    return said


def test_catalog_questions_and_listings_get_the_same_answers_as_on_sqlite(catalogs, sqlite):
    assert everything_asked_of(Catalog()) == everything_asked_of(Catalog(sqlite))
    wanted = catalog_filter(*LISTINGS[0])
    free_badges = [
        c["name"]
        for c in read_knowledge_base(KNOWLEDGE_BASE).credentials
        if c["type"] == "digital_badge" and c["cost_amount"] == 0
    ]
    assert free_badges
    assert [c.name for c in Catalog().credentials() if wanted.matches(c)] == free_badges


def test_demo_records_load_as_in_the_csv_files_and_a_reimport_changes_nothing(catalogs, pg, sqlite):
    sizes = [len(csv_rows(path)) for path in DEMO_FILES]
    assert [s.added for s in load_demo_records()] == sizes
    assert [(s.added, s.updated, s.unchanged) for s in load_demo_records()] == [(0, 0, n) for n in sizes]
    with session_scope() as session:
        stored = {
            (e.student_id, e.credential_id, e.status, str(e.enrolled_on), str(e.completed_on or ""))
            for e in session.scalars(select(Enrollment))
        }
    assert stored == {tuple(row.values()) for row in csv_rows(ENROLLMENTS_CSV)}
    load_demo_records(sqlite)
    assert snapshot(pg, *RECORD_MODELS) == snapshot(sqlite, *RECORD_MODELS)


def test_a_bad_row_imports_nothing_of_its_file(records, pg, tmp_path):
    before = snapshot(pg, *RECORD_MODELS)
    path = write(
        tmp_path,
        "enrollments.csv",
        ENROLLMENTS_HEADER
        + "S1006,sql-fundamentals-badge,Enrolled,2026-10-01,\n"  # a new enrollment
        + "S1012,sql-fundamentals-badge,Completed,2026-09-01,2026-11-20\n"  # a change to one
        + "S1006,no-such-badge,Enrolled,2026-10-01,\n",
    )
    summaries, problems = import_files([path])
    assert summaries == []
    assert [(p.line, p.reason) for p in problems] == [(4, "credential 'no-such-badge' is not in the catalog")]
    assert snapshot(pg, *RECORD_MODELS) == before


def test_a_catalog_reload_that_would_orphan_enrollments_is_rolled_back_whole(records, pg, tmp_path):
    kb = shutil.copytree(KNOWLEDGE_BASE, tmp_path / "knowledge_base")
    computing = kb / "credentials" / "computing.yml"
    data = yaml.safe_load(computing.read_text(encoding="utf-8"))
    data["credentials"] = [c for c in data["credentials"] if c["id"] != "it-support-certificate"]
    computing.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert any(row["credential_id"] == "it-support-certificate" for row in csv_rows(ENROLLMENTS_CSV))
    before = snapshot(pg)
    with pytest.raises(KnowledgeBaseError, match="student records still reference"):
        load_knowledge_base(kb)
    assert snapshot(pg) == before


def test_progress_of_every_demo_student_is_as_on_sqlite_and_follows_the_records(records, sqlite):
    enrollments, completions = csv_rows(ENROLLMENTS_CSV), csv_rows(COMPLETIONS_CSV)
    for student in csv_rows(STUDENTS_CSV):
        sid = student["student_id"]
        with session_scope() as session, session_scope(sqlite) as lite:
            progress, on_sqlite = load_progress(session, sid), load_progress(lite, sid)
        assert progress == on_sqlite
        assert answer(progress).reply == answer(on_sqlite).reply
        assert progress.given_name == student["given_name"]
        enrolled = {r["credential_id"]: r["status"] for r in enrollments if r["student_id"] == sid}
        assert {e.credential.id: e.status for e in progress.enrollments} == enrolled
        done = {r["requirement_code"] for r in completions if r["student_id"] == sid}
        for item in progress.enrollments:
            assert {r.code for r in item.completed} == done & {
                r.code for r in item.completed + item.remaining
            }


def test_a_case_opens_once_and_only_one_of_many_advisors_claiming_at_once_gets_it(pg):
    create_schema()
    advisors = [make_advisor(f"advisor{i}@hvu.example.edu", f"Advisor {i}") for i in range(8)]
    case, created = cases.open_case(case_request())
    again, created_again = cases.open_case(case_request())
    assert created and (again.id, created_again) == (case.id, False)
    with pytest.raises(IntegrityError), session_scope() as session:  # one open case per conversation
        session.add(
            HandoffCase(
                conversation_id="conv-1", reason="requested", priority=2, transcript=[], credentials=[]
            )
        )
    barrier = threading.Barrier(len(advisors))

    def claim(advisor):
        barrier.wait()
        try:
            return cases.claim(case.id, advisor.id).claimed_by
        except CaseConflict as conflict:
            return str(conflict)

    with ThreadPoolExecutor(len(advisors)) as pool:
        outcomes = list(pool.map(claim, advisors))
    [winner] = [o for o in outcomes if isinstance(o, int)]
    holder = next(a for a in advisors if a.id == winner)
    refused = f"case #{case.id} is being handled by {holder.name}"
    assert [o for o in outcomes if o != winner] == [refused] * (len(advisors) - 1)
    stored = cases.get_case(case.id)
    assert (stored.status, stored.claimed_by) == ("claimed", holder.id)
    assert stored.transcript == [line.as_dict() for line in case_request().transcript]
    cases.resolve(case.id, holder.id)
    again, created = cases.open_case(case_request())
    assert created and again.id != case.id


def test_reading_a_students_records_writes_the_same_audit_entries_as_on_sqlite(records, pg, sqlite):
    def read_and_log(engine=None) -> list[tuple]:
        progress = read_progress(
            "S1003", Actor("student", "S1003"), "conversation-42", "check_progress", engine
        )
        assert progress.student_id == "S1003"
        assert read_progress("S9999", Actor("advisor", "7"), None, "handoff", engine) is None
        with session_scope(engine) as session:
            entries = session.scalars(select(AuditLogEntry).order_by(AuditLogEntry.id)).all()
        assert all(abs(as_utc(e.accessed_at) - utcnow()) < timedelta(minutes=1) for e in entries)
        return [
            (e.actor_kind, e.actor_id, e.student_id, e.records, e.conversation_id, e.purpose) for e in entries
        ]

    logged = read_and_log()
    assert [entry[:3] for entry in logged] == [("student", "S1003", "S1003"), ("advisor", "7", "S9999")]
    assert logged == read_and_log(sqlite)
