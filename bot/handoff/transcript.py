"""A conversation as an advisor reads it: who said what, when, from Rasa's tracker events.

Only texts are kept, never message metadata (which carries the identity claim the channel signed).
A button the learner clicked shows as the button's title rather than its payload.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from bot.conversation.payloads import without_language


@dataclass(frozen=True)
class Line:
    sender: str  # "learner", "assistant" or "advisor"
    text: str
    timestamp: float  # seconds since the epoch, as in tracker events
    advisor: str | None = None
    #: The stored case message an advisor's line came from, when it did.
    case_message_id: int | None = None

    def as_dict(self) -> dict:
        line = {
            "sender": self.sender,
            "text": self.text,
            "timestamp": self.timestamp,
            "at": datetime.fromtimestamp(self.timestamp, timezone.utc).isoformat(),
        }
        if self.advisor:
            line["advisor"] = self.advisor
        if self.case_message_id is not None:
            line["case_message_id"] = self.case_message_id
        return line

    @classmethod
    def from_dict(cls, line: dict) -> Line:
        return cls(
            line["sender"],
            line["text"],
            float(line["timestamp"]),
            line.get("advisor"),
            line.get("case_message_id"),
        )


def from_events(events: Iterable[dict]) -> list[Line]:
    """The user and bot messages among tracker ``events`` (as JSON dicts), in order.

    A bot message whose ``custom`` says ``"from": "advisor"`` is an advisor's reply
    (see ``bot.handoff.rasa_api.advisor_event``).
    """
    lines: list[Line] = []
    button_titles: dict[str, str] = {}
    for event in events:
        kind, text = event.get("event"), event.get("text")
        if kind not in ("user", "bot") or not text:
            continue
        timestamp = float(event.get("timestamp") or 0)
        if kind == "user":
            lines.append(Line("learner", button_titles.get(without_language(text), text), timestamp))
            continue
        data = event.get("data") or {}
        custom = data.get("custom") or {}
        if custom.get("from") == "advisor":
            lines.append(
                Line("advisor", text, timestamp, custom.get("advisor"), custom.get("case_message_id"))
            )
        else:
            button_titles = {
                b.get("payload"): b.get("title") for b in data.get("buttons") or [] if b.get("title")
            }
            lines.append(Line("assistant", text, timestamp))
    return lines


def _starts_session(event: dict) -> bool:
    """``action_session_start``, or ``session_started`` (where Rasa's SQL store reads a session from)."""
    kind = event.get("event")
    return kind == "session_started" or (kind == "action" and event.get("name") == "action_session_start")


def is_whole_session(events: list[dict]) -> bool:
    """Whether tracker ``events`` (as an action gets them) hold their session from its start:
    Rasa's tracker stores here hand a long session's last turns only
    (``components/dialogue_window.py``)."""
    return bool(events) and _starts_session(events[0])


def last_session_before(events: list[dict], moment: float) -> list[Line]:
    """The lines of the last session of a whole conversation's ``events`` said before ``moment``."""
    start = max((index for index, event in enumerate(events) if _starts_session(event)), default=0)
    return [line for line in from_events(events[start:]) if line.timestamp < moment]


def merge(conversation: list[Line], stored: list[Line]) -> list[Line]:
    """``conversation`` plus the stored case messages it lacks (advisor replies not delivered yet,
    learner messages when the live conversation could not be read), in time order."""
    delivered = {line.case_message_id for line in conversation if line.case_message_id is not None}
    heard = {(line.sender, line.timestamp) for line in conversation}
    missing = [
        line
        for line in stored
        if line.case_message_id not in delivered and (line.sender, line.timestamp) not in heard
    ]
    return sorted([*conversation, *missing], key=lambda line: line.timestamp)
