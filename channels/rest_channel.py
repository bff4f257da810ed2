"""The REST channel (``POST /webhooks/rest/webhook``): Rasa's, behind the channel guard.

Same request (``sender``, ``message``, optional ``metadata`` with the session token) and
the same reply (the bot's messages as a JSON list, each with the ``language`` it is in) as
Rasa's ``rest`` channel, which it
replaces in ``credentials.yml``. Before Rasa sees a message: a browser page from a site
not in ``MICROCRED_ALLOWED_ORIGINS`` is refused (403); the rate limits (429) and size
limits (413) answer with one message saying why; the token is replaced by the signed
identity claim. When Rasa cannot process the message (Redis down) the reply says so (503).
While an advisor has the conversation, each message gets a short acknowledgement.
Streaming (``?stream=true``) and a client-chosen ``input_channel`` are not offered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import rest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot.conversation.message_limits import unavailable
from bot.i18n import use_language
from channels import worker
from channels.guard import ChannelGuard, reply_language, requested_language

#: Longest sender id accepted (the widget's are 32 characters).
MAX_SENDER_CHARS = 128


#: The HTTP status of each refusal; any other (too long, too much metadata) is 413.
REFUSAL_STATUS = {"too_fast": 429, "not_text": 400}


class LanguageCollectingOutput(CollectingOutputChannel):
    """Rasa's collector of the bot's messages, each with the ``language`` it is in."""

    language: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.language = reply_language(message)
        await super().send_response(recipient_id, message)

    async def _persist_message(self, message: dict[str, Any]) -> None:
        await super()._persist_message({**message, "language": self.language} if self.language else message)


def _reply(sender: str, text: str, status: int) -> response.HTTPResponse:
    return response.json([{"recipient_id": sender, "text": text}], status=status)


class RestInput(rest.RestInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guard = ChannelGuard()
        webhook = Blueprint("custom_webhook_RestInput", __name__)
        worker.listen(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            if not guard.origin_allowed(request.headers.get("origin")):
                return response.json(
                    {"error": "This site may not use the assistant's REST channel."}, status=403
                )
            body = request.json
            sender = body.get("sender") if isinstance(body, dict) else None
            if not isinstance(sender, str) or not sender or len(sender) > MAX_SENDER_CHARS:
                return response.json(
                    {
                        "error": f"Send a JSON object with 'sender' (a conversation id of 1 to {MAX_SENDER_CHARS} "
                        "characters) and 'message'."
                    },
                    status=400,
                )
            text, metadata = body.get("message"), body.get("metadata") or {}
            refused = await guard.admit(text, metadata, sender, request.remote_addr or request.ip)
            if refused:
                return _reply(sender, refused, REFUSAL_STATUS.get(refused.kind, 413))
            collector = LanguageCollectingOutput()
            message = UserMessage(
                guard.text_for_rasa(text, metadata),
                collector,
                sender,
                input_channel=self.name(),
                metadata=guard.stored_metadata(metadata, sender),
            )
            if not await guard.process(on_new_message, message):
                with use_language(requested_language(metadata)):
                    return _reply(sender, unavailable(), 503)
            if not collector.messages:
                waiting = await guard.waiting_reply(request.app.ctx.agent, message)
                if waiting:
                    said = {"recipient_id": sender, "text": waiting["text"], "custom": waiting["custom"]}
                    return response.json([{**said, "language": reply_language(waiting)}])
            return response.json(collector.messages)

        return webhook
