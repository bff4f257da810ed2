"""Words as comparable stems: spaCy lookup lemmas, then a light suffix-stripping stem.

Lemmas join inflections ("nurses", "nursing" -> "nurse"); the stem joins derived forms
("designer"/"design", "management"/"manager", "leadership"/"leader"/"lead"). Irregular word
families ("analyst"/"analysis") are the synonym file's job.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.pipeline import lemmatizer

#: Derivational and inflectional endings; the longest that leaves ``MIN_STEM`` letters goes.
SUFFIXES = tuple(
    sorted(
        (
            "ization",
            "izing",
            "icist",
            "ation",
            "ition",
            "ship",
            "ment",
            "ness",
            "ical",
            "ize",
            "ise",
            "ics",
            "ing",
            "ist",
            "ity",
            "ial",
            "ate",
            "ant",
            "ian",
            "ive",
            "er",
            "or",
            "ic",
            "al",
            "ly",
            "ed",
            "es",
            "s",
        ),
        key=len,
        reverse=True,
    )
)
MIN_STEM = 4
_LETTERS = re.compile(r"[^a-z]")
_UNDOUBLED = set("bdfgmnprt")

#: Words that say what the learner wants in general rather than what about.
GOAL_FILLER = frozenset(
    """
    want like love need wish hope plan try look interest interested curious thinking think
    become get go move switch change transition start begin pursue grow improve advance work
    job career role position field area industry sector path future day
    learn study take do know understand skill knowledge experience background
    recommend recommendation suggest suggestion advice option idea help pick choose find
    prepare preparation ready quick quickly fast easy first step next
    course class program programme credential microcredential badge certificate certification
    cert nanodegree degree something anything thing stuff good best right useful
    currently now maybe really also kind sort lot bit year month time preference prefer care
    please thank thanks hi hello hey bot
    """.split()
)
STOP = frozenset(word.lower() for word in STOP_WORDS)


def words(text: str) -> list[str]:
    """The lower-case lemmas of the words of ``text``, in order (see ``tokens``)."""
    return [lemma for _, lemma in tokens(text)]


def tokens(text: str) -> list[tuple[str, str]]:
    """``(word, lemma)`` pairs, lower-case, for the alphanumeric words of ``text``."""
    return [(word, lemma) for word, lemma, _ in located_tokens(text)]


def located_tokens(text: str) -> list[tuple[str, str, int]]:
    """``(word, lemma, offset)`` for the alphanumeric words of ``text``, lower-case.

    Two exceptions keep meaning that a lower-case lemma would lose: an acronym written in
    capitals that is also a stop word ("IT") keeps its capitals, so it is not the pronoun "it";
    and a lemma is not used where it turns a word into a stop word (the lookup table reads
    "ai" as a form of "have").
    """
    out = []
    for token in lemmatizer()(text or ""):
        if not (token.is_alpha or token.is_digit):
            # "Security+", "A+": the letters are the word.
            core = _LETTERS.sub("", token.lower_)
            if core and core.isalpha() and core != token.lower_:
                out.append((core, core, token.idx))
            continue
        word, lemma = token.lower_, token.lemma_.lower()
        if token.is_upper and len(word) > 1 and word in STOP:
            lemma = token.text
        elif lemma in STOP and word not in STOP:
            lemma = word
        out.append((word, lemma, token.idx))
    return out


def is_content(lemma: str) -> bool:
    """True for a lemma that can say what a goal is about (not a stop word, filler or number)."""
    return len(lemma) > 1 and not lemma.isdigit() and lemma not in STOP and lemma not in GOAL_FILLER


def stem(word: str) -> str:
    """A light stem of a lower-case lemma.

    One suffix goes, then an agent "-er" left behind ("engineering" -> "engineer" -> "engine"),
    a doubled final consonant ("programm") and a final "e", so a word family shares one stem.
    """
    word = _strip(word.lower(), SUFFIXES)
    word = _strip(word, ("er",))
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] in _UNDOUBLED:
        word = word[:-1]
    if len(word) > MIN_STEM and word.endswith("e"):
        word = word[:-1]
    return word


def _strip(word: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word
