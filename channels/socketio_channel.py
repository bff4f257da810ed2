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

The channel keeps the name ``socketio``, so ``output_channel=socketio`` still finds it.
"""
from __future__ import annotations

import json
import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels import socketio
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from socketio import AsyncRedisManager, AsyncServer

from bot.config import Settings

logger = logging.getLogger(__name__)


class SocketIOOutput(socketio.SocketIOOutput):
    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        custom = message.get("custom")
        if not custom:
            await super().send_response(recipient_id, message)
            return
        event = {"custom": custom}
        for key in ("text", "buttons", "quick_replies", "attachment"):
            if message.get(key):
                event[key] = message[key]
        await self._send_message(recipient_id, event)


class SocketIOInput(socketio.SocketIOInput):
    def get_output_channel(self) -> Optional[SocketIOOutput]:
        return SocketIOOutput(self.sio, self.bot_message_evt) if self.sio else super().get_output_channel()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        redis_url = Settings.from_env().socketio_redis_url
        if redis_url:
            # In each worker process, after the fork: a manager identifies its process by a
            # random id and ignores its own messages, so the processes must not share one.
            @blueprint.listener("before_server_start")
            async def share_rooms(_app, _loop) -> None:
                _share_rooms_through(sio, redis_url)

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        async def handle_message(sid: Text, data: Dict) -> None:
            if self.session_persistence and not data.get("session_id"):
                logger.warning("socket.io message without a session_id (no session_request first): ignored")
                return
            sender_id = data["session_id"] if self.session_persistence else sid
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, Text):
                metadata = json.loads(metadata)
            await on_new_message(
                UserMessage(
                    data.get("message", ""),
                    SocketIOOutput(sio, self.bot_message_evt),
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint


def _share_rooms_through(sio: AsyncServer, redis_url: str) -> None:
    """Route the server's emits through Redis, so that they reach sockets held by other
    processes. Done before the first connection, which starts the manager."""
    manager = AsyncRedisManager(redis_url)
    manager.set_server(sio)
    sio.manager = manager
