"""Practical constraints in a learner's words: cost, delivery format, hours a week, level, access.

``split_constraints("something free and online about leadership")`` returns the constraints
and the text with their phrases blanked out ("something ... about leadership"), so the rest
can be read as the goal. ``Constraints.allows`` checks any object with the catalog
``Credential`` attribute names, which is how the catalog list filter reuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from bot.i18n import t
from bot.i18n.formats import money, number
from bot.nlp.vocabulary import DELIVERY_FORMATS, LEVELS, label, phrases

#: The currency of a budget the learner states ("under $500").
BUDGET_CURRENCY = "USD"

#: Formats a learner accepts when they name one: in person includes the hybrid format.
ACCEPTED_FORMATS = {
    "online": frozenset({"online"}),
    "in_person": frozenset({"in_person", "hybrid"}),
    "hybrid": frozenset({"hybrid"}),
}
#: Phrases for a format beyond the schema vocabulary.
EXTRA_FORMAT_PHRASES = {"online": ["from home", "at home", "web based", "web-based"]}

NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = r"(\d+(?:[.,]\d+)*|" + "|".join(NUMBER_WORDS) + r")"

_FREE = re.compile(
    r"\b(?:(?:for |totally |completely )?free(?! (?:time|period|hours?|evenings?|weekends?|days?)\b)"
    r"(?: of charge)?|no[- ]cost|zero cost|costs? nothing|without (?:paying|cost)|"
    r"(?:do ?n[o']?t|don t|cannot|can'?t) (?:want to |afford to )?pay(?: anything)?)\b"
)
_FEEL_FREE = re.compile(r"\bfeel free\b")
_MONEY = re.compile(
    r"(?:\b(?:under|below|less than|max(?:imum)?|at most|up to|no more than|not more than|"
    r"within|(?:my )?budget(?: is| of)?|cheaper than|afford|spend)\s*(?:a\s+|about\s+|around\s+)?)*"
    r"(?:(?:\$|usd\s*)\s*(\d[\d,]*(?:\.\d+)?)\s*(k\b)?|"
    r"\b(\d[\d,]*(?:\.\d+)?)\s*(k\b)?\s*(?:dollars|usd|bucks)\b)"
    r"(?:\s*(?:or less|max(?:imum)?|tops|budget))?"
)
_BUDGET_NUMBER = re.compile(
    r"\b(?:budget(?: is| of)?|spend|afford|cheaper than|costs? (?:less than|under|below))\s*"
    r"(?:about\s+|around\s+|up to\s+|at most\s+)?(\d[\d,]*)\b(?!\s*(?:hours?|hrs?|weeks?|months?))"
)
_HOURS = re.compile(
    r"\b(?:(?:only|max(?:imum)?|at most|up to|no more than|about|around|roughly)\s+)?"
    r"(?:have\s+)?" + _NUMBER + r"(?:\s*(?:-|to|or)\s*" + _NUMBER + r")?\s*"
    r"(?:hours?|hrs?|h)\b\s*(?:a|an|per|/|each|every)?\s*(?:week|wk)s?\b"
)
_LEVEL_PHRASES = {
    "introductory": r"beginners?|beginner[- ]level|introductory|entry[- ]level|novice|"
    r"new to (?:this|it|the field)|no (?:prior |previous )?experience|starting out|from scratch",
    "intermediate": r"intermediate|mid[- ]level|some (?:prior )?experience",
    "advanced": r"advanced[- ]level|expert[- ]level|(?:something|more) advanced",
}
_LEVELS = {key: re.compile(rf"\b(?:{pattern})\b") for key, pattern in _LEVEL_PHRASES.items()}
_PUBLIC = re.compile(
    r"\b(?:open to (?:the )?(?:general )?public|open to (?:everyone|anyone|all)|"
    r"anyone can (?:take|join|enroll|do)|public can (?:take|join|enroll)|"
    r"(?:i'?m |i am )?not (?:a |an )?(?:current |enrolled |[\w&.-]+ )?student|non[- ]students?|"
    r"not enrolled (?:at|in) (?:the |your )?(?:university|college|school|institute|polytechnic))\b"
)
_NEGATION = re.compile(
    r"\b(?:not|no|don'?t want|do not want|without|never|can'?t do|cannot do|avoid)\s+(?:\w+\s+)?$"
)


@dataclass(frozen=True)
class Constraints:
    """What a credential must satisfy; ``None`` (or ``False``) means "no preference"."""

    max_cost: Decimal | None = None
    formats: frozenset[str] | None = None
    max_hours_per_week: int | None = None
    level: str | None = None
    open_to_public: bool = False

    @property
    def free_only(self) -> bool:
        return self.max_cost == 0

    def is_empty(self) -> bool:
        return self == Constraints()

    def allows(self, credential: Any) -> bool:
        """Whether a credential (anything with ``Credential``'s attribute names) satisfies these."""
        if self.max_cost is not None and Decimal(str(credential.cost_amount)) > self.max_cost:
            return False
        if self.formats is not None and credential.format not in self.formats:
            return False
        if (
            self.max_hours_per_week is not None
            and credential.workload_hours_per_week > self.max_hours_per_week
        ):
            return False
        if self.level is not None and credential.level != self.level:
            return False
        return not (self.open_to_public and not credential.open_to_public)

    def merge(self, other: Constraints) -> Constraints:
        """These constraints with every preference ``other`` states taking precedence."""
        changes = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
        if other.max_cost is not None:
            changes["max_cost"] = other.max_cost
        return replace(self, **changes)

    def describe(self) -> list[str]:
        """Short phrases for a message, in the conversation's language: ["free", "online",
        "up to 6 hours a week"]."""
        out = []
        if self.free_only:
            out.append(t("listing.constraints.free"))
        elif self.max_cost is not None:
            out.append(
                t(
                    "listing.constraints.max_cost",
                    amount=money(self.max_cost.quantize(Decimal(1)), BUDGET_CURRENCY),
                )
            )
        if self.formats is not None:
            out.append(either([label(DELIVERY_FORMATS, key) for key in sorted(self.formats)]))
        if self.max_hours_per_week is not None:
            out.append(t("listing.constraints.max_hours", hours=number(self.max_hours_per_week)))
        if self.level is not None:
            out.append(label(LEVELS, self.level))
        if self.open_to_public:
            out.append(t("listing.constraints.open_to_public"))
        return out


def either(items: list[str]) -> str:
    """Alternatives in the conversation's language: "hybrid or in person"."""
    said = items[-1]
    for item in reversed(items[:-1]):
        said = t("listing.either", first=item, second=said)
    return said


def parse_constraints(text: str) -> Constraints:
    """The constraints stated in ``text``."""
    return split_constraints(text)[0]


def split_constraints(text: str) -> tuple[Constraints, str]:
    """The constraints stated in ``text``, and ``text`` with the phrases that stated them blanked."""
    lowered = _FEEL_FREE.sub(lambda m: " " * len(m.group()), (text or "").lower())
    spans: list[tuple[int, int]] = []
    max_cost = _max_cost(lowered, spans)
    hours = _max_hours(lowered, spans)
    formats = _formats(lowered, spans)
    level = next((key for key, pattern in _LEVELS.items() if _take(pattern, lowered, spans)), None)
    public = _take(_PUBLIC, lowered, spans)
    rest = list(text or "")
    for start, end in spans:
        rest[start:end] = " " * (end - start)
    constraints = Constraints(max_cost, formats, hours, level, public)
    return constraints, "".join(rest)


def formats_for(value: str) -> frozenset[str] | None:
    """The accepted formats for a format word or entity value ("remote" -> {"online"})."""
    value = (value or "").strip().lower().replace("-", " ").replace("_", " ")
    for key, wordings in _format_phrases().items():
        if value in wordings:
            return ACCEPTED_FORMATS[key]
    return None


def _take(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]) -> bool:
    found = False
    for match in pattern.finditer(text):
        spans.append(match.span())
        found = True
    return found


