""" "Did you mean ...?": the FAQ entries and credentials nearest a message the NLU was unsure of.

The message and every candidate (an FAQ question; a credential's name, description and
skills) are embedded with the multilingual sentence encoder the NLU uses
(``bot.nlp.encoder``), so a question in any language it knows finds the English entry it
means (a credential by its name, description and skills). The candidates' vectors are computed once per catalog. The two or three nearest
above a floor become buttons whose payload (``/choose_suggestion{"suggestion":"faq:funding"}``)
answers that FAQ, or gives that credential's overview, and logs the choice. A button's title
is the question or the name in the conversation's language when the knowledge base
translates it (``localized``); the vectors stay those of the knowledge base's own texts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from bot.catalog.localized import localized
from bot.nlp.encoder import embed
from bot.replies.reply import payload

#: Below this cosine similarity a candidate is not offered (unrelated text scores about 0.1).
FLOOR = 0.2
#: A candidate further than this below the best one is not offered either.
WITHIN = 0.15
LIMIT = 3
#: The intent of a suggestion button (``action_choose_suggestion`` answers it).
CHOOSE_INTENT = "choose_suggestion"


class FaqLike(Protocol):
    key: str
    question: str


class CredentialLike(Protocol):
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "faq" or "credential"
    key: str  # the FAQ key or the credential id
    title: str
    score: float

    @property
    def name(self) -> str:
        """``kind:key``, as logged and as the button's payload carries it."""
        return f"{self.kind}:{self.key}"

    @property
    def button(self) -> dict:
        return {"title": self.title, "payload": payload(CHOOSE_INTENT, suggestion=self.name)}


@dataclass(frozen=True)
class _Candidate:
    kind: str
    key: str
    title: str
    texts: tuple[str, ...]  # the candidate scores as the nearest of them


def _candidates(faq: Iterable[FaqLike], credentials: Iterable[CredentialLike]) -> tuple[_Candidate, ...]:
    entries = [_Candidate("faq", f.key, localized(f, "question"), (f.question,)) for f in faq]
    for c in credentials:
        skills = ", ".join(getattr(c, "skills", ()) or ())
        entries.append(
            _Candidate(
                "credential", c.id, localized(c, "name"), (f"{c.name}. {c.description} {skills}".strip(),)
            )
        )
    return tuple(entries)


@lru_cache(maxsize=4)
def _vectors(texts: tuple[str, ...]) -> np.ndarray:
    return embed(list(texts))


def suggest(
    message: str, faq: Iterable[FaqLike], credentials: Iterable[CredentialLike], limit: int = LIMIT
) -> list[Suggestion]:
    """The nearest FAQ entries and credentials to ``message``, best first (maybe none)."""
    candidates = _candidates(faq, credentials)
    if not candidates or not (message or "").strip():
        return []
    texts = tuple(t for c in candidates for t in c.texts)
    similarities = iter((_vectors(texts) @ embed([message])[0]).tolist())
    scores = np.array([max(next(similarities) for _ in c.texts) for c in candidates])
    order = np.argsort(-scores)
    best = float(scores[order[0]])
    return [
        Suggestion(candidates[i].kind, candidates[i].key, candidates[i].title, float(scores[i]))
        for i in order[:limit]
        if scores[i] >= FLOOR and scores[i] >= best - WITHIN
    ]


def parse_choice(name: str) -> tuple[str, str] | None:
    """``("faq", "funding")`` from ``"faq:funding"``; None for anything else."""
    kind, _, key = (name or "").partition(":")
    return (kind, key) if kind in ("faq", "credential") and key else None
