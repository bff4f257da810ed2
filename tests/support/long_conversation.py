"""A forty-message conversation that must be answered message by message, the same over REST
and in the chat widget: misses, out-of-scope messages, advisor offers declined and accepted,
crisis words and ordinary questions, each answered once with no sentence said twice in a reply.

The conversation used to stop answering for good after one misunderstood message. A channel
is a ``Learner``: it sends a message or clicks a button and returns the whole reply; the
advisor's side is a callback that answers and resolves the learner's open case.
"""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable

from bot.i18n import t

#: What each message gets while an advisor has the conversation (in English).
WAITING = t("handoff.waiting")

REPHRASE = "didn't quite understand"
OFFER = "Would you like me to connect you with an advisor?"
OUT_OF_SCOPE = "can't help with that"
#: Messages no learner means anything by: the NLU is unsure of them, or finds them out of scope.
GIBBERISH = [
    "blorp flarn",
    "zzzz qqqq wwww",
    "xkcd vvbn pqlo",
    "mmmmm hhhh",
    "qwerty uiop",
    "plonk wibble zarg",
]
#: ``resolve(marker, reason)``: the advisor finds the open case whose transcript holds
#: ``marker``, checks it was opened for ``reason``, answers the learner and resolves it.
Resolver = Callable[[str, str], None]


def sentences(text: str) -> list[str]:
    """The sentences of a reply: list details and labels ("(digital badge, online, free)",
    "(opens in a new tab)"), which may recur, end in no full stop and are left out."""
    pieces = [s for line in text.splitlines() for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]
    return [s for s in pieces if s[-1] in ".!?" and len(s.split()) > 2]


class Learner(ABC):
    """One learner in one conversation; every message must get a reply that says no sentence twice."""

    def __init__(self) -> None:
        self.sent = 0

    @abstractmethod
    def _send(self, text: str) -> str:
        """Send ``text``; the whole reply's text."""

    @abstractmethod
    def _click(self, title_words: str) -> str:
        """Click the newest reply's button whose title holds ``title_words``; the reply's text."""

    def _checked(self, what: str, reply: str) -> str:
        self.sent += 1
        said = sentences(reply)
        assert reply.strip(), f"no reply to message {self.sent}: {what!r}"
        assert len(said) == len(set(said)), f"a sentence repeated in the reply to {what!r}: {said}"
        return reply

    def say(self, text: str) -> str:
        return self._checked(text, self._send(text))

    def click(self, title_words: str) -> str:
        return self._checked(f"[{title_words}]", self._click(title_words))

    def ask(self, text: str, *expected: str) -> str:
        """An ordinary question: answered, not met with a fallback."""
        told = self.say(text)
        assert REPHRASE not in told and OFFER not in told, f"{text!r} was not understood: {told}"
        for words in expected:
            assert words.lower() in told.lower(), f"{text!r}: expected {words!r} in {told!r}"
        return told

    def miss(self, text: str) -> str:
        told = self.say(text)
        assert REPHRASE in told or OFFER in told or OUT_OF_SCOPE in told, f"{text!r} got {told!r}"
        return told

    def until_offered(self) -> None:
        """Misunderstood messages until the advisor is offered (the second miss in a row)."""
        for text in GIBBERISH:
            if OFFER in self.miss(text):
                return
        raise AssertionError("no advisor offered after repeated misses")


def forty_messages(learner: Learner, resolve: Resolver) -> None:
    marker = f"my student reference is {uuid.uuid4().hex[:10]}"
    learner.ask("hi")
    learner.say(marker)
    learner.ask("what do I need for the SQL badge?", "SQL")
    learner.miss("xkcd vvbn pqlo")
    learner.ask("what credentials are free?")
    # The message that used to end the conversation: no rule covers it out of context.
    learner.say("I work full time, is there something I can do in the evenings?")
    learner.ask("what is a micro-credential?")
    learner.say("yes")
    learner.say("no")
    learner.ask("how much does the SQL badge cost?", "$")
    learner.say("what's the weather like today?")
    learner.ask("what do I need for the SQL badge?", "SQL")
    learner.say("who won the football game last night")
    learner.say("can you order me a pizza")
    learner.ask("do badges stack into certificates?")

    learner.until_offered()
    assert OFFER not in learner.click("rephrase")
    learner.ask("how long does the SQL badge take?")
    learner.miss("plonk wibble zarg")
    learner.ask("thanks")

    learner.until_offered()
    assert "I've opened case #" in learner.click("connect me")
    assert WAITING in learner.say("hello? are you there?")
    resolve(marker, "repeated_misses")
    learner.ask("what credentials are free?")
    learner.say("hmm")
    learner.ask("what do I need for the SQL badge?", "SQL")

    assert "988" in learner.say("I want to kill myself")
    resolve(marker, "distress")
    learner.ask("hello")
    learner.miss("blorp flarn")
    assert "988" in learner.say("I've been having suicidal thoughts")
    resolve(marker, "distress")

    while learner.sent < 38:
        learner.miss("zzzz qqqq wwww")
        learner.ask("what credentials are free?")
    learner.ask("thank you")
    learner.ask("bye")
    assert learner.sent >= 40
