"""Words that say a learner may be in crisis, whatever the NLU made of the message.

The NLU learns distress from examples and misses wordings it has not seen ("I want to die"
came out as a low-confidence guess). A message with one of these phrases always goes to an
advisor as distress, with the crisis line. The list holds phrases, not single words, so
that a question about a suicide-prevention course is not mistaken for a crisis.
"""

from __future__ import annotations

import re

CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "end it all",
    "take my own life",
    "taking my own life",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "suicidal",
    "commit suicide",
    "committing suicide",
    "thinking about suicide",
    "thoughts of suicide",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "i've been self harming",
    "i've been self-harming",
    "i'm self harming",
    "i am self harming",
    "cut myself",
    "cutting myself",
    "no reason to live",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "can't go on",
)

_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(p).replace("'", "'?") for p in CRISIS_PHRASES) + r")\b", re.IGNORECASE
)


def mentions_crisis(text: str) -> bool:
    """Whether ``text`` holds a crisis phrase (apostrophes optional: "dont", "cant")."""
    return bool(_PATTERN.search(text.replace("\u2019", "'")))
