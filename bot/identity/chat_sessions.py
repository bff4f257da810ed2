"""socket.io session handles: which conversation a socket may join, issued by the server.

A handle is ``<conversation id>.<signature>``. The server issues one to a socket that asks
for a new session; the widget keeps it (so the conversation survives a reload) and asks for
it again on its next connection. Only a handle this server signed opens its conversation:
a conversation id alone (which advisors see in their queue) or a made-up handle opens
nothing, and the socket gets a new conversation of its own instead.
"""

from __future__ import annotations

import uuid

from bot.identity.signing import sign, verify

PURPOSE = "socketio-session"


def issue(secret: str) -> tuple[str, str]:
    """A new conversation id and the handle that opens it."""
    conversation_id = uuid.uuid4().hex
    return conversation_id, f"{conversation_id}.{sign(secret, PURPOSE, conversation_id)}"


def conversation_of(handle: object, secret: str) -> str | None:
    """The conversation ``handle`` opens, or None when this server did not issue it."""
    if not isinstance(handle, str):
        return None
    conversation_id, _, signature = handle.partition(".")
    return conversation_id if verify(secret, PURPOSE, conversation_id, signature) else None
