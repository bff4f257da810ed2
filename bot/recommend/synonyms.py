"""The editable synonym file (``knowledge_base/synonyms.yml``): validated, then matched in text.

A group lists phrases that mean the same thing to a learner ("nurse", "rn", "registered
nurse"). When a message contains one, the stems of the whole group join the goal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.catalog.loader import SYNONYMS_FILE, read_yaml
from bot.catalog.schema import validate_synonyms
from bot.config import Settings
from bot.recommend.terms import STOP, stem, words


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


def read_synonyms(path: Path) -> Synonyms:
    """Read and validate a synonym file."""
    return Synonyms(validate_synonyms(f"{path.parent.name}/{path.name}", read_yaml(path, path.parent)))


@lru_cache(maxsize=4)
def load_synonyms(directory: Path | None = None) -> Synonyms:
    """The knowledge base's synonyms, read once per process."""
    return read_synonyms(Path(directory or Settings.from_env().knowledge_base_dir) / SYNONYMS_FILE)
