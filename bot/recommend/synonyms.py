"""The editable synonym file (``knowledge_base/synonyms.yml``): validated, then matched in text.

A group lists phrases that mean the same thing to a learner ("nurse", "rn", "registered
nurse"). When a message contains one, the stems of the whole group join the goal.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.schema import KnowledgeBaseError, Problem
from bot.config import Settings
from bot.recommend.terms import STOP, stem, words

FILE_NAME = "synonyms.yml"


@dataclass(frozen=True)
class Phrase:
    text: str
    lemmas: tuple[str, ...]

    @property
    def stems(self) -> set[str]:
        return {stem(lemma) for lemma in self.lemmas if lemma not in STOP}


@dataclass(frozen=True)
class Match:
    group: tuple[Phrase, ...]
    phrase: Phrase
    start: int
    end: int


class Synonyms:
    """Groups of interchangeable phrases, matched against lemma sequences."""

    def __init__(self, groups: list[list[str]]):
        self.groups = tuple(tuple(_phrase(text) for text in group) for group in groups)

    @property
    def lemmas(self) -> set[str]:
        """Every lemma of every phrase (typo correction treats them as known words)."""
        return {lemma for group in self.groups for phrase in group for lemma in phrase.lemmas}

    def matches(self, sequence: list[str]) -> list[Match]:
        """Phrases found in a sequence of lemmas, longest first, none overlapping."""
        found = []
        for group in self.groups:
            for phrase in group:
                size = len(phrase.lemmas)
                for start in range(len(sequence) - size + 1):
                    if tuple(sequence[start : start + size]) == phrase.lemmas:
                        found.append(Match(group, phrase, start, start + size))
        taken: set[int] = set()
        kept = []
        for match in sorted(found, key=lambda m: m.end - m.start, reverse=True):
            span = set(range(match.start, match.end))
            if not span & taken:
                kept.append(match)
                taken |= span
        return kept


def _phrase(text: str) -> Phrase:
    return Phrase(text, tuple(words(text)))


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


def read_synonyms(path: Path) -> Synonyms:
    """Read and validate a synonym file."""
    name = f"{path.parent.name}/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeBaseError([Problem(name, None, None, "is missing")]) from None
    except yaml.YAMLError as error:
        raise KnowledgeBaseError([Problem(name, None, None, f"is not valid YAML: {error}")]) from None
    return Synonyms(validate_synonyms(name, raw))


@lru_cache(maxsize=4)
def load_synonyms(directory: Path | None = None) -> Synonyms:
    """The knowledge base's synonyms, read once per process."""
    return read_synonyms(Path(directory or Settings.from_env().knowledge_base_dir) / FILE_NAME)