def _amount(digits: str, thousands: str | None) -> Decimal:
    value = Decimal(digits.replace(",", ""))
    return value * 1000 if thousands else value


def _max_cost(text: str, spans: list[tuple[int, int]]) -> Decimal | None:
    amounts = []
    for match in _MONEY.finditer(text):
        digits, thousands = (
            (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        )
        amounts.append(_amount(digits, thousands))
        spans.append(match.span())
    for match in _BUDGET_NUMBER.finditer(text):
        amounts.append(_amount(match.group(1), None))
        spans.append(match.span())
    if _take(_FREE, text, spans):
        return Decimal(0)
    return max(amounts) if amounts else None


def _number(word: str) -> int:
    return NUMBER_WORDS[word] if word in NUMBER_WORDS else int(float(word.replace(",", "")))


def _max_hours(text: str, spans: list[tuple[int, int]]) -> int | None:
    values = []
    for match in _HOURS.finditer(text):
        values.append(_number(match.group(2) or match.group(1)))
        spans.append(match.span())
    return max(values) if values else None


def _format_phrases() -> dict[str, list[str]]:
    return {
        key: phrases(DELIVERY_FORMATS, key) + EXTRA_FORMAT_PHRASES.get(key, []) for key in DELIVERY_FORMATS
    }


def _formats(text: str, spans: list[tuple[int, int]]) -> frozenset[str] | None:
    wanted: set[str] = set()
    unwanted: set[str] = set()
    for key, wordings in _format_phrases().items():
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(p) for p in sorted(wordings, key=len, reverse=True)) + r")\b"
        )
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 30) : match.start()]
            (unwanted if _NEGATION.search(before) else wanted).add(key)
            spans.append(match.span())
    if wanted:
        return frozenset().union(*(ACCEPTED_FORMATS[key] for key in wanted))
    if unwanted:
        return frozenset(ACCEPTED_FORMATS) - unwanted
    return None
