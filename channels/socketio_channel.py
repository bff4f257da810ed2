"""The website's socket.io channel: Rasa's own, with the two fixes the chat widget needs.

1. Session persistence. ``python-socketio`` 5.9+ made ``AsyncServer.enter_room`` a
   coroutine, and Rasa 3.6 calls it without ``await`` (RasaHQ/rasa#13027), so the socket
   never joins its session's room and no reply reaches the widget. Here it is awaited.
2. Custom payloads. Rasa sends a message's text, then passes its ``custom`` dict as
   keyword arguments of ``emit`` (which fails for anything but emit's own arguments).
   Here a message with ``custom`` goes out as one ``bot_uttered`` event
   ``{text, custom, buttons}``: how advisor replies (``custom.from == "advisor"``) reach
   the widget as coming from a person.
3. Several Rasa processes. A learner's socket lives in one process, but an advisor's reply
   may arrive through the HTTP API at another. With ``MICROCRED_SOCKETIO_REDIS_URL`` set,
   every process publishes what it emits on Redis and the one holding the socket delivers it.
4. Sessions bound to their owner. ``session_request`` opens a conversation only for a
   handle this server issued (``bot.identity.chat_sessions``); anything else (another learner's
   conversation id, as the advisor queue shows it) gets a new conversation of its own. A
   socket's messages always go to the conversation it joined, whatever ``session_id`` they name.
5. Languages. Each ``bot_uttered`` event says the language its message is in
   (``language``), so the widget marks it and follows the conversation's language.
6. The channel guard (``channels/guard.py``): rate and size limits with a reply saying why,
   the session token replaced by a signed identity claim, a clear reply when Rasa cannot
   process a message, and browsers' sockets accepted only from ``MICROCRED_ALLOWED_ORIGINS``.

The channel keeps the name ``socketio``, so ``output_channel=socketio`` still finds it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from socketio import AsyncRedisManager, AsyncServer

from bot.config import Settings
from bot.conversation.message_limits import not_text, unavailable
from bot.i18n import use_language
from bot.identity import chat_sessions
from channels import worker
from channels.guard import ChannelGuard, reply_language, requested_language

logger = logging.getLogger(__name__)

#: Largest socket.io frame read at all (engine.io closes the socket on a larger one); a
#: message within it but over the text limit gets a reply asking for a shorter one.
MAX_FRAME_BYTES = 2 * 1024 * 1024


class SocketIOOutput(socketio.SocketIOOutput):
    #: Whether anything was sent through this output (a paused conversation sends nothing).
    sent = False
    #: The language of the message being sent, added to its ``bot_uttered`` event.
    language: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent = True
        self.language = reply_language(message)
        custom = message.get("custom")
        if not custom:
            await super().send_response(recipient_id, message)
            return
        event = {"custom": custom}
        for key in ("text", "buttons", "quick_replies", "attachment"):
            if message.get(key):
                event[key] = message[key]
        await self._send_message(recipient_id, event)

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if self.language and isinstance(response, dict):
            response = {**response, "language": self.language}
        await super()._send_message(socket_id, response)


class SocketIOInput(socketio.SocketIOInput):
    def get_output_channel(self) -> SocketIOOutput | None:
        return SocketIOOutput(self.sio, self.bot_message_evt) if self.sio else super().get_output_channel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        worker.listen(blueprint)
        sio = self.sio
        settings = Settings.from_env()
        redis_url = settings.socketio_redis_url
        if redis_url:
            # In each worker process, after the fork: a manager identifies its process by a
            # random id and ignores its own messages, so the processes must not share one.
            @blueprint.listener("before_server_start")
            async def share_rooms(_app, _loop) -> None:
                _share_rooms_through(sio, redis_url)

        guard = ChannelGuard(settings)
        secret = settings.jwt_secret
        sio.eio.max_http_buffer_size = MAX_FRAME_BYTES
        # Sockets from the configured sites, from this server's own address, or without an Origin.
        sio.eio.cors_allowed_origins = lambda origin, environ: guard.origin_allowed(
            origin, environ.get("HTTP_HOST")
        )

        async def say(room: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=room, namespace=self.namespace)

        async def session_request(sid: str, data: dict | None) -> None:
            handle = data.get("session_id") if isinstance(data, dict) else None
            conversation_id = chat_sessions.conversation_of(handle, secret)
            if conversation_id is None:
                if handle:
                    logger.warning(
                        "socket.io session_request for a session this server did not issue: new session"
                    )
                conversation_id, handle = chat_sessions.issue(secret)
            session = await sio.get_session(sid, namespace=self.namespace)
            if session.get("conversation_id") not in (None, conversation_id):
                await sio.leave_room(sid, session["conversation_id"], namespace=self.namespace)
            await sio.save_session(sid, {"conversation_id": conversation_id}, namespace=self.namespace)
            await sio.enter_room(sid, conversation_id, namespace=self.namespace)
            await sio.emit("session_confirm", handle, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: dict) -> None:
            conversation_id = (await sio.get_session(sid, namespace=self.namespace)).get("conversation_id")
            if conversation_id is None:
                logger.warning("socket.io message before a session_request: ignored")
                return
            data = data if isinstance(data, dict) else {}
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    await say(sid, not_text())
                    return
            request = sio.get_environ(sid, namespace=self.namespace).get("sanic.request")
            address = (request.remote_addr or request.ip) if request is not None else sid
            text = data.get("message", "")
            refused = await guard.admit(text, metadata, conversation_id, address)
            if refused:
                await say(sid, refused)
                return
            output = SocketIOOutput(sio, self.bot_message_evt)
            message = UserMessage(
                guard.text_for_rasa(text, metadata),
                output,
                conversation_id,
                input_channel=self.name(),
                metadata=guard.stored_metadata(metadata, conversation_id),
            )
            if not await guard.process(on_new_message, message):
                with use_language(requested_language(metadata)):
                    await say(conversation_id, unavailable())
            elif not output.sent and request is not None:
                waiting = await guard.waiting_reply(request.app.ctx.agent, message)
                if waiting:
                    await output.send_response(conversation_id, waiting)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint


def _share_rooms_through(sio: AsyncServer, redis_url: str) -> None:
    """Route the server's emits through Redis, so that they reach sockets held by other
    processes. Done before the first connection, which starts the manager."""
    manager = AsyncRedisManager(redis_url)
    manager.set_server(sio)
    sio.manager = manager
