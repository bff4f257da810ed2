"""``python -m bot catalog import``: an institution's own export into knowledge-base files.

The export is YAML, JSON or CSV (one row a credential, its requirements in a second file);
a mapping file (``bot.catalog.mapping``) renames their fields and translates their values.
Cells are read by the shape of the field they fill (numbers, true/false, lists split on the
separator), the validator (``bot.catalog.schema``) checks everything and fills the defaults,
and only a catalog without a single problem is written: ``credentials/*.yml`` (one file per
provider), replacing the folder's old credential files; the folder's other files are kept.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.fields import CREDENTIAL_FIELDS, CREDENTIAL_KIND, REQUIREMENT_FIELDS, Shape
from bot.catalog.json_schema import SCHEMA_FILE, schema_text
from bot.catalog.loader import read_yaml
from bot.catalog.mapping import BELONGS_TO, Mapping, Section, parse_mapping
from bot.catalog.schema import (
    NOTHING,
    KnowledgeBaseError,
    Problem,
    SourceRow,
    catalog_defaults,
    slugify,
    validate_catalog,
    validate_institution,
)

SHAPES = {f.name: f.shape for f in CREDENTIAL_FIELDS}
REQUIREMENT_SHAPES = {f.name: f.shape for f in REQUIREMENT_FIELDS}
MONEY = re.compile(r"^\s*(?:([A-Z]{3})\s*)?[$€£]?\s*([\d,]+(?:\.\d+)?)\s*(?:([A-Z]{3}))?\s*$")

#: The comment that points editors at the schema (``knowledge_base/README.md``).
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n"


class ImportProblems(KnowledgeBaseError):
    """The export has problems; nothing was written."""

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"the import found {count} problem{'s' * (count != 1)}; nothing was written:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


@dataclass
class ImportResult:
    credentials: list[dict]
    files: dict[str, int]
    defaults_filled: Counter
    notes: list[str]


def _number(text: str) -> Any:
    cleaned = text.replace(",", "").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def coerce(value: Any, shape: Shape, separator: str) -> Any:
    """A cell's text read as the field's shape; what cannot be read stays as it is, for the
    validator to report with the shape expected. An empty cell is an absent field."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if shape.kind == "number":
        return _number(text)
    if shape.kind == "boolean":
        folded = text.casefold()
        truth = {
            "true": True,
            "yes": True,
            "y": True,
            "1": True,
            "false": False,
            "no": False,
            "n": False,
            "0": False,
        }
        return truth.get(folded, text)
    if shape.kind == "list":
        return [part.strip() for part in text.split(separator) if part.strip()]
    if shape.kind == "composite" and shape is SHAPES["cost"]:
        if text.casefold() == "free":
            return "free"
        money = MONEY.match(text)
        if money:
            amount = _number(money.group(2))
            currency = money.group(1) or money.group(3)
            return {"amount": amount, "currency": currency} if currency else amount
    return text


def _records(path: Path, section: Section, what: str) -> tuple[list[tuple[dict, int | None]], list[Problem]]:
    """The records of one export file with their CSV line numbers (None for JSON and YAML)."""
    name = str(path)
    try:
        if path.suffix.casefold() == ".csv":
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.DictReader(handle)
                rows: list[tuple[dict, int | None]] = [(dict(row), reader.line_num) for row in reader]
            return rows, []
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.casefold() == ".json" else yaml.safe_load(text)
    except FileNotFoundError:
        return [], [Problem(name, None, None, "is missing")]
    except (json.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError, csv.Error) as error:
        return [], [Problem(name, None, None, f"cannot be read: {error}")]
    if isinstance(data, dict):
        keys = (
            [section.root] if section.root else [what, *[k for k, v in data.items() if isinstance(v, list)]]
        )
        data = next((data[k] for k in keys if isinstance(data.get(k), list)), data)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        expected = f"a list of records (or a mapping with the list under '{section.root or what}')"
        return [], [Problem(name, None, section.root, "", type(data).__name__, expected)]
    return [(r, None) for r in data], []


def _convert(record: dict, section: Section, shapes: dict[str, Shape], separator: str) -> tuple[dict, dict]:
    mapped, columns = section.apply(record)
    out = {}
    for key, value in mapped.items():
        value = coerce(value, shapes[key], separator) if key in shapes else value
        if value is not None and value != "":
            out[key] = value
    return out, columns


