"""Validation of the knowledge-base YAML: every error names the file, the entry and the field.

``validate_*`` functions take parsed YAML and return plain, checked dictionaries; they
collect every problem they find and raise one ``KnowledgeBaseError`` listing them all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.nlp.vocabulary import (
    CREDENTIAL_MODELS,
    CREDENTIAL_TYPES,
    DELIVERY_FORMATS,
    LEVELS,
    REQUIREMENT_KINDS,
    SUPPORT_KINDS,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
URL = re.compile(r"^https?://\S+$")


@dataclass
class Problem:
    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(self.entry)
        if self.field:
            where.append(f"field '{self.field}'")
        return ": ".join(where) + f": {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base is invalid; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Checker:
    """Collects problems for one file while its entries are checked."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def fail(self, entry: str | None, field_name: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, entry, field_name, message))

    def get(
        self,
        data: dict,
        entry: str | None,
        name: str,
        check: Callable[[Any], str | None],
        required: bool = True,
        default: Any = None,
        prefix: str = "",
    ) -> Any:
        """Return ``data[name]`` if ``check`` accepts it (returns no message), else record why.

        ``prefix`` names the enclosing field in messages ("cost." for "cost.amount").
        """
        if name not in data or data[name] is None:
            if required:
                self.fail(entry, prefix + name, "is required")
            return default
        message = check(data[name])
        if message:
            self.fail(entry, prefix + name, message)
            return default
        return data[name]


def text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be non-empty text"


def slug(value: Any) -> str | None:
    return (
        None
        if isinstance(value, str) and SLUG.match(value)
        else ("must be a lower-case slug such as 'data-analytics-certificate'")
    )


def url(value: Any) -> str | None:
    return None if isinstance(value, str) and URL.match(value) else "must be an http(s) URL"


def one_of(choices) -> Callable[[Any], str | None]:
    allowed = sorted(choices)
    return lambda value: None if value in allowed else f"must be one of {', '.join(allowed)} (got {value!r})"


def number(minimum: float = 0) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= minimum
        return None if ok else f"must be a number of at least {minimum:g} (got {value!r})"

    return check


def boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false (got {value!r})"


def date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    if isinstance(value, str):
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"must be a date written YYYY-MM-DD (got {value!r})"


def text_list(value: Any) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return None
    return "must be a list of non-empty text"


