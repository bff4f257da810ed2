"""Talking into a learner's conversation through Rasa's HTTP API (server run with --enable-api).

An advisor's reply is appended as a bot message marked ``custom: {"from": "advisor"}`` and
pushed to the learner's socket.io room by the project's socket.io channel
(``channels/socketio_channel.py`` sends text and ``custom`` as one ``bot_uttered`` event);
REST learners find it in the conversation. Resolving appends ``resume`` so the assistant
answers again, and a message saying so in the conversation's language (the case's).
"""

from __future__ import annotations

from urllib.parse import quote

import requests

from bot.config import Settings
from bot.handoff.transcript import Line, from_events, last_session_before
from bot.i18n import t, use_language

TIMEOUT = (3, 10)


def advisor_event(text: str, advisor: str, case_message_id: int) -> dict:
    """The bot event carrying an advisor's reply, attributed to them."""
    attribution = {"from": "advisor", "advisor": advisor, "case_message_id": case_message_id}
    return {"event": "bot", "text": text, "data": {"custom": attribution}}


class RasaUnavailable(Exception):
    """Rasa could not be reached or refused the request; the message says which."""


class RasaApi:
    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.token = token

    @classmethod
    def from_settings(cls, settings: Settings) -> RasaApi:
        return cls(settings.rasa_url, settings.rasa_api_token)

    def _url(self, conversation_id: str, suffix: str) -> str:
        return f"{self.base_url}/conversations/{quote(conversation_id, safe='')}/{suffix}"

    def _call(self, method: str, url: str, **kwargs) -> dict:
        params = {**kwargs.pop("params", {}), "token": self.token}
        try:
            response = requests.request(method, url, params=params, timeout=TIMEOUT, **kwargs)
        except requests.RequestException as error:
            raise RasaUnavailable(
                f"the assistant's server at {self.base_url} cannot be reached ({type(error).__name__})"
            ) from None
        if response.status_code in (401, 403):
            raise RasaUnavailable("the assistant's server refused the API token (check RASA_API_TOKEN)")
        if not response.ok:
            raise RasaUnavailable(f"the assistant's server answered HTTP {response.status_code}")
        return response.json()

    def _events(self, conversation_id: str) -> list[dict]:
        """Every stored event of the conversation (all its sessions)."""
        return self._call("GET", self._url(conversation_id, "tracker")).get("events") or []

    def conversation(self, conversation_id: str) -> list[Line]:
        return from_events(self._events(conversation_id))

    def said_before(self, conversation_id: str, moment: float) -> list[Line]:
        """The lines of the conversation's last session said before ``moment`` (as stored: a
        turn in progress is not yet)."""
        return last_session_before(self._events(conversation_id), moment)

    def _append(self, conversation_id: str, events: list[dict]) -> None:
        self._call(
            "POST",
            self._url(conversation_id, "tracker/events"),
            params={"execute_side_effects": "true", "output_channel": "socketio"},
            json=events,
        )

    def send_advisor_message(
        self, conversation_id: str, text: str, advisor: str, case_message_id: int
    ) -> None:
        self._append(conversation_id, [advisor_event(text, advisor, case_message_id)])

    def resume(self, conversation_id: str, language: str | None = None) -> None:
        """Un-pause, say so in ``language`` (the case's), and listen: the paused conversation's
        last action was the handoff, and Rasa's rules expect the learner's next message to
        follow ``action_listen``."""
        with use_language(language):
            back = {"event": "bot", "text": t("handoff.resumed")}
        listen = {"event": "action", "name": "action_listen"}
        self._append(conversation_id, [{"event": "resume"}, back, listen])
