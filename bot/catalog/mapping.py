"""The mapping file of an import: how an institution's own export names our fields.

```yaml
credentials:                    # the credentials export (CSV rows, JSON or YAML records)
  root: programs                # JSON/YAML: the key that holds the list (optional)
  fields: {Credential Title: name, Badge: type}     # their column: our field
  values: {type: {Badge: digital_badge}}            # our field: {their value: ours}
  defaults: {model: stackable}                      # for fields their export lacks
  ignore: [Internal Notes]                          # columns to leave out
requirements:                   # the requirements export (same keys); its rows name their
  fields: {Program: belongs_to} #   credential in the field ``belongs_to`` (id or name)
list_separator: ";"             # how a CSV cell holds a list
file_by: provider               # which field names the credentials/*.yml file (default provider)
institution: {name: ..., website: ..., currency: CAD}   # when the folder has no institution.yml
```

Every part is optional: a column already named as our field needs no entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.catalog.fields import CREDENTIAL_FIELDS, REQUIREMENT_FIELDS
from bot.catalog.schema import Problem

#: The field of a requirements row that names its credential (by id or name).
BELONGS_TO = "belongs_to"

CREDENTIAL_NAMES = {f.name for f in CREDENTIAL_FIELDS}
REQUIREMENT_NAMES = {f.name for f in REQUIREMENT_FIELDS} | {BELONGS_TO}


@dataclass
class Section:
    """How the records of one export are renamed, translated and completed."""

    fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    root: str | None = None

    def apply(self, record: dict) -> tuple[dict, dict[str, str]]:
        """Our fields from one of their records, and the column each renamed field came from."""
        out: dict[str, Any] = {}
        columns: dict[str, str] = {}
        for key, value in record.items():
            if key in self.ignore or key is None:
                continue
            name = self.fields.get(key, self.fields.get(str(key).strip(), str(key).strip()))
            if name != key:
                columns[name] = str(key)
            out[name] = self.translate(name, value)
        for name, value in self.defaults.items():
            if out.get(name) in (None, ""):
                out[name] = value
        return out, columns

    def translate(self, name: str, value: Any) -> Any:
        table = self.values.get(name)
        if not table:
            return value
        folded = {str(k).strip().casefold(): v for k, v in table.items()}
        if isinstance(value, list):
            return [self.translate(name, v) for v in value]
        if isinstance(value, str):
            return folded.get(value.strip().casefold(), value)
        return value


@dataclass
class Mapping:
    credentials: Section = field(default_factory=Section)
    requirements: Section = field(default_factory=Section)
    list_separator: str = ";"
    file_by: str = "provider"
    institution: dict | None = None


def parse_mapping(raw: Any, file: str) -> tuple[Mapping, list[Problem]]:
    """The mapping in a parsed mapping file, and every problem found in it."""
    problems: list[Problem] = []
    if raw is None:
        return Mapping(), problems
    if not isinstance(raw, dict):
        return Mapping(), [
            Problem(file, None, None, "must be a mapping of sections", raw, "see bot/catalog/mapping.py")
        ]
    known = {"credentials", "requirements", "list_separator", "file_by", "institution"}
    for unknown in sorted(set(raw) - known, key=str):
        problems.append(
            Problem(
                file,
                None,
                str(unknown),
                "is not a section of a mapping file",
                expected=", ".join(sorted(known)),
            )
        )
    mapping = Mapping(
        credentials=_section(raw.get("credentials"), file, "credentials", CREDENTIAL_NAMES, problems),
        requirements=_section(raw.get("requirements"), file, "requirements", REQUIREMENT_NAMES, problems),
        list_separator=str(raw.get("list_separator", ";")),
        file_by=str(raw.get("file_by", "provider")),
        institution=raw.get("institution"),
    )
    if mapping.file_by not in CREDENTIAL_NAMES:
        problems.append(
            Problem(file, None, "file_by", "is not a field of a credential", mapping.file_by, "e.g. provider")
        )
    if mapping.institution is not None and not isinstance(mapping.institution, dict):
        problems.append(
            Problem(file, None, "institution", "", mapping.institution, "a mapping of institution.yml fields")
        )
        mapping.institution = None
    return mapping, problems


def _section(raw: Any, file: str, name: str, ours: set[str], problems: list[Problem]) -> Section:
    if raw is None:
        return Section()
    if not isinstance(raw, dict):
        problems.append(
            Problem(file, name, None, "", raw, "a mapping with fields, values, defaults, ignore, root")
        )
        return Section()
    expected = "one of " + ", ".join(sorted(ours))

    def table(key: str) -> dict:
        value = raw.get(key) or {}
        if not isinstance(value, dict):
            problems.append(Problem(file, name, key, "", value, "a mapping"))
            return {}
        return value

    fields = {str(k): v for k, v in table("fields").items()}
    for theirs, mine in fields.items():
        if mine not in ours:
            problems.append(
                Problem(file, name, f"fields.{theirs}", "is not one of our fields", mine, expected)
            )
    values = table("values")
    for mine, value_map in values.items():
        if mine not in ours:
            problems.append(Problem(file, name, f"values.{mine}", "is not one of our fields", mine, expected))
        elif not isinstance(value_map, dict):
            problems.append(
                Problem(file, name, f"values.{mine}", "", value_map, "a mapping of their value: ours")
            )
    defaults = table("defaults")
    for mine in defaults:
        if mine not in ours:
            problems.append(
                Problem(file, name, f"defaults.{mine}", "is not one of our fields", mine, expected)
            )
    ignore = raw.get("ignore") or []
    if not isinstance(ignore, list):
        problems.append(Problem(file, name, "ignore", "", ignore, "a list of column names"))
        ignore = []
    root = raw.get("root")
    return Section(
        fields=fields,
        values={k: v for k, v in values.items() if isinstance(v, dict)},
        defaults=dict(defaults),
        ignore={str(c) for c in ignore},
        root=str(root) if root is not None else None,
    )
