"""The demo student records in ``demo/records/``: twelve students at every stage of progress.

They belong to the demo catalog: with another institution's catalog loaded, they are skipped
(with the reason) instead of failing the set-up on credentials that catalog does not have.
"""

from __future__ import annotations

import csv

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.config import PROJECT_ROOT
from bot.db import session_scope
from bot.models import Credential
from bot.records.csv_import import ImportSummary, RecordsImportError, import_files

DEMO_DIR = PROJECT_ROOT / "demo" / "records"
DEMO_FILES = [DEMO_DIR / "students.csv", DEMO_DIR / "enrollments.csv", DEMO_DIR / "completions.csv"]
ENROLLMENTS = DEMO_FILES[1]


def credentials_missing_from_catalog(engine: Engine | None = None) -> list[str]:
    """The credential ids the demo enrollments name that the loaded catalog does not hold."""
    with ENROLLMENTS.open(newline="", encoding="utf-8") as handle:
        named = {row["credential_id"] for row in csv.DictReader(handle)}
    with session_scope(engine) as session:
        held = set(session.scalars(select(Credential.id)))
    return sorted(named - held)


def skip_reason(missing: list[str]) -> str:
    """Why the demo records were not loaded, and what to do instead."""
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    return (
        f"Skipped the demo student records: they belong to the demo catalog, and the loaded catalog "
        f"has no credential {shown}. Import your institution's records instead: "
        f"python -m bot records import students.csv enrollments.csv completions.csv"
    )


def load_demo_records(engine: Engine | None = None) -> list[ImportSummary]:
    """Import the demo students, enrollments and completions; the catalog must be loaded first."""
    summaries, problems = import_files(DEMO_FILES, engine=engine)
    if problems:
        raise RecordsImportError(problems)
    return summaries
