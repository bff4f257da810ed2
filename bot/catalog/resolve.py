"""Turn what a learner called a credential into catalog ids, tolerating typos and aliases.

A mention resolves to one credential, to several close candidates (asked back with
buttons), or to nothing we offer (answered with the closest names). Matching is on
words: each word of the mention is compared, allowing a typo or two, with the words of
every name (its translations too), alias and id; words naming a credential type narrow the
candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple, Protocol

from bot.nlp.vocabulary import CREDENTIAL_TYPES, phrases

#: Words that name nothing in a credential's name: articles, prepositions and the like, in the
#: languages the assistant speaks ("Certificado en Análisis de Datos" is named by "análisis"
#: and "datos", so "el certificado de análisis de datos" finds it).
FILLER = {
    "the",
    "a",
    "an",
    "my",
    "your",
    "this",
    "that",
    "for",
    "of",
    "in",
    "on",
    "and",
    "to",
    "program",
    "programme",
    "course",
    "credential",
    "credentials",
    "micro",
    "microcredential",
    "one",
    # Spanish
    "el",
    "la",
    "los",
    "las",
    "un",
    "una",
    "de",
    "del",
    "en",
    "y",
    "para",
    "con",
    "mi",
    "tu",
    "programa",
    "curso",
    "microcredencial",
    # French
    "le",
    "les",
    "l",
    "une",
    "d",
    "du",
    "des",
    "et",
    "pour",
    "au",
    "aux",
    "avec",
    "mon",
    "ma",
    "votre",
    "cours",
    "microcertification",
}

FOUND_AT = 0.75
AMBIGUOUS_WITHIN = 0.1
CANDIDATE_AT = 0.55


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def alias_names(self) -> Sequence[str]: ...

    @property
    def translated_names(self) -> Sequence[str]: ...


@dataclass
class Resolution:
    """The outcome for the mentions of one message."""

    found: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    unknown: str | None = None
    suggestions: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased; accented letters are letters ("nanodiplôme" is one
    word, not "nanodipl" and "me")."""
    return re.findall(r"[\w+#]+", text.lower())


def _type_words() -> dict[str, str]:
    table = {}
    for key in CREDENTIAL_TYPES:
        for phrase in phrases(CREDENTIAL_TYPES, key):
            for word in words(phrase):
                if word != "digital":
                    table[word] = key
    return table


TYPE_WORDS = _type_words()


#: Words that end a name read backwards from a credential-type word ("... for [the] X certificate").
NAME_BOUNDARY = FILLER | {
    "what",
    "which",
    "how",
    "who",
    "where",
    "when",
    "why",
    "is",
    "are",
    "do",
    "does",
    "did",
    "about",
    "into",
    "toward",
    "towards",
    "with",
    "any",
    "some",
    "all",
    "me",
    "i",
    "it",
    "need",
    "take",
    "get",
    "cost",
    "costs",
    "requirements",
    "requirement",
    "enroll",
    "join",
    "free",
    "online",
    "other",
    "another",
    "new",
    "best",
    "cheapest",
    "many",
    "more",
}


def named_before_type(text: str) -> str | None:
    """The name a message gives a credential by its type, as in "the underwater welding
    certificate": the words before the first type word, back to a boundary word, with it.

    The NLU tags catalog names itself; this catches names it has never seen, so that a
    credential we don't offer is answered as such rather than asked about again.
    """
    tokens = words(text)
    for index, token in enumerate(tokens):
        if token in TYPE_WORDS:
            start = index
            while start > 0 and tokens[start - 1] not in NAME_BOUNDARY:
                start -= 1
            return " ".join(tokens[start : index + 1]) if start < index else None
    return None


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """1 for equal words, less with each edit (transpositions count once); 0 for short mismatches.

    Cached: the catalog's words recur in every message's comparisons."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:
        return 0.0
    return 1.0 - _edit_distance(a, b) / max(len(a), len(b))


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2 is not None:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _phrases(credential: Named) -> list[str]:
    return [
        credential.name,
        *credential.alias_names,
        *credential.translated_names,
        credential.id.replace("-", " "),
    ]


class _PhraseWords(NamedTuple):
    """A credential's name or alias, or a mention of one, as the resolver compares it."""

    lowered: str  # its words, lower-cased, one space apart
    target: tuple[str, ...]  # its words but fillers
    content: tuple[str, ...]  # its words but fillers and credential-type words


@lru_cache(maxsize=65536)
def _phrase_words(phrase: str) -> _PhraseWords:
    """``phrase``'s words, split once per phrase rather than for every credential compared."""
    split = words(phrase)
    target = tuple(w for w in split if w not in FILLER)
    return _PhraseWords(" ".join(split), target, tuple(w for w in target if w not in TYPE_WORDS))


def score(mention: str, credential: Named) -> float:
    """How well ``mention`` names ``credential``, from 0 to 1."""
    said = _phrase_words(mention)
    if said.lowered in {_phrase_words(p).lowered for p in _phrases(credential)} or mention == credential.id:
        return 1.0
    tokens, content = said.target, said.content
    if not content:
        return 0.0
    best = 0.0
    for phrase in _phrases(credential):
        target = _phrase_words(phrase).target
        if not target:
            continue
        matched = [max(similarity(w, t) for t in target) for w in content]
        coverage = sum(m for m in matched if m >= 0.75) / len(content)
        precision = sum(1 for t in target if max(similarity(w, t) for w in tokens) >= 0.75) / len(target)
        best = max(best, coverage * (0.7 + 0.3 * precision))
    named_types = {TYPE_WORDS[w] for w in tokens if w in TYPE_WORDS}
    if named_types and credential.type not in named_types:
        best *= 0.8
    return best


