"""A credential of this catalog to give as an example ("for example: the GIS badge").

Replies and generated responses that show a learner how to name a credential take the example
from the catalog they serve (``bot.catalog.training_data`` at build time, the actions at run
time), never from a catalog of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.catalog.resolve import TYPE_WORDS, words

#: The type whose credentials make the shortest examples; any other will do when it has none.
PREFERRED_TYPE = "digital_badge"


def example_index(credentials: Sequence[tuple[str, Sequence[str], str]]) -> int:
    """Which credential examples name: the first of the preferred type, else the first."""
    return next((n for n, c in enumerate(credentials) if c[2] == PREFERRED_TYPE), 0)


def example_mention(credentials: Iterable[tuple[str, Sequence[str], str]]) -> str:
    """How a learner would name one credential, with its article: ``(name, aliases, type)`` of
    each credential in catalog order; the first of the preferred type, by its shortest alias
    that says its type ("the GIS badge"), else by its name. Empty for an empty catalog."""
    listed = list(credentials)
    if not listed:
        return ""
    name, aliases, _ = listed[example_index(listed)]
    typed = [a for a in aliases if len(words(a)) >= 2 and any(w in TYPE_WORDS for w in words(a))]
    return "the " + (min(typed, key=lambda a: (len(words(a)), len(a))) if typed else name)
