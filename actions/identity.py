"""Who is talking: the signed session token in the latest user message's metadata, verified.

The website sends the token with every message: over REST as ``metadata.token``, over
socket.io as ``customData.token``, which Rasa stores as the same metadata. Nothing else
in the conversation (a student id or a name typed in chat, slots, entities) identifies anyone.
"""
from __future__ import annotations

from rasa_sdk import Tracker

from bot.identity import Identity, verify_token


def latest_token(tracker: Tracker) -> object:
    """The token sent with the latest user message, or None."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return (event.get("metadata") or {}).get("token")
    return None


def current_identity(tracker: Tracker) -> Identity:
    return verify_token(latest_token(tracker))


def signed_in_student(tracker: Tracker) -> str | None:
    """The verified student id, or None for anyone not signed in with a valid token."""
    return current_identity(tracker).student_id