def names_something(mention: str) -> bool:
    """Whether a mention has a word that can name a credential: type words ("certificate",
    "badge") and filler words alone never do."""
    return any(w not in FILLER and w not in TYPE_WORDS for w in words(mention))


def resolve(mention: str, credentials: Iterable[Named]) -> Resolution:
    """Resolve one mention against the catalog; a mention of type words alone resolves to nothing."""
    if not names_something(mention):
        return Resolution()
    ranked = sorted(((score(mention, c), c) for c in credentials), key=lambda pair: -pair[0])
    if not ranked:
        return Resolution(unknown=mention)
    best = ranked[0][0]
    close = [c.id for s, c in ranked if s >= CANDIDATE_AT and s >= best - AMBIGUOUS_WITHIN]
    if best >= FOUND_AT and len(close) == 1:
        return Resolution(found=[ranked[0][1].id])
    if best >= CANDIDATE_AT:
        return Resolution(ambiguous=close[:4])
    return Resolution(unknown=mention, suggestions=closest_names(mention, ranked))


def closest_names(mention: str, ranked: list[tuple[float, Named]]) -> list[str]:
    """The three credentials nearest the mention, by word overlap then by spelling."""

    def spelling(c: Named) -> float:
        return max(SequenceMatcher(None, mention.lower(), p.lower()).ratio() for p in _phrases(c))

    return [c.id for _, c in sorted(ranked, key=lambda pair: (-round(pair[0], 2), -spelling(pair[1])))[:3]]


def mentioned_in(text: str, credentials: Iterable[Named]) -> Resolution:
    """The credentials a whole message names, in any word order or language: those with a name
    or alias whose every content word (not a filler or type word) is in the message, allowing
    typos ("la insignia de SQL" names the SQL badge). The longest such names win; several
    credentials named equally are ambiguous."""
    tokens = [w for w in words(text) if w not in FILLER]
    in_text = dict.fromkeys(tokens, True)  # per catalog word: whether the message has it, typos allowed

    def has(word: str) -> bool:
        if word not in in_text:
            in_text[word] = any(similarity(word, t) >= FOUND_AT for t in tokens)
        return in_text[word]

    best = 0
    named: list[str] = []
    for credential in credentials:
        for phrase in _phrases(credential):
            content = _phrase_words(phrase).content
            if content and all(has(c) for c in content):
                if len(content) > best:
                    best, named = len(content), []
                if len(content) == best and credential.id not in named:
                    named.append(credential.id)
    named_types = {TYPE_WORDS[w] for w in tokens if w in TYPE_WORDS}
    by_id = {c.id: c for c in credentials}
    if named_types and any(by_id[i].type in named_types for i in named):
        named = [i for i in named if by_id[i].type in named_types]
    if len(named) == 1:
        return Resolution(found=named)
    return Resolution(ambiguous=named[:4])


def resolve_message(
    text: str, mentions: Sequence[str], credentials: Iterable[Named], subjects: Sequence[str] = ()
) -> Resolution | None:
    """Which credential a whole message names, or None when it names none.

    ``mentions`` are the NLU's credential entities, ``subjects`` its skill and topic ones (they
    count only when they name credentials, since catalog names are often their subjects). A
    tagged mention that is part of the name the message gives with a type word ("certificate"
    of "the underwater welding certificate") is widened to that name, so an unknown name is
    echoed whole; when the tagged words name nothing we offer, the whole message is read for a
    name or alias with typos allowed, and then the name before a type word.
    """
    credentials = list(credentials)
    given = named_before_type(text)
    tagged = [_widened(m, given) for m in mentions if m and m.strip()]
    tagged = [m for m in tagged if names_something(m)]
    if tagged:
        resolution = resolve_mentions(tagged, credentials)
        if resolution.found or resolution.ambiguous:
            return resolution
        whole = mentioned_in(text, credentials)
        return whole if whole.found or whole.ambiguous else resolution
    if subjects:
        resolution = resolve_mentions(subjects, credentials)
        if resolution.found or resolution.ambiguous:
            return resolution
    before_type = resolve_mentions([given], credentials) if given else None
    if before_type is not None and (before_type.found or before_type.ambiguous):
        return before_type
    whole = mentioned_in(text, credentials)
    if whole.found or whole.ambiguous:
        return whole
    return before_type if before_type is not None and before_type.unknown else None


def _widened(mention: str, given: str | None) -> str:
    """``mention``, or the longer name the message gives that holds all of its words."""
    if given and set(words(mention)) < set(words(given)):
        return given
    return mention


def resolve_mentions(mentions: Iterable[str], credentials: Iterable[Named]) -> Resolution:
    """Resolve every credential mention of a message; found ids keep the order of mention."""
    credentials = list(credentials)
    result = Resolution()
    for mention in dict.fromkeys(m for m in mentions if m and m.strip()):
        one = resolve(mention, credentials)
        result.found.extend(i for i in one.found if i not in result.found)
        if one.ambiguous and not result.ambiguous:
            result.ambiguous = one.ambiguous
        if one.unknown and result.unknown is None:
            result.unknown, result.suggestions = one.unknown, one.suggestions
    return result
