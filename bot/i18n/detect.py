"""Which offered language a whole message is written in.

``identify`` asks lingua (``lingua-language-detector``: its n-gram models ship inside the
wheel; nothing is downloaded) to choose among the offered languages only, with its
high-accuracy models (about 130 MiB for three languages: the low-accuracy mode's trigrams, 12
MiB, were surely wrong on short French questions), and answers only when it is sure: a
message of two letters, or one lingua is not ``MIN_CONFIDENCE`` sure of and ``MIN_MARGIN``
surer of than of the next language, changes nothing. On the held-out learner messages
(``tests/eval/nlu_heldout.yml``, en, es and fr) it decides 301 of 312 and is wrong on none
(``tests/unit/test_language_detection.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

#: How sure lingua must be, and how much surer of its choice than of the next language, before
#: a message changes the conversation's language.
MIN_CONFIDENCE = 0.5
MIN_MARGIN = 0.25
_LETTERS = re.compile(r"[^\W\d_]")


@cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    codes = [IsoCode639_1.from_str(language) for language in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def _languages(offered: Sequence[str]) -> tuple[str, ...]:
    return tuple(sorted(set(offered)))


def load(offered: Sequence[str]) -> None:
    """Load the models of the ``offered`` languages now (about 130 MiB for three), not on the
    first message: the Rasa server does it before forking its workers, which then share them.
    Only the one-text calls below are safe in a forked process: lingua's ``*_in_parallel``
    methods use a thread pool that does not survive a fork."""
    languages = _languages(offered)
    if len(languages) >= 2:
        _detector(languages)


def identify(text: str, offered: Sequence[str]) -> str | None:
    """The offered language ``text`` is surely written in, or None (too short, unsure, or
    only one language offered)."""
    languages = _languages(offered)
    if len(languages) < 2 or len(_LETTERS.findall(text)) < 3:
        return None
    best, runner_up = _detector(languages).compute_language_confidence_values(text)[:2]
    if best.value < MIN_CONFIDENCE or best.value - runner_up.value < MIN_MARGIN:
        return None
    return best.language.iso_code_639_1.name.lower()