def _credential_rows(path: Path, mapping: Mapping, problems: list[Problem]) -> list[SourceRow]:
    records, found = _records(path, mapping.credentials, "credentials")
    problems.extend(found)
    rows = []
    for record, line in records:
        data, columns = _convert(record, mapping.credentials, SHAPES, mapping.list_separator)
        if isinstance(data.get("id"), str):
            data["id"] = slugify(data["id"]) or data["id"]  # their code "GIS-101" is our id "gis-101"
        nested = data.get("requirements")
        if isinstance(nested, list):
            data["requirements"] = [
                _convert(r, mapping.requirements, REQUIREMENT_SHAPES, mapping.list_separator)[0]
                if isinstance(r, dict)
                else r
                for r in nested
            ]
        rows.append(SourceRow(data, str(path), line, columns))
    problems.extend(_unknown_columns(rows, set(SHAPES), str(path), "a credential"))
    return rows


def _unknown_columns(rows: Sequence[dict], known: set[str], file: str, what: str) -> list[Problem]:
    """A column that names none of our fields, reported once for the file and left out."""
    problems = []
    for column in dict.fromkeys(k for row in rows for k in row if k not in known):
        example = next(row[column] for row in rows if column in row)
        problems.append(
            Problem(
                file,
                f"column '{column}'",
                None,
                f"names no field of {what}: map it under 'fields' in the mapping file, or list it under 'ignore'",
                example,
                "one of " + ", ".join(sorted(known)),
            )
        )
        for row in rows:
            row.pop(column, None)
    return problems


def _key(text: Any) -> str:
    return slugify(text) if isinstance(text, str) else ""


def _attach_requirements(
    path: Path, mapping: Mapping, rows: list[SourceRow], problems: list[Problem]
) -> None:
    """Give each credential the rows of the requirements file that name it (by id or name)."""
    owners: dict[str, SourceRow] = {}
    for row in rows:
        for name in (row.get("id"), row.get("name")):
            if _key(name):
                owners.setdefault(_key(name), row)
    records, found = _records(path, mapping.requirements, "requirements")
    problems.extend(found)
    pending = []
    for record, line in records:
        data, columns = _convert(record, mapping.requirements, REQUIREMENT_SHAPES, mapping.list_separator)
        owner_name = data.pop(BELONGS_TO, None)
        pending.append((SourceRow(data, str(path), line, columns), owner_name))
    problems.extend(
        _unknown_columns([r for r, _ in pending], set(REQUIREMENT_SHAPES), str(path), "a requirement")
    )
    for row, owner_name in pending:
        columns = row.columns
        owner = owners.get(_key(owner_name))
        if owner is None:
            problems.append(
                Problem(
                    str(path),
                    row.label("requirement"),
                    BELONGS_TO,
                    "names no credential of the credentials export" if owner_name else "is required",
                    owner_name if owner_name else NOTHING,
                    "the id or name of a credential in the credentials export",
                    columns.get(BELONGS_TO),
                )
            )
            continue
        requirements = owner.get("requirements")
        owner["requirements"] = [*requirements, row] if isinstance(requirements, list) else [row]


def _resolve_names(rows: list[SourceRow]) -> None:
    """Let their export name credentials by name where we keep ids (components,
    prerequisites, stacking)."""
    ids: dict[str, str] = {}
    for row in rows:
        cid = row.get("id") or (_key(row.get("name")) or None)
        for name in (row.get("id"), row.get("name")):
            if _key(name) and cid:
                ids.setdefault(_key(name), cid)

    def resolve(value: Any) -> Any:
        return ids.get(_key(value), value) if isinstance(value, str) else value

    for row in rows:
        for req in row.get("requirements") or []:
            if isinstance(req, dict) and req.get("credential"):
                req["credential"] = resolve(req["credential"])
        if isinstance(row.get("prerequisites"), list):
            row["prerequisites"] = [resolve(v) for v in row["prerequisites"]]
        if isinstance(row.get("stacks_into"), list):
            row["stacks_into"] = [resolve(v) for v in row["stacks_into"]]


def _institution(out: Path, mapping: Mapping, problems: list[Problem]) -> dict | None:
    path = out / "institution.yml"
    try:
        if path.exists():
            raw, file = read_yaml(path, out), str(path)
        elif mapping.institution is not None:
            raw, file = mapping.institution, "mapping file: institution"
        else:
            return None
        return validate_institution(file, raw)
    except KnowledgeBaseError as error:
        problems.extend(error.problems)
        return None


