"""Requirements of kind credential ("earn the GIS badge and the drone badge, then the
capstone"): said as such in answers, counted toward stacking, and met in a student's
progress once the component credential is earned."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.catalog.loader import load_knowledge_base
from bot.catalog.repository import Catalog
from bot.db import get_engine, session_scope
from bot.models import Enrollment, RequirementCompletion, Student
from bot.records.progress import CredentialRef, load_progress
from bot.replies import answers
from bot.replies.progress import answer
from tests.conftest import use_database
from tests.support.reading import as_read
from tests.unit.test_catalog_import import import_fixture

CERT = CredentialRef("geo-290", "Geospatial Technician Certificate")


@pytest.fixture
def geo_catalog(tmp_path, monkeypatch):
    """The fixture college's imported catalog, loaded into a fresh database."""
    use_database(monkeypatch, tmp_path / "geo.db")
    load_knowledge_base(import_fixture(tmp_path / "kb"))
    yield Catalog()
    get_engine.cache_clear()


def test_the_requirements_answer_says_which_credentials_to_earn_first(geo_catalog):
    cert = geo_catalog.get("geo-290")
    reply = answers.requirements(cert, geo_catalog.get_many(cert.prerequisite_ids))
    assert as_read(reply.text).splitlines() == [
        "To earn the Geospatial Technician Certificate (stackable certificate) you earn GIS Mapping Essentials "
        "and Drone Survey Operations, then complete:",
        "- Project GEO 290: Geospatial Field Capstone (3 credits, 60 hours)",
        "Prerequisites: none.",
    ]
    assert "/credentials/gis-101" in reply.text and "/credentials/drn-110" in reply.text


def test_a_component_stacks_into_the_credential_that_requires_it(geo_catalog):
    gis = geo_catalog.get("gis-101")
    assert [t.name for t in geo_catalog.stacks_into(gis)] == ["Geospatial Technician Certificate"]
    feeders = [c.id for c in geo_catalog.stacks_from("geo-290")]
    assert sorted(feeders) == ["drn-110", "gis-101", "rs-120"]
    reply = answers.stacking(gis, geo_catalog.stacks_into(gis), geo_catalog.stacks_from(gis.id))
    assert (
        as_read(reply.text)
        == "The GIS Mapping Essentials stacks into: Geospatial Technician Certificate (required)."
    )
    cert = geo_catalog.get("geo-290")
    reply = answers.stacking(cert, geo_catalog.stacks_into(cert), geo_catalog.stacks_from(cert.id))
    assert as_read(reply.text) == (
        "These count toward the Geospatial Technician Certificate: Remote Sensing Basics; "
        "GIS Mapping Essentials (required); Drone Survey Operations (required)."
    )


def enroll(student: str, *enrollments: tuple[str, str], done: tuple[str, ...] = ()) -> None:
    with session_scope() as session:
        session.add(
            Student(
                id=student, given_name="Ana", family_name="Ruiz", email=f"{student}@x.example", program="GEO"
            )
        )
        for credential_id, status in enrollments:
            completed = dt.date(2026, 10, 1) if status == "Completed" else None
            session.add(
                Enrollment(
                    student_id=student,
                    credential_id=credential_id,
                    status=status,
                    enrolled_on=dt.date(2026, 9, 1),
                    completed_on=completed,
                )
            )
        for code in done:
            session.add(
                RequirementCompletion(
                    student_id=student, requirement_code=code, completed_on=dt.date(2026, 11, 2)
                )
            )


def progress_of(student: str):
    with session_scope() as session:
        return load_progress(session, student)


def test_a_component_credential_is_done_once_the_student_has_earned_it(geo_catalog):
    enroll("S2001", ("gis-101", "Completed"), ("drn-110", "InProgress"), ("geo-290", "InProgress"))
    cert = progress_of("S2001").enrollment("geo-290")
    assert [(r.code, r.kind, r.completed_on) for r in cert.completed] == [
        ("gis-101", "credential", dt.date(2026, 10, 1))
    ]
    assert [r.code for r in cert.remaining] == ["drn-110", "GEO 290"]
    assert (cert.percent, cert.credits_earned) == (33, 0)
    reply = answer(progress_of("S2001"), mentioned=CERT).reply
    text = as_read(reply.text)
    assert "1 of 3" in text
    assert "Next step: earn the Drone Survey Operations." in text


def test_earning_the_components_counts_toward_the_certificate(geo_catalog):
    enroll(
        "S2002",
        ("gis-101", "Completed"),
        ("drn-110", "Completed"),
        ("geo-290", "InProgress"),
        done=("GEO 290",),
    )
    progress = progress_of("S2002")
    cert = progress.enrollment("geo-290")
    assert (len(cert.completed), cert.remaining) == (3, ())
    stack = progress.stacking_toward("geo-290")
    assert [r.id for r in stack.earned] == ["gis-101", "drn-110"] and stack.total == 3


def test_a_completion_recorded_for_the_component_code_does_not_stand_in_for_earning_it(geo_catalog):
    enroll("S2003", ("gis-101", "InProgress"), ("geo-290", "InProgress"), done=("GEO 101",))
    cert = progress_of("S2003").enrollment("geo-290")
    assert cert.completed == () and cert.next_requirement.code == "gis-101"
