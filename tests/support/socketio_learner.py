"""A learner on the website's socket.io channel, as the widget talks to it (websocket transport,
session persistence, ``customData`` metadata), for the end-to-end tests.

``with SocketLearner(rasa_url) as learner`` connects and asks for a new session (or resumes
``session_id``, a handle the server issued); the server's handle is ``session_id`` after, and
``conversation_id`` the conversation it opened (what advisors see). ``say`` sends a message; ``next_message`` and ``first_message_where`` wait for what the server pushes, the
assistant's answers and advisors' replies alike.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

import socketio

WAIT_SECONDS = 60


class SocketLearner:
    def __init__(
        self,
        rasa_url: str,
        custom_data: dict | None = None,
        session_id: str | None = None,
        origin: str | None = None,
    ):
        """``origin``: the page's origin, as a browser sends it (by default the server's own)."""
        self.rasa_url = rasa_url
        self.custom_data = custom_data or {}
        self.session_id = session_id
        self.client = socketio.Client(websocket_extra_options={"origin": origin} if origin else {})
        self.received: queue.Queue[dict] = queue.Queue()
        self._confirmed = threading.Event()
        self.client.on("session_confirm", self._confirm)
        self.client.on("bot_uttered", self.received.put)

    def _confirm(self, session_id: str) -> None:
        self.session_id = session_id
        self._confirmed.set()

    @property
    def conversation_id(self) -> str | None:
        """The conversation the server opened for this socket (its tracker's sender id)."""
        return self.session_id.partition(".")[0] if self.session_id else None

    def __enter__(self) -> SocketLearner:
        self.client.connect(self.rasa_url, transports=["websocket"], wait_timeout=WAIT_SECONDS)
        self.client.emit("session_request", {"session_id": self.session_id})
        assert self._confirmed.wait(WAIT_SECONDS), "no session_confirm from the socket.io channel"
        return self

    def __exit__(self, *_exc) -> None:
        self.client.disconnect()

    def say(self, text: str) -> None:
        self.client.emit(
            "user_uttered", {"message": text, "session_id": self.session_id, "customData": self.custom_data}
        )

    def next_message(self) -> dict:
        try:
            return self.received.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise AssertionError(f"nothing pushed over socket.io in {WAIT_SECONDS} s") from None

    def first_message_where(self, condition: Callable[[dict], bool]) -> dict:
        """Wait for a pushed message meeting ``condition``, passing over the others."""
        while not condition(message := self.next_message()):
            pass
        return message

    def reply_to(self, text: str) -> str:
        """Say ``text``; the text of the first message pushed back."""
        self.say(text)
        return self.next_message().get("text", "")
