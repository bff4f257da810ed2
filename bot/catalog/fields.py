"""The knowledge base's fields: one table per kind of entry, the one source of truth.

Each ``Field`` names its ``Shape`` (how a value is checked, how the expected shape is said
in a problem report, and its JSON Schema), whether it is required, and its default. The
validator (``bot.catalog.schema``), the JSON Schema (``bot.catalog.json_schema``) and the
importer's type conversions (``bot.catalog.importer``) all read these tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.i18n.messages import REFERENCE, available
from bot.models.catalog import CREDENTIAL_KIND
from bot.nlp.vocabulary import (
    CREDENTIAL_MODELS,
    CREDENTIAL_TYPES,
    DELIVERY_FORMATS,
    LEVELS,
    REQUIREMENT_KINDS,
    SUPPORT_KINDS,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
URL = re.compile(r"^https?://\S+$")

#: Every requirement kind: the vocabulary's, and a component credential.
ALL_REQUIREMENT_KINDS = (*REQUIREMENT_KINDS, CREDENTIAL_KIND)


@dataclass(frozen=True)
class Shape:
    """A kind of value: ``accepts`` checks it, ``expected`` says it, ``json`` is its JSON Schema.

    ``kind`` tells the importer how to read the value from a CSV cell: text, number,
    boolean, list or date (``composite`` shapes are read as text and checked whole).
    """

    expected: str
    accepts: Callable[[Any], bool]
    json: dict
    kind: str = "text"


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(minimum: float) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= minimum


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


TEXT = Shape("non-empty text", _is_text, {"type": "string", "minLength": 1})
SLUG_SHAPE = Shape(
    "a lower-case slug such as 'data-analytics-certificate'",
    lambda v: isinstance(v, str) and bool(SLUG.match(v)),
    {"type": "string", "pattern": SLUG.pattern},
)
KEY_SHAPE = Shape(
    "a lower-case key such as 'what_is_microcredential'",
    lambda v: isinstance(v, str) and bool(KEY.match(v)),
    {"type": "string", "pattern": KEY.pattern},
)
URL_SHAPE = Shape(
    "an http(s) URL",
    lambda v: isinstance(v, str) and bool(URL.match(v)),
    {"type": "string", "pattern": URL.pattern},
)
CURRENCY_SHAPE = Shape(
    "a three-letter currency code such as 'USD'",
    lambda v: isinstance(v, str) and bool(CURRENCY.match(v)),
    {"type": "string", "pattern": CURRENCY.pattern},
)
BOOLEAN = Shape("true or false", lambda v: isinstance(v, bool), {"type": "boolean"}, kind="boolean")
DATE = Shape(
    "a date written YYYY-MM-DD",
    _is_date,
    {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    kind="date",
)
TEXT_LIST = Shape(
    "a list of non-empty text",
    lambda v: isinstance(v, list) and all(_is_text(x) for x in v),
    {"type": "array", "items": {"type": "string", "minLength": 1}},
    kind="list",
)
MAPPING = Shape("a mapping of fields", lambda v: isinstance(v, dict), {"type": "object"}, kind="composite")
ENTRY_LIST = Shape(
    "a list of mappings",
    lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    {"type": "array", "items": {"type": "object"}},
    kind="composite",
)


def _is_language_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(v in available() for v in value)
        and len(set(value)) == len(value)
    )


LANGUAGES = Shape(
    f"a list of languages the assistant speaks, each once ({', '.join(available())})",
    _is_language_list,
    {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(available())}},
    kind="list",
)


@dataclass(frozen=True)
class TranslationShape(Shape):
    """``translations: {language: {field: text}}``; ``fields`` names the translatable ones (a
    dotted name is a nested field: ``enrollment_office.hours``)."""

    fields: tuple[str, ...] = ()


def translations(*fields: str) -> TranslationShape:
    """The shape of an entry's translations of ``fields`` into the knowledge base's other languages."""
    texts: dict = {"type": "object", "properties": {}, "additionalProperties": False}
    for name in fields:
        node = texts
        *parents, last = name.split(".")
        for parent in parents:
            node = node["properties"].setdefault(
                parent, {"type": "object", "properties": {}, "additionalProperties": False}
            )
        node["properties"][last] = TEXT.json
    return TranslationShape(
        f"a mapping of languages to a mapping of translated fields ({', '.join(fields)}) to text",
        lambda v: isinstance(v, dict),
        {"type": "object", "propertyNames": {"enum": list(available())}, "additionalProperties": texts},
        kind="composite",
        fields=fields,
    )


def translations_field(*fields: str) -> Field:
    return Field(
        "translations",
        translations(*fields),
        "the texts in the knowledge base's other languages (institution.yml: languages): "
        f"{{language: {{{', '.join(fields)}}}}}",
        required=False,
        default={},
    )


def number(minimum: float = 0) -> Shape:
    return Shape(
        f"a number of at least {minimum:g}",
        _is_number(minimum),
        {"type": "number", "minimum": minimum},
        kind="number",
    )


def one_of(choices) -> Shape:
    allowed = sorted(choices)
    return Shape(f"one of {', '.join(allowed)}", lambda v: v in allowed, {"enum": allowed})


#: ``cost``: an amount in the institution's currency, "free", or ``{amount, currency}``.
COST_AMOUNT = number(0)
COST = Shape(
    "a number (in the institution's currency), 'free', or {amount: NUMBER, currency: CODE}",
    lambda v: (
        COST_AMOUNT.accepts(v)
        or (isinstance(v, str) and v.strip().casefold() == "free")
        or isinstance(v, dict)
    ),
    {
        "anyOf": [
            COST_AMOUNT.json,
            {"type": "string", "enum": ["free", "Free", "FREE"]},
            {
                "type": "object",
                "properties": {"amount": COST_AMOUNT.json, "currency": CURRENCY_SHAPE.json},
                "required": ["amount"],
                "additionalProperties": False,
            },
        ]
    },
    kind="composite",
)

PREREQUISITES = Shape(
    "a list of credential ids, free text, or {credentials: [ids], notes: TEXT}",
    lambda v: isinstance(v, (list, dict, str)),
    {
        "anyOf": [
            {"type": "array", "items": SLUG_SHAPE.json},
            TEXT.json,
            {
                "type": "object",
                "properties": {
                    "credentials": {"type": "array", "items": SLUG_SHAPE.json},
                    "notes": TEXT.json,
                },
                "additionalProperties": False,
            },
        ]
    },
    kind="list",
)

STACK_TARGET = {
    "anyOf": [
        SLUG_SHAPE.json,
        {
            "type": "object",
            "properties": {"credential": SLUG_SHAPE.json, "credits": number(0).json},
            "required": ["credential"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"degree": TEXT.json, "credits": number(0).json},
            "required": ["degree"],
            "additionalProperties": False,
        },
    ]
}
STACKS_INTO = Shape(
    "a list of credential ids, {credential: id} or {degree: NAME, credits: NUMBER}",
    lambda v: isinstance(v, (list, str)),
    {"type": "array", "items": STACK_TARGET},
    kind="list",
)


@dataclass(frozen=True)
class Field:
    """One field of an entry. ``default`` is used when it is absent; ``default_doc`` says a
    default that depends on the rest of the knowledge base (taken from ``context``)."""

    name: str
    shape: Shape
    doc: str
    required: bool = True
    default: Any = None
    default_doc: str | None = None
    #: The key of ``CatalogDefaults`` whose value is the default (the institution's name ...).
    context: str | None = None

    @property
    def optional(self) -> bool:
        return not self.required


REQUIREMENT_FIELDS = (
    Field(
        "code", TEXT, "unique per requirement across the catalog (not for kind credential)", required=False
    ),
    Field(
        "kind",
        one_of(ALL_REQUIREMENT_KINDS),
        "what the learner does; 'credential' = earn another credential (implied by a 'credential' field)",
        required=False,
    ),
    Field("title", TEXT, "what it is called (for kind credential, the credential's name)", required=False),
    Field("credits", number(0), "academic credits (0 for non-credit)", required=False),
    Field("hours", number(0), "learning hours", required=False),
    Field(
        "credential", SLUG_SHAPE, "for kind credential: the id of the component credential", required=False
    ),
    translations_field("title"),
)

CREDENTIAL_FIELDS = (
    Field("id", SLUG_SHAPE, "unique across the catalog", required=False, default_doc="the name as a slug"),
    Field("name", TEXT, "display name, unique"),
    Field("aliases", TEXT_LIST, "other names learners use", required=False, default=[]),
    Field("type", one_of(CREDENTIAL_TYPES), "the kind of credential"),
    Field("model", one_of(CREDENTIAL_MODELS), "how it is earned"),
    Field("level", one_of(LEVELS), "its level", required=False, default="introductory"),
    Field("description", TEXT, "one or two sentences a learner can read"),
    Field(
        "provider",
        TEXT,
        "the school or department offering it",
        required=False,
        default_doc="the institution's name",
        context="provider",
    ),
    Field("requirements", ENTRY_LIST, "what the learner completes (at least one)"),
    Field("prerequisites", PREREQUISITES, "what must come first", required=False),
    Field("stacks_into", STACKS_INTO, "what it counts toward", required=False, default=[]),
    Field("skills", TEXT_LIST, "skills it teaches"),
    Field("careers", TEXT_LIST, "careers it leads to", required=False, default=[]),
    Field("duration_weeks", number(1), "how many weeks it takes"),
    Field("workload_hours_per_week", number(1), "hours a week"),
    Field("cost", COST, "what it costs; 0 or 'free' when free"),
    Field("format", one_of(DELIVERY_FORMATS), "how it is delivered"),
    Field(
        "open_to_public",
        BOOLEAN,
        "can a learner who is not an enrolled student take it?",
        required=False,
        default=True,
    ),
    Field("next_start", DATE, "the next start date (omit when self-paced)", required=False),
    Field("credit_value", number(0), "academic credits it carries", required=False, default=0),
    Field(
        "enrollment_url",
        URL_SHAPE,
        "where to enroll",
        required=False,
        default_doc="the institution's website",
        context="enrollment_url",
    ),
    translations_field("name", "description", "prerequisite_notes"),
)

INSTITUTION_FIELDS = (
    Field("name", TEXT, "the institution's name"),
    Field("short_name", TEXT, "abbreviation", required=False, default_doc="the initials of the name"),
    Field(
        "website",
        URL_SHAPE,
        "the institution's website",
        required=False,
        default_doc="the scheme and host of the first credential's enrollment_url",
    ),
    Field(
        "enrollment_office",
        MAPPING,
        "email, phone and hours of the enrollment office",
        required=False,
        default={},
    ),
    Field("advisor_office_hours", TEXT, "when advisors answer", required=False),
    Field(
        "currency",
        CURRENCY_SHAPE,
        "currency of costs written as a plain number",
        required=False,
        default="USD",
    ),
    Field(
        "languages",
        LANGUAGES,
        "the languages the assistant answers in; the first is the one the knowledge base is "
        "written in and the one a conversation starts in",
        required=False,
        default=[REFERENCE],
    ),
    translations_field("enrollment_office.hours", "advisor_office_hours"),
)

FAQ_FIELDS = (
    Field("key", KEY_SHAPE, "the FAQ sub-intent (faq/<key>)"),
    Field("question", TEXT, "the question as a learner asks it"),
    Field("answer", TEXT, "the answer"),
    translations_field("question", "answer"),
)

SUPPORT_FIELDS = (
    Field("id", SLUG_SHAPE, "unique id"),
    Field("name", TEXT, "name of the service"),
    Field("kind", one_of(SUPPORT_KINDS), "the kind of service"),
    Field("description", TEXT, "what it offers"),
    Field("keywords", TEXT_LIST, "words learners use for it"),
    Field("contact", TEXT, "how to reach it"),
    Field("hours", TEXT, "opening hours", required=False),
    translations_field("name", "description", "hours"),
)


@dataclass(frozen=True)
class CatalogDefaults:
    """Defaults of credential fields that come from the institution (``Field.context``)."""

    provider: str | None = None
    enrollment_url: str | None = None
    currency: str = "USD"
    #: The institution's languages (``institution.yml``: languages); None when it is not known.
    languages: tuple[str, ...] | None = None

    def get(self, key: str) -> Any:
        return getattr(self, key, None)
