"""Import students, enrollments and requirement completions from CSV files.

Each file is checked whole against the catalog and the students already in the database;
any bad row fails that file, every problem is reported with its file, line and reason,
and nothing of that file is written (one transaction per file). Rows are upserted by
their natural keys, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import create_schema, session_scope
from bot.models import Credential, Enrollment, Requirement, RequirementCompletion, Student
from bot.models.records import ENROLLMENT_STATUSES, STUDENT_ID

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UNKNOWN_STUDENT = "student '{}' is not in the database; import them in a students file first"


@dataclass(frozen=True)
class RowProblem:
    """Why one row (or, with no line, the whole file) cannot be imported."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.reason}" if self.line else f"{self.file}: {self.reason}"


class RecordsImportError(Exception):
    """A file was not imported; ``problems`` lists every reason."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportSummary:
    file: str
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        rows = self.added + self.updated + self.unchanged
        return (
            f"{self.file} ({self.kind}): {rows} rows, {self.added} added, "
            f"{self.updated} updated, {self.unchanged} unchanged"
        )


class RowReader:
    """Reads and checks the fields of one CSV row, collecting every reason it is bad."""

    def __init__(self, values: dict[str, str]):
        self.values = {k: (v or "").strip() for k, v in values.items()}
        self.reasons: list[str] = []

    def text(self, name: str, max_length: int, required: bool = True) -> str | None:
        value = self.values.get(name, "")
        if not value:
            if required:
                self.reasons.append(f"{name} is empty")
            return None
        if len(value) > max_length:
            self.reasons.append(f"{name} is longer than {max_length} characters")
        return value

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self.text(name, 10, required)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.reasons.append(f"{name} '{value}' is not a date like 2026-09-01")
            return None

    def pick(self, name: str, known: Iterable[str], unknown: str) -> str | None:
        """A value that must be one of ``known``; ``unknown`` says why not, with ``{}`` for the value."""
        value = self.text(name, 80)
        if value is not None and value not in known:
            self.reasons.append(unknown.format(value))
        return value


@dataclass
class Context:
    """What the rows of one file are checked against."""

    students: set[str]
    credentials: set[str]
    requirements: set[str]
    emails: dict[str, str]


def _student(row: RowReader, context: Context) -> dict:
    student_id = row.text("student_id", 20)
    if student_id and not STUDENT_ID.fullmatch(student_id):
        row.reasons.append(f"student_id '{student_id}' is not a student id like S1001")
    email = row.text("email", 254)
    if email and not EMAIL.match(email):
        row.reasons.append(f"email '{email}' is not an email address")
    elif email and context.emails.get(email.lower(), student_id) != student_id:
        row.reasons.append(f"email '{email}' already belongs to student {context.emails[email.lower()]}")
    if student_id and email:
        context.emails[email.lower()] = student_id
    return {
        "id": student_id,
        "given_name": row.text("given_name", 100),
        "family_name": row.text("family_name", 100),
        "email": email,
        "program": row.text("program", 200),
    }


def _enrollment(row: RowReader, context: Context) -> dict:
    values = {
        "student_id": row.pick("student_id", context.students, UNKNOWN_STUDENT),
        "credential_id": row.pick(
            "credential_id", context.credentials, "credential '{}' is not in the catalog"
        ),
        "status": row.text("status", 20),
        "enrolled_on": row.date("enrolled_on"),
        "completed_on": row.date("completed_on", required=False),
    }
    status, completed_on = values["status"], values["completed_on"]
    if status and status not in ENROLLMENT_STATUSES:
        row.reasons.append(f"status '{status}' is not one of {', '.join(ENROLLMENT_STATUSES)}")
    elif status == "Completed" and not row.values.get("completed_on"):
        row.reasons.append("completed_on is required when the status is Completed")
    elif status and status != "Completed" and completed_on is not None:
        row.reasons.append(f"completed_on must be empty unless the status is Completed (it is {status})")
    enrolled_on = values["enrolled_on"]
    if isinstance(completed_on, dt.date) and isinstance(enrolled_on, dt.date) and completed_on < enrolled_on:
        row.reasons.append("completed_on is before enrolled_on")
    return values


def _completion(row: RowReader, context: Context) -> dict:
    return {
        "student_id": row.pick("student_id", context.students, UNKNOWN_STUDENT),
        "requirement_code": row.pick(
            "requirement_code", context.requirements, "requirement code '{}' is not in the catalog"
        ),
        "completed_on": row.date("completed_on"),
        "result": row.text("result", 40, required=False),
    }


@dataclass(frozen=True)
class RecordKind:
    """One CSV format: its columns, the model it fills and the model's natural key."""

    name: str
    columns: tuple[str, ...]
    model: type
    key: tuple[str, ...]
    parse: Callable[[RowReader, Context], dict] = field(repr=False)


#: The record kinds, in the order they must be imported (students before their records).
KINDS = {
    kind.name: kind
    for kind in (
        RecordKind(
            "students",
            ("student_id", "given_name", "family_name", "email", "program"),
            Student,
            ("id",),
            _student,
        ),
        RecordKind(
            "enrollments",
            ("student_id", "credential_id", "status", "enrolled_on", "completed_on"),
            Enrollment,
            ("student_id", "credential_id"),
            _enrollment,
        ),
        RecordKind(
            "completions",
            ("student_id", "requirement_code", "completed_on", "result"),
            RequirementCompletion,
            ("student_id", "requirement_code"),
            _completion,
        ),
    )
}


