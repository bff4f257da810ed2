"""Who is talking: the identity claim the channel signed on the latest user message.

The website sends its session token with every message (REST ``metadata.token``,
socket.io ``customData.token``); the channel verifies it and stores, in its place, a claim
signed by the server and bound to the conversation (``bot.identity.claims``). The token
itself never reaches the tracker. Nothing else in the conversation (a student id or a name
typed in chat, slots, entities, metadata a client made up) identifies anyone.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.identity.claims import CLAIM_KEY, unseal
from bot.identity.tokens import Identity
from bot.records.audit import Actor, read_progress
from bot.records.progress import StudentProgress


def latest_claim(tracker: Tracker) -> object:
    """The claim stored with the latest user message, or None."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return (event.get("metadata") or {}).get(CLAIM_KEY)
    return None


def current_identity(tracker: Tracker) -> Identity:
    return unseal(latest_claim(tracker), tracker.sender_id)


def signed_in_student(tracker: Tracker) -> str | None:
    """The verified student id, or None for anyone not signed in with a valid token."""
    return current_identity(tracker).student_id


def own_progress(tracker: Tracker, purpose: str, identity: Identity | None = None) -> StudentProgress | None:
    """The signed-in student's own records, read with an audit-log entry naming ``purpose``;
    None for anyone not signed in with a valid token (or whose records are gone)."""
    identity = identity or current_identity(tracker)
    if not identity.verified or identity.student_id is None:
        return None
    student_id = identity.student_id
    return read_progress(student_id, Actor("student", student_id), tracker.sender_id, purpose)
