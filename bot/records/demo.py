"""The demo student records in ``demo/records/``: twelve students at every stage of progress."""
from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.config import PROJECT_ROOT
from bot.records.csv_import import ImportSummary, RecordsImportError, import_files

DEMO_DIR = PROJECT_ROOT / "demo" / "records"
DEMO_FILES = [DEMO_DIR / "students.csv", DEMO_DIR / "enrollments.csv", DEMO_DIR / "completions.csv"]


def load_demo_records(engine: Engine | None = None) -> list[ImportSummary]:
    """Import the demo students, enrollments and completions; the catalog must be loaded first."""
    summaries, problems = import_files(DEMO_FILES, engine=engine)
    if problems:
        raise RecordsImportError(problems)
    return summaries