def _describe_kinds() -> str:
    return "; ".join(f"{k.name}: {', '.join(k.columns)}" for k in KINDS.values())


def detect_kind(header: list[str]) -> RecordKind | None:
    """The record kind whose columns are exactly ``header`` (in any order)."""
    names = {h.strip() for h in header}
    return next((kind for kind in KINDS.values() if set(kind.columns) == names), None)


@dataclass
class CsvFile:
    path: Path
    kind: RecordKind
    rows: list[tuple[int, dict[str, str]]]


def read_csv(path: Path, kind_name: str | None = None) -> CsvFile:
    """Read a file and decide its kind; raise ``RecordsImportError`` if it cannot be read."""
    name = str(path)

    def fail(reason: str, line: int | None = None) -> RecordsImportError:
        return RecordsImportError([RowProblem(name, line, reason)])

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            rows = [(reader.line_num, row) for row in reader]
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a folder, not a CSV file") from None
    except UnicodeDecodeError:
        raise fail("is not UTF-8 text") from None
    except csv.Error as error:
        raise fail(f"is not valid CSV ({error})") from None
    if not header or not any(h.strip() for h in header):
        raise fail("is empty; the first line must name the columns")
    header = [h.strip() for h in header]
    if kind_name:
        kind = KINDS[kind_name]
        missing = [c for c in kind.columns if c not in header]
        extra = [c for c in header if c not in kind.columns]
        if missing or extra:
            parts = [f"missing column(s) {', '.join(missing)}"] if missing else []
            parts += [f"unexpected column(s) {', '.join(extra)}"] if extra else []
            raise fail(f"does not have the {kind.name} columns: {'; '.join(parts)}", 1)
    else:
        detected = detect_kind(header)
        if detected is None:
            raise fail(
                f"header '{','.join(header)}' matches no record kind; expected columns {_describe_kinds()}", 1
            )
        kind = detected
    problems, clean_rows = [], []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(RowProblem(name, line, f"has {len(row)} fields, the header has {len(header)}"))
            continue
        clean_rows.append((line, dict(zip(header, row, strict=False))))
    if problems:
        raise RecordsImportError(problems)
    return CsvFile(path, kind, clean_rows)


def _context(session: Session) -> Context:
    return Context(
        students=set(session.scalars(select(Student.id))),
        credentials=set(session.scalars(select(Credential.id))),
        requirements=set(session.scalars(select(Requirement.code))),
        emails={email.lower(): sid for sid, email in session.execute(select(Student.id, Student.email))},
    )


def _check(data: CsvFile, context: Context) -> list[dict]:
    """Every row's clean values; raise ``RecordsImportError`` listing every bad row."""
    problems: list[RowProblem] = []
    records: list[dict] = []
    seen: dict[tuple, int] = {}
    for line, values in data.rows:
        row = RowReader(values)
        record = data.kind.parse(row, context)
        key = tuple(record[k] for k in data.kind.key)
        if all(key) and key in seen:
            row.reasons.append(f"repeats line {seen[key]} ({' + '.join(key)})")
        seen.setdefault(key, line)
        problems.extend(RowProblem(str(data.path), line, reason) for reason in row.reasons)
        records.append(record)
    if problems:
        raise RecordsImportError(problems)
    return records


def _upsert(session: Session, kind: RecordKind, record: dict, summary: ImportSummary) -> None:
    conditions = [getattr(kind.model, k) == record[k] for k in kind.key]
    existing = session.scalars(select(kind.model).where(*conditions)).one_or_none()
    if existing is None:
        session.add(kind.model(**record))
        summary.added += 1
        return
    changed = {k: v for k, v in record.items() if getattr(existing, k) != v}
    for name, value in changed.items():
        setattr(existing, name, value)
    if changed:
        summary.updated += 1
    else:
        summary.unchanged += 1


def import_file(data: CsvFile, engine: Engine | None = None) -> ImportSummary:
    """Check and write one file in one transaction; nothing is written if any row is bad."""
    summary = ImportSummary(str(data.path), data.kind.name)
    try:
        with session_scope(engine) as session:
            context = _context(session)
            if data.kind.name != "students" and not context.credentials:
                raise RecordsImportError(
                    [
                        RowProblem(
                            str(data.path),
                            None,
                            "the catalog is empty; run `python -m bot catalog load` first",
                        )
                    ]
                )
            for record in _check(data, context):
                _upsert(session, data.kind, record, summary)
                session.flush()
    except IntegrityError as error:
        reason = f"conflicts with the records already in the database, so nothing was imported ({error.orig})"
        raise RecordsImportError([RowProblem(str(data.path), None, reason)]) from None
    return summary


def import_files(
    paths: list[Path], kind_name: str | None = None, engine: Engine | None = None
) -> tuple[list[ImportSummary], list[RowProblem]]:
    """Import each file on its own, students first; return what was imported and every problem."""
    create_schema(engine)
    problems: list[RowProblem] = []
    files: list[CsvFile] = []
    for path in paths:
        try:
            files.append(read_csv(Path(path), kind_name))
        except RecordsImportError as error:
            problems.extend(error.problems)
    order = list(KINDS)
    summaries = []
    for data in sorted(files, key=lambda f: order.index(f.kind.name)):
        try:
            summaries.append(import_file(data, engine))
        except RecordsImportError as error:
            problems.extend(error.problems)
    return summaries, problems