def mapping(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be a mapping of fields"


def entry_list(value: Any) -> str | None:
    return (
        None
        if isinstance(value, list) and all(isinstance(v, dict) for v in value)
        else ("must be a list of mappings")
    )


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def validate_credential(raw: Any, index: int, check: Checker) -> dict | None:
    """Check one credential entry; return its clean form, or None when it is unusable."""
    if not isinstance(raw, dict):
        check.fail(f"credential #{index + 1}", None, "must be a mapping of fields")
        return None
    entry = f"credential '{raw.get('id', f'#{index + 1}')}'"
    before = len(check.problems)
    known = {
        "id",
        "name",
        "aliases",
        "type",
        "model",
        "level",
        "description",
        "provider",
        "requirements",
        "prerequisites",
        "stacks_into",
        "skills",
        "careers",
        "duration_weeks",
        "workload_hours_per_week",
        "cost",
        "format",
        "open_to_public",
        "next_start",
        "credit_value",
        "enrollment_url",
    }
    for unknown in sorted(set(raw) - known):
        check.fail(entry, unknown, "is not a field of a credential (see knowledge_base/README.md)")
    clean = {
        "id": check.get(raw, entry, "id", slug),
        "name": check.get(raw, entry, "name", text),
        "aliases": check.get(raw, entry, "aliases", text_list, required=False, default=[]),
        "type": check.get(raw, entry, "type", one_of(CREDENTIAL_TYPES)),
        "model": check.get(raw, entry, "model", one_of(CREDENTIAL_MODELS)),
        "level": check.get(raw, entry, "level", one_of(LEVELS)),
        "description": check.get(raw, entry, "description", text),
        "provider": check.get(raw, entry, "provider", text),
        "skills": check.get(raw, entry, "skills", text_list),
        "careers": check.get(raw, entry, "careers", text_list, required=False, default=[]),
        "duration_weeks": check.get(raw, entry, "duration_weeks", number(1)),
        "workload_hours_per_week": check.get(raw, entry, "workload_hours_per_week", number(1)),
        "format": check.get(raw, entry, "format", one_of(DELIVERY_FORMATS)),
        "open_to_public": check.get(raw, entry, "open_to_public", boolean),
        "next_start": as_date(check.get(raw, entry, "next_start", date, required=False)),
        "credit_value": check.get(raw, entry, "credit_value", number(0)),
        "enrollment_url": check.get(raw, entry, "enrollment_url", url),
    }
    cost = check.get(raw, entry, "cost", mapping, default={})
    if cost:
        clean["cost_amount"] = check.get(cost, entry, "amount", number(0), prefix="cost.")
        currency = cost.get("currency", "USD")
        if not (isinstance(currency, str) and CURRENCY.match(currency)):
            check.fail(entry, "cost.currency", f"must be a three-letter currency code (got {currency!r})")
        clean["cost_currency"] = currency
    clean["requirements"] = _requirements(raw, entry, check)
    clean["prerequisites"], clean["prerequisite_notes"] = _prerequisites(raw, entry, check)
    clean["stacks_into"] = _stacking(raw, entry, check)
    return clean if len(check.problems) == before else None


def _requirements(raw: dict, entry: str, check: Checker) -> list[dict]:
    items = check.get(raw, entry, "requirements", entry_list, default=[])
    if "requirements" in raw and isinstance(items, list) and not items:
        check.fail(entry, "requirements", "must list at least one requirement")
    out = []
    for n, item in enumerate(items):
        prefix = f"requirements[{n}]."
        out.append(
            {
                "code": check.get(item, entry, "code", text, prefix=prefix),
                "kind": check.get(item, entry, "kind", one_of(REQUIREMENT_KINDS), prefix=prefix),
                "title": check.get(item, entry, "title", text, prefix=prefix),
                "credits": check.get(item, entry, "credits", number(0), required=False, prefix=prefix),
                "hours": check.get(item, entry, "hours", number(0), required=False, prefix=prefix),
            }
        )
    return out


def _prerequisites(raw: dict, entry: str, check: Checker) -> tuple[list[str], str | None]:
    prereq = check.get(raw, entry, "prerequisites", mapping, required=False, default={})
    ids = check.get(
        prereq, entry, "credentials", text_list, required=False, default=[], prefix="prerequisites."
    )
    notes = check.get(prereq, entry, "notes", text, required=False, prefix="prerequisites.")
    return ids, notes


def _stacking(raw: dict, entry: str, check: Checker) -> list[dict]:
    items = check.get(raw, entry, "stacks_into", entry_list, required=False, default=[])
    out = []
    for n, item in enumerate(items):
        where = f"stacks_into[{n}]"
        if ("credential" in item) == ("degree" in item):
            check.fail(entry, where, "must name either a 'credential' id or a 'degree'")
            continue
        credits = check.get(item, entry, "credits", number(0), required=False, prefix=f"{where}.")
        out.append({"credential": item.get("credential"), "degree": item.get("degree"), "credits": credits})
    return out


def validate_catalog(credentials_by_file: dict[str, list]) -> list[dict]:
    """Check every credential file and the references between credentials."""
    problems: list[Problem] = []
    clean: list[tuple[str, dict]] = []
    for file, entries in credentials_by_file.items():
        check = Checker(file)
        for index, raw in enumerate(entries):
            item = validate_credential(raw, index, check)
            if item:
                clean.append((file, item))
        problems.extend(check.problems)
    problems.extend(_cross_references(clean))
    if problems:
        raise KnowledgeBaseError(problems)
    if not clean:
        raise KnowledgeBaseError([Problem("credentials/", None, None, "the catalog has no credentials")])
    return [item for _, item in clean]


def _cross_references(items: list[tuple[str, dict]]) -> list[Problem]:
    problems: list[Problem] = []
    ids = {item["id"] for _, item in items}
    seen_ids: dict[str, str] = {}
    names: dict[str, str] = {}
    requirements: dict[str, tuple[str, dict]] = {}
    for file, item in items:
        entry = f"credential '{item['id']}'"
        if item["id"] in seen_ids:
            problems.append(Problem(file, entry, "id", f"is also used in {seen_ids[item['id']]}"))
        seen_ids[item["id"]] = file
        for n, name in enumerate([item["name"], *item["aliases"]]):
            key = name.casefold().strip()
            owner = names.get(key)
            if owner and owner != item["id"]:
                field_name = "name" if n == 0 else "aliases"
                problems.append(Problem(file, entry, field_name, f"'{name}' also names credential '{owner}'"))
            names[key] = item["id"]
        for ref in item["prerequisites"]:
            if ref not in ids:
                problems.append(
                    Problem(file, entry, "prerequisites.credentials", f"unknown credential id '{ref}'")
                )
            elif ref == item["id"]:
                problems.append(
                    Problem(file, entry, "prerequisites.credentials", "a credential cannot require itself")
                )
        for link in item["stacks_into"]:
            target = link["credential"]
            if target and target not in ids:
                problems.append(Problem(file, entry, "stacks_into", f"unknown credential id '{target}'"))
            elif target == item["id"]:
                problems.append(Problem(file, entry, "stacks_into", "a credential cannot stack into itself"))
        for req in item["requirements"]:
            known = requirements.get(req["code"])
            if known and _requirement_key(known[1]) != _requirement_key(req):
                problems.append(
                    Problem(
                        file,
                        entry,
                        f"requirements '{req['code']}'",
                        f"differs from the requirement with the same code in {known[0]}; "
                        "a shared requirement must be written identically",
                    )
                )
            requirements.setdefault(req["code"], (file, req))
    return problems


def _requirement_key(req: dict) -> tuple:
    return (req["kind"], req["title"], req["credits"], req["hours"])


def validate_faq(file: str, raw: Any, expected_keys: list[str]) -> list[dict]:
    check = Checker(file)
    entries = check.get(raw if isinstance(raw, dict) else {}, None, "faq", entry_list, default=[])
    out = []
    for n, item in enumerate(entries):
        entry = f"faq '{item.get('key', f'#{n + 1}')}'"
        out.append(
            {
                "key": check.get(item, entry, "key", slug_underscore),
                "question": check.get(item, entry, "question", text),
                "answer": check.get(item, entry, "answer", text),
            }
        )
    keys = [item["key"] for item in out]
    for key in expected_keys:
        if key not in keys:
            check.fail(None, "faq", f"has no answer for '{key}'")
    for key in {k for k in keys if keys.count(k) > 1}:
        check.fail(f"faq '{key}'", "key", "is listed twice")
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    return out


def slug_underscore(value: Any) -> str | None:
    ok = isinstance(value, str) and re.match(r"^[a-z0-9]+(?:_[a-z0-9]+)*$", value)
    return None if ok else "must be a lower-case key such as 'what_is_microcredential'"


def validate_support_resources(file: str, raw: Any) -> list[dict]:
    check = Checker(file)
    entries = check.get(
        raw if isinstance(raw, dict) else {}, None, "support_resources", entry_list, default=[]
    )
    out = []
    for n, item in enumerate(entries):
        entry = f"support resource '{item.get('id', f'#{n + 1}')}'"
        out.append(
            {
                "id": check.get(item, entry, "id", slug),
                "name": check.get(item, entry, "name", text),
                "kind": check.get(item, entry, "kind", one_of(SUPPORT_KINDS)),
                "description": check.get(item, entry, "description", text),
                "keywords": check.get(item, entry, "keywords", text_list),
                "contact": check.get(item, entry, "contact", text),
                "hours": check.get(item, entry, "hours", text, required=False),
            }
        )
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    return out


def validate_institution(file: str, raw: Any) -> dict:
    check = Checker(file)
    data = raw if isinstance(raw, dict) else {}
    if not isinstance(raw, dict):
        check.fail(None, None, "must be a mapping of fields")
    clean = {
        "name": check.get(data, None, "name", text),
        "short_name": check.get(data, None, "short_name", text),
        "website": check.get(data, None, "website", url),
        "enrollment_office": check.get(data, None, "enrollment_office", mapping),
        "advisor_office_hours": check.get(data, None, "advisor_office_hours", text),
    }
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    return clean


def validate_synonyms(file: str, raw: Any) -> list[list[str]]:
    """Check the parsed synonym file; raise ``KnowledgeBaseError`` naming every problem."""
    problems: list[Problem] = []
    groups = raw.get("synonyms") if isinstance(raw, dict) else None
    if not isinstance(groups, list):
        raise KnowledgeBaseError([Problem(file, None, "synonyms", "must be a list of synonym groups")])
    owner: dict[str, int] = {}
    for n, group in enumerate(groups, start=1):
        entry = f"group {n}"
        if not (isinstance(group, list) and len(group) >= 2):
            problems.append(Problem(file, entry, None, "must list at least two phrases"))
            continue
        for phrase in group:
            if not (isinstance(phrase, str) and phrase.strip()):
                problems.append(Problem(file, entry, None, f"{phrase!r} is not a phrase"))
                continue
            key = phrase.strip().casefold()
            if key in owner:
                where = "earlier in this group" if owner[key] == n else f"in group {owner[key]}"
                problems.append(Problem(file, entry, None, f"'{phrase}' is also listed {where}"))
            owner.setdefault(key, n)
    if problems:
        raise KnowledgeBaseError(problems)
    return [[phrase.strip() for phrase in group] for group in groups]
