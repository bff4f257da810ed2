"""Build rasa_sdk trackers for action tests, shaped like the ones Rasa sends the action server.

Metadata is given as a client sends it (``{"token": ...}``) and stored as the channel stores
it (``stored``): the token replaced by the signed identity claim for the conversation.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.identity.claims import channel_metadata

#: How a session's events begin (Rasa sends a short session whole, from its start).
SESSION_START = [
    {"event": "action", "name": "action_session_start"},
    {"event": "session_started"},
    {"event": "action", "name": "action_listen"},
]


def stored(metadata: dict | None, sender: str) -> dict:
    """What the channels keep of a client's ``metadata`` in conversation ``sender``."""
    return channel_metadata(metadata or {}, sender)


def user_event(text: str, intent: str, confidence: float = 0.95, entities=None, metadata=None) -> dict:
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
        },
        "metadata": metadata or {},
    }


def make_tracker(
    text: str,
    intent: str,
    entities: dict | list | None = None,
    slots: dict | None = None,
    confidence: float = 0.95,
    metadata: dict | None = None,
    history: list[dict] | None = None,
    sender: str = "test-user",
) -> Tracker:
    """A tracker whose latest message is ``text``, classified as ``intent`` with ``entities``,
    after the session's start and ``history``."""
    if isinstance(entities, dict):
        entities = [{"entity": name, "value": value} for name, value in entities.items()]
    latest = user_event(text, intent, confidence, entities, stored(metadata, sender))
    return Tracker.from_dict(
        {
            "sender_id": sender,
            "slots": slots or {},
            "latest_message": {**latest["parse_data"], "metadata": latest["metadata"]},
            "events": [*SESSION_START, *(history or []), latest],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )
