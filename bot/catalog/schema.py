"""Validation of the knowledge base: every problem names the file, the entry, the field, the
value found and the shape expected.

``validate_*`` functions take parsed YAML (or an import's rows) and return plain, checked
dictionaries; they collect every problem they find and raise one ``KnowledgeBaseError``
listing them all. The fields, their shapes and defaults are the tables of
``bot.catalog.fields``; the natural shapes a catalog may use (``cost: 250``,
``prerequisites: [id]``, ``stacks_into: [id]``) are turned into the canonical ones here.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.catalog.fields import (
    COST,
    COST_AMOUNT,
    CREDENTIAL_FIELDS,
    CREDENTIAL_KIND,
    CURRENCY_SHAPE,
    DATE,
    ENTRY_LIST,
    FAQ_FIELDS,
    INSTITUTION_FIELDS,
    PREREQUISITES,
    REQUIREMENT_FIELDS,
    SLUG,
    SLUG_SHAPE,
    STACKS_INTO,
    SUPPORT_FIELDS,
    TEXT,
    TEXT_LIST,
    CatalogDefaults,
    Field,
    Shape,
    TranslationShape,
    number,
)
from bot.i18n.messages import REFERENCE, available

#: ``Problem.found`` when the field was absent.
NOTHING: Any = type("Nothing", (), {"__repr__": lambda self: "nothing"})()

#: The field of every kind of entry that ``_translations`` checks by hand.
TRANSLATIONS = "translations"
#: Fields of a credential that ``validate_credential`` checks by hand (nested or natural shapes).
COMPOSITE = {"id", "cost", "requirements", "prerequisites", "stacks_into", "next_start", TRANSLATIONS}


@dataclass
class Problem:
    file: str
    entry: str | None
    field: str | None
    message: str
    found: Any = NOTHING
    expected: str | None = None
    #: The column of an imported file that held the field, when it had another name.
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.entry:
            where.append(self.entry)
        if self.field:
            where.append(f"field '{self.field}'" + (f" (column '{self.column}')" if self.column else ""))
        said = [self.message] if self.message else []
        if self.found is not NOTHING:
            said.append(f"found {self.found!r}")
        if self.expected:
            said.append(f"expected {self.expected}")
        return ": ".join(where) + ": " + "; ".join(said)


class KnowledgeBaseError(Exception):
    """The knowledge base is invalid; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SourceRow(dict):
    """An entry read from a row of an imported file: problems name that file and line, and
    the column a field came from (``columns``: field name to column name)."""

    def __init__(self, data: dict, file: str, line: int | None, columns: dict[str, str] | None = None):
        super().__init__(data)
        self.file, self.line, self.columns = file, line, columns or {}

    def label(self, what: str) -> str:
        return f"row {self.line} ({what})" if self.line else what


@dataclass
class Checker:
    """Collects problems for one file while its entries are checked."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def fail(
        self,
        entry: str | None,
        field_name: str | None,
        message: str,
        found: Any = NOTHING,
        expected: str | None = None,
        data: Any = None,
    ) -> None:
        file, column = self.file, None
        if isinstance(data, SourceRow):
            file = data.file
            column = data.columns.get((field_name or "").rpartition(".")[2])
        self.problems.append(Problem(file, entry, field_name, message, found, expected, column))

    def get(
        self,
        data: dict,
        entry: str | None,
        name: str,
        shape: Shape,
        required: bool = True,
        default: Any = None,
        prefix: str = "",
    ) -> Any:
        """Return ``data[name]`` if ``shape`` accepts it, else record why and return ``default``.

        ``prefix`` names the enclosing field in messages ("cost." for "cost.amount").
        """
        if name not in data or data[name] is None:
            if required:
                self.fail(entry, prefix + name, "is required", expected=shape.expected, data=data)
            return copy.deepcopy(default)
        if not shape.accepts(data[name]):
            self.fail(entry, prefix + name, "", data[name], shape.expected, data=data)
            return copy.deepcopy(default)
        return data[name]

    def fields(self, data: dict, entry: str | None, table: tuple[Field, ...], what: str, skip=()) -> dict:
        """Check ``data`` against a field table: unknown fields, then each field in turn."""
        names = {f.name for f in table}
        for unknown in sorted(set(data) - names, key=str):
            self.fail(
                entry,
                str(unknown),
                f"is not a field of {what}" + " (see knowledge_base/README.md)",
                data[unknown],
                "one of " + ", ".join(sorted(names)),
                data=data,
            )
        return {
            f.name: self.get(data, entry, f.name, f.shape, f.required, f.default)
            for f in table
            if f.name not in skip
        }


def slugify(text: str) -> str:
    """The slug of a name: "GIS Mapping Essentials" -> "gis-mapping-essentials"."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _translation_shape(table: tuple[Field, ...]) -> TranslationShape:
    shape = next(f.shape for f in table if f.name == TRANSLATIONS)
    assert isinstance(shape, TranslationShape)
    return shape


def _flat(texts: dict, prefix: str = "") -> dict[str, Any]:
    """``{enrollment_office: {hours: x}}`` as ``{"enrollment_office.hours": x}``."""
    out: dict[str, Any] = {}
    for key, value in texts.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _translations(
    raw: dict,
    entry: str | None,
    table: tuple[Field, ...],
    check: Checker,
    languages: tuple[str, ...] | None,
    prefix: str = "",
) -> dict:
    """An entry's ``translations``: ``{language: {field: text}}`` (nested as the entry nests
    the field), each language one of the knowledge base's other languages and each field a
    translatable one; texts come back with their white space folded."""
    shape = _translation_shape(table)
    found = check.get(raw, entry, TRANSLATIONS, shape, required=False, prefix=prefix)
    if not found:
        return {}
    fields = shape.fields
    # Before the institution's languages are known (it has problems of its own), any but English.
    written_in = languages[0] if languages else REFERENCE
    others = [lang for lang in (languages or available()) if lang != written_in]
    where = prefix + TRANSLATIONS
    out: dict = {}
    for language, texts in found.items():
        if language not in others:
            reason = (
                "is the language the knowledge base is written in"
                if language == written_in
                else "is not one of the knowledge base's languages (institution.yml: languages)"
            )
            check.fail(entry, where, reason, language, "one of " + (", ".join(others) or "no language"), raw)
            continue
        if not isinstance(texts, dict):
            check.fail(entry, f"{where}.{language}", "", texts, "a mapping of fields to text", raw)
            continue
        for name, text in _flat(texts).items():
            if name not in fields:
                expected = "one of " + ", ".join(fields)
                check.fail(
                    entry, f"{where}.{language}.{name}", "is not a translatable field", text, expected, raw
                )
            elif not TEXT.accepts(text):
                check.fail(entry, f"{where}.{language}.{name}", "", text, TEXT.expected, raw)
        out[language] = _folded(texts)
    return out


def merged_translations(first: dict, then: dict) -> dict:
    """Translations ``{language: {field: text}}`` of ``first``, with those only ``then`` gives."""
    return {lang: {**then.get(lang, {}), **first.get(lang, {})} for lang in {**first, **then}}


def _folded(texts: dict) -> dict:
    return {k: _folded(v) if isinstance(v, dict) else " ".join(str(v).split()) for k, v in texts.items()}


def _entry(raw: dict, index: int) -> str:
    what = f"credential '{raw.get('id') or raw.get('name') or f'#{index + 1}'}'"
    return raw.label(what) if isinstance(raw, SourceRow) else what


def validate_credential(
    raw: Any, index: int, check: Checker, defaults: CatalogDefaults | None = None
) -> dict | None:
    """Check one credential entry; return its clean form, or None when it is unusable."""
    defaults = defaults or CatalogDefaults()
    if not isinstance(raw, dict):
        check.fail(
            f"credential #{index + 1}", None, "must be a mapping of fields", raw, "a mapping of fields"
        )
        return None
    entry = _entry(raw, index)
    before = len(check.problems)
    clean = check.fields(raw, entry, CREDENTIAL_FIELDS, "a credential", skip=COMPOSITE)
    for f in CREDENTIAL_FIELDS:
        if f.context and clean[f.name] is None:
            clean[f.name] = defaults.get(f.context)
            if clean[f.name] is None:
                check.fail(
                    entry,
                    f.name,
                    f"is required here: its default is {f.default_doc}, which is not given",
                    expected=f.shape.expected,
                    data=raw,
                )
    clean["id"] = check.get(raw, entry, "id", SLUG_SHAPE, required=False)
    if clean["id"] is None and "id" not in raw and isinstance(clean["name"], str):
        clean["id"] = slugify(clean["name"]) or None
        if clean["id"] is None:
            check.fail(
                entry, "id", "is required: the name gives no slug", clean["name"], SLUG_SHAPE.expected, raw
            )
    clean["next_start"] = as_date(check.get(raw, entry, "next_start", DATE, required=False))
    clean["cost_amount"], clean["cost_currency"] = _cost(raw, entry, check, defaults.currency)
    clean["requirements"] = _requirements(raw, entry, check, defaults.languages)
    clean["prerequisites"], clean["prerequisite_notes"] = _prerequisites(raw, entry, check)
    clean["stacks_into"] = _stacking(raw, entry, check)
    clean["translations"] = _translations(raw, entry, CREDENTIAL_FIELDS, check, defaults.languages)
    other_names = {n.casefold() for n in [clean["name"] or "", *(clean["aliases"] or [])]}
    clean["translated_names"] = [
        name
        for name in dict.fromkeys(t["name"] for t in clean["translations"].values() if "name" in t)
        if name.casefold() not in other_names
    ]
    clean["_entry"] = entry
    return clean if len(check.problems) == before else None


def _cost(raw: dict, entry: str, check: Checker, currency: str) -> tuple[Any, str]:
    cost = check.get(raw, entry, "cost", COST)
    if isinstance(cost, str):
        return 0, currency
    if not isinstance(cost, dict):
        return cost, currency
    for unknown in sorted(set(cost) - {"amount", "currency"}, key=str):
        check.fail(
            entry, f"cost.{unknown}", "is not a field of a cost", cost[unknown], COST.expected, data=raw
        )
    amount = check.get(cost, entry, "amount", COST_AMOUNT, prefix="cost.")
    return amount, check.get(cost, entry, "currency", CURRENCY_SHAPE, False, currency, prefix="cost.")


def _requirements(raw: dict, entry: str, check: Checker, languages: tuple[str, ...] | None) -> list[dict]:
    items = check.get(raw, entry, "requirements", ENTRY_LIST, default=[])
    if "requirements" in raw and isinstance(items, list) and not items:
        check.fail(
            entry, "requirements", "must list at least one requirement", [], ENTRY_LIST.expected, data=raw
        )
    out = []
    for n, item in enumerate(items):
        where, prefix = entry, f"requirements[{n}]."
        if isinstance(item, SourceRow):
            owner = raw.get("id") or raw.get("name") or "#?"
            where, prefix = item.label(f"requirement of credential '{owner}'"), ""
        out.append(_requirement(item, where, prefix, check, languages))
    return out


REQUIREMENT_SHAPES = {f.name: f.shape for f in REQUIREMENT_FIELDS}


def _requirement(
    item: dict, entry: str, prefix: str, check: Checker, languages: tuple[str, ...] | None
) -> dict:
    """One requirement; a component credential (``kind: credential``) is coded by its id."""
    names = set(REQUIREMENT_SHAPES)
    for unknown in sorted(set(item) - names, key=str):
        check.fail(
            entry,
            prefix + str(unknown),
            "is not a field of a requirement",
            item[unknown],
            "one of " + ", ".join(sorted(names)),
            data=item,
        )
    if item.get("kind") is None and item.get("credential") is not None:
        kind = CREDENTIAL_KIND  # {credential: id} alone says what it is
    else:
        kind = check.get(item, entry, "kind", REQUIREMENT_SHAPES["kind"], prefix=prefix)
    if kind == CREDENTIAL_KIND:
        component = check.get(
            item, entry, "credential", TEXT, prefix=prefix
        )  # an id: checked with the catalog
        if item.get("code") not in (None, component):
            check.fail(
                entry,
                prefix + "code",
                "is the component credential's id for a requirement of kind credential; leave it out",
                item["code"],
                "no code",
                data=item,
            )
        code, title = component, check.get(item, entry, "title", TEXT, False, prefix=prefix)
    else:
        if item.get("credential") is not None:
            check.fail(
                entry,
                prefix + "credential",
                "names a credential, so the kind must be 'credential'",
                item.get("kind"),
                "kind: credential",
                data=item,
            )
        code = check.get(item, entry, "code", TEXT, prefix=prefix)
        title = check.get(item, entry, "title", TEXT, prefix=prefix)
        component = None
    return {
        "code": code,
        "kind": kind,
        "title": title,
        "credits": check.get(item, entry, "credits", number(0), False, prefix=prefix),
        "hours": check.get(item, entry, "hours", number(0), False, prefix=prefix),
        "translations": _translations(item, entry, REQUIREMENT_FIELDS, check, languages, prefix),
        "credential": component,
        "_where": (getattr(item, "file", check.file), entry),
        "_field": prefix + "credential",
        "_column": getattr(item, "columns", {}).get("credential"),
    }


def _prerequisites(raw: dict, entry: str, check: Checker) -> tuple[list[str], str | None]:
    """``[ids]``, free text, or ``{credentials: [ids], notes: text}``."""
    prereq = check.get(raw, entry, "prerequisites", PREREQUISITES, required=False, default={})
    if isinstance(prereq, list):
        prereq = {"credentials": prereq}
    elif isinstance(prereq, str):
        prereq = {"notes": prereq}
    for unknown in sorted(set(prereq) - {"credentials", "notes"}, key=str):
        check.fail(
            entry,
            f"prerequisites.{unknown}",
            "is not a field of prerequisites",
            prereq[unknown],
            PREREQUISITES.expected,
            data=raw,
        )
    ids = check.get(prereq, entry, "credentials", TEXT_LIST, False, [], prefix="prerequisites.")
    notes = check.get(prereq, entry, "notes", TEXT, required=False, prefix="prerequisites.")
    return ids, notes


def _stacking(raw: dict, entry: str, check: Checker) -> list[dict]:
    """A list of credential ids, ``{credential: id}`` and ``{degree: name, credits: n}``."""
    items = check.get(raw, entry, "stacks_into", STACKS_INTO, required=False, default=[])
    out = []
    for n, item in enumerate([items] if isinstance(items, str) else items):
        where = f"stacks_into[{n}]"
        if isinstance(item, str) and item.strip():
            item = {"credential": item.strip()} if SLUG.match(item.strip()) else {"degree": item.strip()}
        if not isinstance(item, dict) or ("credential" in item) == ("degree" in item):
            check.fail(
                entry,
                where,
                "must name either a 'credential' id or a 'degree'",
                item,
                STACKS_INTO.expected,
                data=raw,
            )
            continue
        credits = check.get(item, entry, "credits", number(0), required=False, prefix=f"{where}.")
        out.append({"credential": item.get("credential"), "degree": item.get("degree"), "credits": credits})
    return out


def validate_catalog(
    credentials_by_file: dict[str, list], defaults: CatalogDefaults | None = None
) -> list[dict]:
    """Check every credential file and the references between credentials."""
    problems: list[Problem] = []
    clean: list[tuple[str, dict]] = []
    for file, entries in credentials_by_file.items():
        check = Checker(file)
        for index, raw in enumerate(entries):
            item = validate_credential(raw, index, check, defaults)
            if item:
                clean.append((getattr(raw, "file", file), item))
        problems.extend(check.problems)
    named = {
        raw.get("id") or slugify(str(raw.get("name") or ""))
        for entries in credentials_by_file.values()
        for raw in entries
        if isinstance(raw, dict)
    }
    problems.extend(_cross_references(clean, named))
    if problems:
        raise KnowledgeBaseError(problems)
    if not clean:
        raise KnowledgeBaseError([Problem("credentials/", None, None, "the catalog has no credentials")])
    for _, item in clean:
        del item["_entry"]
        for req in item["requirements"]:
            del req["_where"], req["_field"], req["_column"]
    return [item for _, item in clean]


def _cross_references(items: list[tuple[str, dict]], named: set[str]) -> list[Problem]:
    """References between the valid ``items``; ``named`` holds every id in the catalog, those
    of entries with problems of their own too (a reference to them is not reported)."""
    problems: list[Problem] = []
    by_id = {item["id"]: item for _, item in items}
    seen_ids: dict[str, str] = {}
    names: dict[str, str] = {}
    requirements: dict[str, tuple[str, dict]] = {}
    known = "the id of a credential in the catalog"
    for file, item in items:
        entry = item["_entry"]
        if item["id"] in seen_ids:
            problems.append(Problem(file, entry, "id", f"is also used in {seen_ids[item['id']]}", item["id"]))
        seen_ids[item["id"]] = file
        for n, name in enumerate([item["name"], *item["aliases"], *item["translated_names"]]):
            key = name.casefold().strip()
            owner = names.get(key)
            if owner and owner != item["id"]:
                field_name = "name" if n == 0 else "aliases" if n <= len(item["aliases"]) else TRANSLATIONS
                problems.append(Problem(file, entry, field_name, f"'{name}' also names credential '{owner}'"))
            names[key] = item["id"]
        for ref in item["prerequisites"]:
            if ref not in named:
                problems.append(
                    Problem(
                        file, entry, "prerequisites.credentials", f"unknown credential id '{ref}'", ref, known
                    )
                )
            elif ref == item["id"]:
                problems.append(
                    Problem(
                        file, entry, "prerequisites.credentials", "a credential cannot require itself", ref
                    )
                )
        for link in item["stacks_into"]:
            target = link["credential"]
            if target and target not in named:
                problems.append(
                    Problem(file, entry, "stacks_into", f"unknown credential id '{target}'", target, known)
                )
            elif target == item["id"]:
                problems.append(
                    Problem(file, entry, "stacks_into", "a credential cannot stack into itself", target)
                )
        for req in item["requirements"]:
            req_file, req_entry = req["_where"]
            if req["kind"] == CREDENTIAL_KIND:
                component = by_id.get(req["code"])
                if req["code"] not in named:
                    problems.append(
                        Problem(
                            req_file,
                            req_entry,
                            req["_field"],
                            f"unknown credential id '{req['code']}'",
                            req["code"],
                            known,
                            req["_column"],
                        )
                    )
                    continue
                if req["code"] == item["id"]:
                    problems.append(
                        Problem(
                            req_file,
                            req_entry,
                            req["_field"],
                            "a credential cannot require itself",
                            req["code"],
                            "another credential's id",
                            req["_column"],
                        )
                    )
                    continue
                if component is None:
                    continue  # it has problems of its own
                if not req["title"]:  # it is called by the component's name, in every language
                    req["title"] = component["name"]
                    titles = {
                        lang: {"title": t["name"]}
                        for lang, t in component["translations"].items()
                        if "name" in t
                    }
                    req["translations"] = merged_translations(req["translations"], titles)
                if req["credits"] is None:
                    req["credits"] = component["credit_value"]
            known_req = requirements.get(req["code"])
            if known_req and _requirement_key(known_req[1]) != _requirement_key(req):
                problems.append(
                    Problem(
                        req_file,
                        req_entry,
                        f"requirements '{req['code']}'",
                        f"differs from the requirement with the same code in {known_req[0]}; "
                        "a shared requirement must be written identically",
                        _requirement_key(req),
                        f"{_requirement_key(known_req[1])} (kind, title, credits, hours)",
                    )
                )
            requirements.setdefault(req["code"], (req_file, req))
    problems.extend(_component_cycles(items, by_id))
    return problems


def _component_cycles(items: list[tuple[str, dict]], by_id: dict[str, dict]) -> list[Problem]:
    """A credential requirement may not lead back to the credential that lists it."""
    problems = []
    reported: set[frozenset] = set()

    def components(cid: str) -> list[str]:
        return [
            r["code"]
            for r in by_id[cid]["requirements"]
            if r["kind"] == CREDENTIAL_KIND and r["code"] in by_id
        ]

    for file, item in items:
        stack = [(item["id"], [item["id"]])]
        while stack:
            current, path = stack.pop()
            for nxt in components(current):
                if nxt == item["id"] and len(path) > 1:
                    cycle = frozenset(path)
                    if cycle not in reported:
                        reported.add(cycle)
                        problems.append(
                            Problem(
                                file,
                                item["_entry"],
                                "requirements",
                                "credential requirements form a cycle: " + " -> ".join([*path, nxt]),
                                expected="credential requirements that never lead back to the credential",
                            )
                        )
                elif nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return problems


def _requirement_key(req: dict) -> tuple:
    return (req["kind"], req["title"], req["credits"], req["hours"])


def component_stacking(credentials: list[dict]) -> dict[str, list[str]]:
    """For each credential id, the credentials that list it as a requirement of kind
    credential (it counts toward them, as ``stacks_into`` says), unless already stated."""
    out: dict[str, list[str]] = {}
    stated = {c["id"]: {link["credential"] for link in c["stacks_into"]} for c in credentials}
    for item in credentials:
        for req in item["requirements"]:
            if req["kind"] == CREDENTIAL_KIND and item["id"] not in stated.get(req["code"], set()):
                out.setdefault(req["code"], []).append(item["id"])
    return out


