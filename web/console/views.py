"""A case as the console shows it: ``cases.describe`` with names an advisor reads, not ids.

The learner gets the student's name (from the student records) next to the id, and each
credential discussed its catalog name (an id the catalog no longer has is shown as it is).
"""

from __future__ import annotations

from sqlalchemy import select

from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.handoff import cases
from bot.models import HandoffCase, Student


def student_names(student_ids: set[str]) -> dict[str, str]:
    """``id -> "Given Family"`` for the students that exist."""
    if not student_ids:
        return {}
    with session_scope() as session:
        return {
            s.id: f"{s.given_name} {s.family_name}"
            for s in session.scalars(select(Student).where(Student.id.in_(sorted(student_ids))))
        }


def case_views(shown: list[HandoffCase]) -> list[dict]:
    """Each case described for the console, with student and credential names."""
    names = student_names({c.student_id for c in shown if c.student_id})
    catalog = Catalog()
    views = []
    for case in shown:
        view = cases.describe(case)
        view["learner"]["name"] = names.get(case.student_id)
        view["credentials"] = [
            {"id": credential_id, "name": credential.name if credential else credential_id}
            for credential_id, credential in ((i, catalog.get(i)) for i in case.credentials)
        ]
        views.append(view)
    return views


def case_view(case: HandoffCase) -> dict:
    return case_views([case])[0]
