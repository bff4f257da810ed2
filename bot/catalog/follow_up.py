"""Whether a message follows up on the credential last discussed, or asks in general.

"how much does it cost?", "is this one online?", "and the start date?", "what are the
requirements?", "how long?" refer back to the credential last discussed. "How can I
register?", "do I need to be a student to take them?" ask in general: they get the general
answer, with the credential last discussed offered as a button rather than assumed.
"""

from __future__ import annotations

import re

from bot.nlp.vocabulary import ATTRIBUTES, CREDENTIAL_TYPES, attributes_asked, phrases

#: Words that point back at one thing already named.
_POINTING = r"it|its|it's|this|that|the same|this one|that one"
_TYPE_WORDS = [p for key in CREDENTIAL_TYPES for p in phrases(CREDENTIAL_TYPES, key)]
_NOUNS = [*_TYPE_WORDS, "credential", "course", "program", "programme"]
_ATTRIBUTE_WORDS = [p for key in ATTRIBUTES for p in phrases(ATTRIBUTES, key)]
_DEFINITE = ["requirements", "prerequisites", "prereqs", *_ATTRIBUTE_WORDS]


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))


_REFERS_BACK = re.compile(
    rf"\b({_POINTING})\b"
    rf"|\b(the|this|that)\s+({_alternation(_NOUNS)})\b"
    rf"|\bthe\s+({_alternation(_DEFINITE)})\b"
    r"|^\s*(and|what about|how about|also|plus)\b",
    re.IGNORECASE,
)
#: A fragment this short that asks for an attribute ("how long?", "price?") is a follow-up.
_FRAGMENT_WORDS = 3


def refers_back(text: str) -> bool:
    """Whether ``text`` is about the credential already under discussion (a button's payload
    always is: it was offered for that credential)."""
    if text.startswith("/"):
        return True
    if _REFERS_BACK.search(text):
        return True
    return len(re.findall(r"[\w']+", text)) <= _FRAGMENT_WORDS and bool(attributes_asked(text))
