"""A learner's stated goal: the words of what they want, and the constraints they put on it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.catalog.constraints import Constraints, formats_for, split_constraints
from bot.nlp.vocabulary import CREDENTIAL_TYPES, phrases
from bot.recommend.terms import is_content, located_tokens

#: Answers that mean "no preference" to a clarifying question.
NO_PREFERENCE = re.compile(
    r"^\s*(?:no(?:pe)?|none|nothing|any|anything|whatever|not really|not sure|no idea|"
    r"i don'?t know|idk|dunno|don'?t care|doesn'?t matter|no preference|no preferences|"
    r"(?:i'?m )?(?:open|flexible)|surprise me|skip)\b[\s.!]*(?:really|at all|in particular|thanks?|please)?[\s.!]*$",
    re.IGNORECASE,
)

#: Where a message says what the learner wants ("... want to become a data analyst"): the words
#: after it, up to the end of the sentence, are the goal; the rest is background ("I work in admin").
GOAL_CLAUSE = re.compile(
    r"\b(?:wants? to|wanted to|wanna|like to|love to|hope to|hoping to|plan(?:ning)? to|"
    r"interested in|looking (?:to|for|at|into)|thinking (?:of|about)|move into|moving into|"
    r"get into|getting into|switch(?:ing)? to|go into|transition(?:ing)? (?:to|into)|retrain as|"
    r"become|becoming|recommend(?: me)?|suggest|for)\b(?P<goal>[^.!?;]*?)(?=[.!?;]|\bbut\b|$)",
    re.IGNORECASE,
)
#: How much a background word counts next to a word of the goal itself.
BACKGROUND_WEIGHT = 0.7


@dataclass(frozen=True)
class Goal:
    """What a learner asked for, read from their own words (and any NLU entities)."""

    text: str
    #: Lemmas of the text with the constraint phrases taken out, stop words kept (for phrases).
    words: tuple[str, ...] = ()
    #: How much each word counts: 1 in the goal clause (or everywhere, when there is none).
    weights: tuple[float, ...] = ()
    constraints: Constraints = field(default_factory=Constraints)
    #: Credential types the learner named ("a badge in ..."): preferred, not required.
    preferred_types: frozenset[str] = frozenset()

    @property
    def has_topic(self) -> bool:
        """Whether the goal says what it is about, beyond "recommend me something"."""
        return any(is_content(word) for word in self.words)


def is_no_preference(text: str | None) -> bool:
    """Whether an answer means "no preference" ("anything", "not really", "no")."""
    return bool(text and NO_PREFERENCE.match(text))


def parse_goal(text: str, entity_values: Sequence[str] = (), format_values: Sequence[str] = ()) -> Goal:
    """Read a goal from free text plus the values of NLU entities (career_goal, skill, topic).

    Entity values the text does not already contain are added to it; ``format_values`` are
    ``delivery_format`` entity values ("online", "remote") that narrow the formats.
    """
    parts = [text or ""]
    lowered = (text or "").lower()
    parts += [value for value in entity_values if value and value.lower() not in lowered]
    full = ". ".join(part for part in parts if part.strip())
    if is_no_preference(full):
        return Goal(full)
    constraints, rest = split_constraints(full)
    formats = [f for f in map(formats_for, format_values) if f]
    if formats and constraints.formats is None:
        constraints = constraints.merge(Constraints(formats=frozenset().union(*formats)))
    located = located_tokens(rest)
    focus = [m.span("goal") for m in GOAL_CLAUSE.finditer(rest) if m.group("goal").strip()]
    weights = tuple(
        1.0 if not focus or any(start <= offset < end for start, end in focus) else BACKGROUND_WEIGHT
        for _, _, offset in located
    )
    return Goal(full, tuple(lemma for _, lemma, _ in located), weights, constraints, _types(lowered))


def _types(lowered: str) -> frozenset[str]:
    found = set()
    for key in CREDENTIAL_TYPES:
        if any(re.search(rf"\b{re.escape(p)}\b", lowered) for p in phrases(CREDENTIAL_TYPES, key)):
            found.add(key)
    return frozenset(found)
