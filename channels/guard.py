"""What both chat channels do with a message before Rasa sees it.

``ChannelGuard.admit`` counts the message against the rate limits and checks its size
(``bot.conversation.message_limits``): a refused message gets a reply saying why and is neither
processed nor stored. ``stored_metadata`` swaps the client's session token for the signed
identity claim (``bot.identity.claims``). ``process`` hands the message to Rasa and says
whether it went through: when a store Rasa needs (Redis) is down it fails at once, and the
channel answers with a clear error instead of silence. ``origin_allowed`` applies
``MICROCRED_ALLOWED_ORIGINS`` to browsers' requests. ``waiting_reply`` is what a message
gets while an advisor has its conversation: Rasa predicts nothing in a paused conversation,
so without it the learner would hear nothing back. What the guard says itself is in the
language the widget asks for (``metadata.language``), or the conversation's; ``reply_language``
reads the language each message of Rasa's is in, for the channel to pass on to the widget.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from rasa.core.channels.channel import UserMessage

from bot.config import Settings
from bot.conversation.message_limits import RateLimiter, Refusal, refusal, too_fast
from bot.conversation.payloads import with_language
from bot.handoff.messages import waiting_acknowledgement
from bot.i18n import use_language
from bot.i18n.languages import requested
from bot.i18n.messages import available
from bot.identity.claims import channel_metadata

logger = logging.getLogger(__name__)
#: Marks the acknowledgement, so the widget shows no typing indicator while the advisor is awaited.
WAITING_CUSTOM = {"handoff": "waiting"}


class ChannelGuard:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._limiter: RateLimiter | None = None

    @property
    def limiter(self) -> RateLimiter:
        # Made on first use, inside the worker process's event loop (after Rasa forks).
        if self._limiter is None:
            self._limiter = RateLimiter.from_settings(self.settings)
        return self._limiter

    async def admit(
        self, text: object, metadata: object, conversation_id: str, address: str
    ) -> Refusal | None:
        """None when the message may go to Rasa, else the reply that refuses it."""
        with use_language(requested_language(metadata)):
            if not await self.limiter.allows(conversation_id, address):
                logger.warning(
                    "message refused: rate limit reached (conversation %s, address %s)",
                    conversation_id,
                    address,
                )
                return too_fast()
            refused = refusal(text, metadata, self.settings)
        if refused:
            logger.warning("message refused in conversation %s: %s", conversation_id, refused)
        return refused

    def stored_metadata(self, client_metadata: dict, conversation_id: str) -> dict:
        return channel_metadata(client_metadata, conversation_id, self.settings)

    @staticmethod
    def text_for_rasa(text: str, client_metadata: dict) -> str:
        """The message as Rasa reads it: a payload carries the language the client asks for."""
        return with_language(text, requested_language(client_metadata))

    def origin_allowed(self, origin: str | None, host: str | None = None) -> bool:
        """A request without an Origin (not from a browser page), from a configured site, or
        from the Rasa server's own address ``host`` (same origin)."""
        return (
            not origin
            or origin in self.settings.allowed_origins
            or (host is not None and urlsplit(origin).netloc == host)
        )

    async def waiting_reply(self, agent: Any, message: UserMessage) -> dict | None:
        """The acknowledgement of a message Rasa said nothing to because an advisor has the
        conversation (it is paused), as a message of the bot's (with its language), or None."""
        tracker = await agent.tracker_store.retrieve(message.sender_id)
        if tracker is None or not tracker.is_paused():
            return None
        with use_language(tracker.get_slot("language") or requested_language(message.metadata)) as language:
            text = waiting_acknowledgement(message.text or "", self.settings.crisis_line)
        return {"text": text, "custom": WAITING_CUSTOM, "metadata": {"language": language}}

    @staticmethod
    async def process(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
        try:
            await on_new_message(message)
        except Exception:  # noqa: BLE001 - any failure of Rasa's stores gets the same clear reply
            logger.exception("the message in conversation %s could not be processed", message.sender_id)
            return False
        return True


def requested_language(metadata: object) -> str | None:
    """The language a client's metadata asks for (``language``: "es", "fr-CA"), if spoken."""
    return requested(metadata, available())


def reply_language(message: dict[str, Any]) -> str | None:
    """The language a message of Rasa's is in: each action's and response's carries it in its
    metadata (``actions/context.speak``, the responses generated into ``build/nlu``)."""
    metadata = message.get("metadata")
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return language if isinstance(language, str) else None
