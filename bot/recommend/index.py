"""The catalog indexed for matching: each credential's fields as stems, and how rare each stem is."""

from __future__ import annotations

import difflib
import math
from collections.abc import Set
from dataclasses import dataclass, field

from bot.recommend.offers import Offer
from bot.recommend.terms import STOP, is_content, stem, tokens

#: Similarity a typo needs to its catalog word (short words need more); first letters must agree.
TYPO_CUTOFF = 0.8
SHORT_WORD_TYPO_CUTOFF = 0.85
SHORT_WORD = 6


@dataclass
class IndexedPhrase:
    text: str
    stems: frozenset[str]
    #: The learner-readable word for each stem, as the catalog wrote it.
    words: dict[str, str]


@dataclass
class Document:
    """One credential's fields ("careers", "skills", "name", ...) as indexed phrases."""

    offer: Offer
    fields: dict[str, list[IndexedPhrase]]
    stems: dict[str, frozenset[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.stems = {
            name: frozenset().union(*(p.stems for p in phrases)) for name, phrases in self.fields.items()
        }

    def all_stems(self) -> frozenset[str]:
        return frozenset().union(*self.stems.values())


def index_phrase(text: str) -> IndexedPhrase:
    stems = {stem(lemma): word for word, lemma in tokens(text) if lemma not in STOP}
    return IndexedPhrase(text, frozenset(stems), stems)


def document(offer: Offer) -> Document:
    texts = {
        "careers": offer.careers,
        "skills": offer.skills,
        "name": (offer.name,),
        "aliases": offer.aliases,
        "requirements": offer.requirement_titles,
        "description": (offer.description,),
    }
    return Document(offer, {name: [index_phrase(t) for t in values] for name, values in texts.items()})


class CatalogIndex:
    """Every credential's document, the inverse document frequency of each stem, and the
    known words (the catalog's and the synonym file's) that typos are corrected to."""

    def __init__(self, offers: list[Offer], extra_words: Set[str] = frozenset()):
        self.documents = [document(offer) for offer in offers]
        frequency: dict[str, int] = {}
        for doc in self.documents:
            for s in doc.all_stems():
                frequency[s] = frequency.get(s, 0) + 1
        total = max(len(self.documents), 1)
        self.idf = {s: math.log(1 + total / n) for s, n in frequency.items()}
        texts = [
            t for doc in self.documents for phrases in doc.fields.values() for t in (p.text for p in phrases)
        ]
        known = {lemma for text in texts for _, lemma in tokens(text)}
        self.vocabulary = sorted((known | set(extra_words)) - STOP)
        self._known = set(self.vocabulary)

    def correct(self, lemma: str) -> str:
        """``lemma``, or the known word it is a likely typo of ("analist" -> "analyst")."""
        if lemma in self._known or len(lemma) < 4 or not is_content(lemma):
            return lemma
        cutoff = SHORT_WORD_TYPO_CUTOFF if len(lemma) <= SHORT_WORD else TYPO_CUTOFF
        same_start = [word for word in self.vocabulary if word[0] == lemma[0]]
        close = difflib.get_close_matches(lemma, same_start, n=1, cutoff=cutoff)
        return close[0] if close else lemma
