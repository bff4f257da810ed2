"""What the chat channels accept before anything reaches the NLU, and what they answer instead.

``refusal`` bounds a message's text (``MICROCRED_MAX_MESSAGE_CHARS``) and the size of its
metadata as JSON (``MICROCRED_MAX_METADATA_CHARS``); ``RateLimiter`` bounds how many
messages a conversation and a client address may send per window
(``MICROCRED_RATE_LIMIT_CONVERSATION`` / ``_ADDRESS``, "COUNT/SECONDS"). Every attempt
counts, refused ones too, so a flood stays refused until it stops. The counts are kept in
Redis when the Rasa processes share one (a sliding log per key), else in this process.
Nothing refused is processed or stored in a conversation. What a channel answers instead
(``refusal``, ``too_fast``, ``not_text``, ``unavailable``) is a ``Refusal``: its text in the
current language (the channel says it inside ``use_language`` of the widget's language) and
its ``kind``.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Protocol

from bot.config import Settings
from bot.i18n import formats, t

logger = logging.getLogger(__name__)


class Refusal(str):
    """What a channel says instead of processing a message, in the current language (the
    ``limits`` messages); ``kind`` names which refusal it is ("too_fast", "not_text", ...)."""

    kind: str

    def __new__(cls, kind: str, **values: str) -> Refusal:
        said = super().__new__(cls, t(f"limits.{kind}", None, **values))
        said.kind = kind
        return said


def too_fast() -> Refusal:
    """The rate limits were reached."""
    return Refusal("too_fast")


def not_text() -> Refusal:
    """The message has no text, or metadata that is not an object."""
    return Refusal("not_text")


def unavailable() -> Refusal:
    """Rasa could not process the message (a store it needs is down)."""
    return Refusal("unavailable")


def refusal(text: object, metadata: object, settings: Settings) -> Refusal | None:
    """Why a message must not be processed (the reply to send instead, in the current
    language), or None when it may."""
    if not isinstance(text, str) or not isinstance(metadata, dict):
        return not_text()
    if len(text) > settings.max_message_chars:
        return Refusal(
            "too_long", length=formats.number(len(text)), limit=formats.number(settings.max_message_chars)
        )
    try:
        metadata_size = len(json.dumps(metadata))
    except (TypeError, ValueError):
        return Refusal("too_much_metadata")
    if metadata_size > settings.max_metadata_chars:
        return Refusal("too_much_metadata")
    return None


@dataclass(frozen=True)
class Rate:
    """At most ``count`` messages per ``seconds``."""

    count: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> Rate:
        count, _, seconds = text.partition("/")
        try:
            rate = cls(int(count), float(seconds))
        except ValueError:
            raise ValueError(f"a rate limit is COUNT/SECONDS, like 20/60, not {text!r}") from None
        if rate.count < 1 or rate.seconds <= 0:
            raise ValueError(f"a rate limit needs a positive count and window, not {text!r}")
        return rate


class Counts(Protocol):
    async def hit(self, windows: list[tuple[str, float]], now: float) -> list[int]:
        """Record one attempt under each key of ``windows``, (key, seconds) pairs; how many
        there were under each in its last ``seconds``."""


class MemoryCounts:
    """A sliding log per key, in this process."""

    def __init__(self) -> None:
        self._hits: dict[str, deque] = defaultdict(deque)

    async def hit(self, windows: list[tuple[str, float]], now: float) -> list[int]:
        return [self._hit(key, seconds, now) for key, seconds in windows]

    def _hit(self, key: str, seconds: float, now: float) -> int:
        hits = self._hits[key]
        hits.append(now)
        while hits and hits[0] <= now - seconds:
            hits.popleft()
        return len(hits)


class RedisCounts:
    """A sliding log per key in a Redis sorted set, shared by every process using that Redis.
    When Redis cannot be reached, attempts are let through (and logged): the conversation
    itself then fails with a clear reply, and limiting resumes when Redis is back."""

    PREFIX = "microcred:rate:"

    def __init__(self, url: str) -> None:
        import redis.asyncio

        self._redis = redis.asyncio.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    async def hit(self, windows: list[tuple[str, float]], now: float) -> list[int]:
        """Every key's log updated and counted in one transaction (one round trip)."""
        import redis

        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                for key, seconds in windows:
                    name = self.PREFIX + key
                    pipe.zadd(name, {f"{now}:{uuid.uuid4().hex[:8]}": now})
                    pipe.zremrangebyscore(name, 0, now - seconds)
                    pipe.zcard(name)
                    pipe.expire(name, int(seconds) + 1)
                replies = await pipe.execute()
        except (redis.RedisError, OSError) as error:
            logger.warning("rate limit not checked, Redis is unavailable: %s", error)
            return [0] * len(windows)
        return [int(count) for count in replies[2::4]]


class RateLimiter:
    """Per-conversation and per-address limits over one store of counts."""

    def __init__(self, conversation: Rate, address: Rate, counts: Counts) -> None:
        self.limits = {"conversation": conversation, "address": address}
        self.counts = counts

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        counts = RedisCounts(settings.socketio_redis_url) if settings.socketio_redis_url else MemoryCounts()
        return cls(
            Rate.parse(settings.rate_limit_conversation), Rate.parse(settings.rate_limit_address), counts
        )

    async def allows(self, conversation_id: str, address: str, now: float | None = None) -> bool:
        """Count one message from ``address`` in ``conversation_id``; whether it is within both limits."""
        now = time.time() if now is None else now
        keys = {"conversation": conversation_id, "address": address}
        counts = await self.counts.hit(
            [(f"{kind}:{keys[kind]}", rate.seconds) for kind, rate in self.limits.items()], now
        )
        return all(count <= rate.count for count, rate in zip(counts, self.limits.values(), strict=True))