def validate_faq(
    file: str, raw: Any, expected_keys: list[str], languages: tuple[str, ...] | None = None
) -> list[dict]:
    check = Checker(file)
    entries = check.get(raw if isinstance(raw, dict) else {}, None, "faq", ENTRY_LIST, default=[])
    out = []
    for n, item in enumerate(entries):
        entry = f"faq '{item.get('key', f'#{n + 1}')}'"
        clean = check.fields(item, entry, FAQ_FIELDS, "an FAQ entry", skip={TRANSLATIONS})
        clean[TRANSLATIONS] = _translations(item, entry, FAQ_FIELDS, check, languages)
        out.append(clean)
    keys = [item["key"] for item in out]
    for key in expected_keys:
        if key not in keys:
            check.fail(None, "faq", f"has no answer for '{key}'")
    for key in {k for k in keys if keys.count(k) > 1}:
        check.fail(f"faq '{key}'", "key", "is listed twice", key)
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    return out


def validate_support_resources(file: str, raw: Any, languages: tuple[str, ...] | None = None) -> list[dict]:
    check = Checker(file)
    entries = check.get(
        raw if isinstance(raw, dict) else {}, None, "support_resources", ENTRY_LIST, default=[]
    )
    out = []
    for n, item in enumerate(entries):
        entry = f"support resource '{item.get('id', f'#{n + 1}')}'"
        clean = check.fields(item, entry, SUPPORT_FIELDS, "a support resource", skip={TRANSLATIONS})
        clean[TRANSLATIONS] = _translations(item, entry, SUPPORT_FIELDS, check, languages)
        out.append(clean)
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    return out


def initials(name: str) -> str:
    """ "Northfield State College" -> "NSC" (capitalised words only)."""
    return "".join(word[0] for word in name.split() if word[:1].isupper()) or name


def validate_institution(file: str, raw: Any) -> dict:
    """The institution's settings; ``website`` stays None when absent (``complete_institution``)."""
    check = Checker(file)
    data = raw if isinstance(raw, dict) else {}
    if not isinstance(raw, dict):
        check.fail(None, None, "must be a mapping of fields", raw, "a mapping of fields")
    clean = check.fields(data, None, INSTITUTION_FIELDS, "institution.yml", skip={TRANSLATIONS})
    if not check.problems:
        clean[TRANSLATIONS] = _translations(data, None, INSTITUTION_FIELDS, check, tuple(clean["languages"]))
    if check.problems:
        raise KnowledgeBaseError(check.problems)
    clean["short_name"] = clean["short_name"] or initials(clean["name"])
    return clean


def catalog_defaults(institution: dict | None) -> CatalogDefaults:
    """The credential defaults that come from the institution."""
    if not institution:
        return CatalogDefaults()
    return CatalogDefaults(
        provider=institution["name"],
        enrollment_url=institution.get("website"),
        currency=institution["currency"],
        languages=tuple(institution["languages"]),
    )


def complete_institution(institution: dict, credentials: list[dict]) -> dict:
    """Fill the website from the first credential's enrollment address; drop absent fields."""
    if not institution.get("website") and credentials:
        parts = urlsplit(credentials[0]["enrollment_url"])
        institution = {**institution, "website": f"{parts.scheme}://{parts.netloc}"}
    return {key: value for key, value in institution.items() if value is not None}


def validate_synonyms(file: str, raw: Any) -> list[list[str]]:
    """Check the parsed synonym file; raise ``KnowledgeBaseError`` naming every problem."""
    problems: list[Problem] = []
    groups = raw.get("synonyms") if isinstance(raw, dict) else None
    if not isinstance(groups, list):
        raise KnowledgeBaseError(
            [
                Problem(
                    file,
                    None,
                    "synonyms",
                    "must be a list of synonym groups",
                    expected="a list of lists of phrases",
                )
            ]
        )
    owner: dict[str, int] = {}
    for n, group in enumerate(groups, start=1):
        entry = f"group {n}"
        if not (isinstance(group, list) and len(group) >= 2):
            problems.append(Problem(file, entry, None, "must list at least two phrases", group))
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
