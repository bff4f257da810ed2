"""The product's own sentences in each language, and the call that says them: ``t(key, **values)``.

Each language is a folder of YAML files in ``locales/`` (``locales/es/answers.yml``, ...). A
file's name is the first part of its keys and nested mappings the next parts
(``answers.requirements.head``). A value is a ``str.format`` template, or, for a sentence that
counts something, a mapping of CLDR plural categories (``one``, ``other``, ...) chosen by
Babel's plural rules for ``count``. English (``en``) is the reference: every key it has, each
other language has too (``tests/unit/test_translations.py``); a key missing all the same is
said in English and logged, never left unsaid.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal

logger = logging.getLogger(__name__)

LOCALES = Path(__file__).resolve().parent / "locales"
#: The language every key is written in first, and the one said when a translation is missing.
REFERENCE = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

_language: ContextVar[str] = ContextVar("language", default=REFERENCE)

Entry = str | dict[str, str]


@lru_cache(maxsize=1)
def available() -> tuple[str, ...]:
    """The languages the product can speak: the folders of ``locales/`` that hold messages."""
    return tuple(sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and any(p.glob("*.yml"))))


@cache
def catalog(language: str) -> dict[str, Entry]:
    """Every message of ``language`` by its dotted key."""
    entries: dict[str, Entry] = {}
    for path in sorted((LOCALES / language).glob("*.yml")):
        _flatten(path.stem, yaml.safe_load(path.read_text(encoding="utf-8")) or {}, entries)
    return entries


def _flatten(prefix: str, node: object, into: dict[str, Entry]) -> None:
    if isinstance(node, dict) and not _is_plural(node):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}", value, into)
    elif isinstance(node, dict):
        into[prefix] = {str(k): str(v) for k, v in node.items()}
    else:
        into[prefix] = str(node)


def _is_plural(node: dict) -> bool:
    return "other" in node and set(map(str, node)) <= PLURAL_CATEGORIES


def current_language() -> str:
    return _language.get()


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Say everything inside the block in ``language`` (the reference one if the product does
    not speak it); yields the language used."""
    chosen = language if language in available() else REFERENCE
    token = _language.set(chosen)
    try:
        yield chosen
    finally:
        _language.reset(token)


def t(key: str, count: float | None = None, *, language: str | None = None, **values: object) -> str:
    """The message ``key`` in ``language`` (default: the current one), filled with ``values``.
    A plural message picks its form for ``count``, which it can show as ``{count}``."""
    lang = language or current_language()
    entry = catalog(lang).get(key)
    if entry is None:
        logger.warning("no %s translation of the message %r: said in %s", lang, key, REFERENCE)
        entry = catalog(REFERENCE)[key]
        lang = REFERENCE
    if isinstance(entry, dict):
        if count is None:
            raise TypeError(f"the message {key!r} needs a count")
        entry = entry.get(locale(lang).plural_form(abs(count))) or entry["other"]
        values.setdefault("count", format_decimal(count, locale=locale(lang)))
    return entry.format(**values)


@cache
def locale(language: str) -> Locale:
    return Locale.parse(language)