def import_catalog(
    credentials: Path,
    requirements: Path | None = None,
    mapping_file: Path | None = None,
    out: Path = Path("."),
) -> ImportResult:
    """Read, map, check and write; raise ``ImportProblems`` listing every problem, writing nothing."""
    problems: list[Problem] = []
    mapping = Mapping()
    if mapping_file:
        try:
            raw = yaml.safe_load(mapping_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise ImportProblems(
                [Problem(str(mapping_file), None, None, f"cannot be read: {error}")]
            ) from None
        mapping, found = parse_mapping(raw, str(mapping_file))
        problems.extend(found)
    rows = _credential_rows(credentials, mapping, problems)
    if requirements:
        _attach_requirements(requirements, mapping, rows, problems)
    _resolve_names(rows)
    institution = _institution(out, mapping, problems)
    clean: list[dict] = []
    try:
        clean = validate_catalog({str(credentials): rows}, catalog_defaults(institution))
    except KnowledgeBaseError as error:
        problems.extend(error.problems)
    if problems:
        raise ImportProblems(problems)
    filled = Counter(
        f.name
        for row in rows
        for f in CREDENTIAL_FIELDS
        if f.name not in row and f.name != "id" and (f.default_doc or f.default not in (None, [], {}))
    )
    files = write_catalog(clean, out, mapping.file_by)
    notes = _write_others(out, mapping)
    return ImportResult(clean, files, filled, notes)


def canonical(item: dict, by_id: dict[str, dict]) -> dict:
    """A checked credential as the knowledge base writes it (``knowledge_base/README.md``)."""
    out: dict[str, Any] = {}
    for f in CREDENTIAL_FIELDS:
        if f.name == "cost":
            out["cost"] = {"amount": item["cost_amount"], "currency": item["cost_currency"]}
        elif f.name == "requirements":
            out["requirements"] = [_canonical_requirement(r, by_id) for r in item["requirements"]]
        elif f.name == "prerequisites":
            prereq = {"credentials": item["prerequisites"], "notes": item["prerequisite_notes"]}
            prereq = {k: v for k, v in prereq.items() if v}
            if prereq:
                out["prerequisites"] = prereq
        elif f.name == "stacks_into":
            links = [{k: v for k, v in link.items() if v is not None} for link in item["stacks_into"]]
            if links:
                out["stacks_into"] = links
        elif item.get(f.name) not in (None, [], {}):
            out[f.name] = item[f.name]
    return out


def _canonical_requirement(req: dict, by_id: dict[str, dict]) -> dict:
    if req["kind"] != CREDENTIAL_KIND:
        return {k: v for k, v in req.items() if v not in (None, {}) and k != "credential"}
    out = {"kind": CREDENTIAL_KIND, "credential": req["code"]}
    if req["credits"] != by_id[req["code"]]["credit_value"]:
        out["credits"] = req["credits"]
    if req["hours"] is not None:
        out["hours"] = req["hours"]
    return out


def write_catalog(credentials: list[dict], out: Path, file_by: str = "provider") -> dict[str, int]:
    """Write ``out/credentials/*.yml`` (one file per ``file_by`` value), replacing the old ones."""
    folder = out / "credentials"
    folder.mkdir(parents=True, exist_ok=True)
    by_id = {c["id"]: c for c in credentials}
    groups: dict[str, list[dict]] = {}
    for item in credentials:
        groups.setdefault(slugify(str(item.get(file_by) or "catalog")) or "catalog", []).append(item)
    for old in folder.glob("*.yml"):
        old.unlink()
    counts = {}
    for stem, items in groups.items():
        name = f"{stem}.yml"
        body = yaml.safe_dump(
            {"credentials": [canonical(i, by_id) for i in items]},
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        (folder / name).write_text(MODELINE + body, encoding="utf-8")
        counts[name] = len(items)
    return counts


def _write_others(out: Path, mapping: Mapping) -> list[str]:
    """Keep the folder's other files; write institution.yml from the mapping when absent."""
    notes = []
    (out / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    institution = out / "institution.yml"
    if not institution.exists() and mapping.institution is not None:
        body = yaml.safe_dump(mapping.institution, sort_keys=False, allow_unicode=True)
        institution.write_text(f"# yaml-language-server: $schema={SCHEMA_FILE}\n" + body, encoding="utf-8")
        notes.append(f"wrote {institution} from the mapping file")
    for name in ("institution.yml", "faq.yml", "support_resources.yml", "synonyms.yml"):
        if not (out / name).exists():
            notes.append(f"{out / name} is still needed (see knowledge_base/README.md)")
    return notes
