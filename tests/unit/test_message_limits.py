"""What the channels accept: message and metadata size, messages per conversation and per address."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.config import Settings
from bot.conversation.message_limits import MemoryCounts, Rate, RateLimiter, refusal

SETTINGS = replace(Settings.from_env(), max_message_chars=100, max_metadata_chars=50)


def test_a_message_within_the_limits_passes():
    assert refusal("x" * 100, {"token": "abc"}, SETTINGS) is None


def test_a_long_message_is_asked_to_be_shorter():
    assert "at most 100 characters" in refusal("x" * 101, {}, SETTINGS)


def test_too_much_metadata_or_no_text_is_refused():
    assert refusal("hi", {"junk": "x" * 60}, SETTINGS) == (
        "That message came with more extra data than I accept, so I did not read it. "
        "Please reload the page and try again."
    )
    assert (
        refusal(["hi"], {}, SETTINGS) == "I could not read that message. Please type your question as text."
    )
    assert refusal("hi", "not a dict", SETTINGS).kind == "not_text"


@pytest.mark.parametrize("text", ["20", "0/60", "20/0", "twenty/60"])
def test_a_bad_rate_is_a_clear_error(text):
    with pytest.raises(ValueError, match="COUNT/SECONDS|positive"):
        Rate.parse(text)


def test_each_conversation_and_each_address_has_its_own_limit():
    limiter = RateLimiter(Rate(2, 60), Rate(3, 60), MemoryCounts())

    def allows(conversation, address, now=0.0):
        return asyncio.run(limiter.allows(conversation, address, now))

    assert [allows("a", "1.1.1.1") for _ in range(3)] == [True, True, False]
    assert allows("b", "1.1.1.1") is False  # the address's third and fourth messages
    assert allows("c", "2.2.2.2") is True
    assert allows("a", "3.3.3.3", now=61.0) is True  # the window has passed
