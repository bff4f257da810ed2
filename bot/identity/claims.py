"""What the channels keep of a signed-in student: a server-signed claim, never the token.

A client sends its session token in the message metadata (``token``). The channel
verifies it (``bot.identity.tokens``), drops it and every other identity field the client may
have sent, and writes ``identity``: the outcome (status, student id, the token's expiry)
bound to the conversation id and signed with a key derived from ``MICROCRED_JWT_SECRET``.
Rasa stores that claim with the message; the action server trusts a student id only from
a claim whose signature, conversation and expiry check out. A client cannot forge one: it
does not hold the key, and whatever it sends under ``identity`` is thrown away first. A
claim read from one conversation's tracker is worth nothing in another (it names its
conversation), and it carries nothing that reads records outside the assistant.
"""

from __future__ import annotations

import json
import time

from bot.config import Settings
from bot.identity.signing import sign, verify
from bot.identity.tokens import ANONYMOUS, Identity, Status, decode_token, student_exists

#: Where the claim sits in a message's metadata.
CLAIM_KEY = "identity"
#: Metadata a client may send that speaks to who it is: never stored as sent.
CLIENT_IDENTITY_KEYS = frozenset({"token", CLAIM_KEY, "student_id", "student", "sub", "user", "user_id"})
PURPOSE = "identity-claim"


def _signed_text(claim: dict) -> str:
    fields = {key: claim.get(key) for key in ("status", "student_id", "expires_at", "conversation")}
    return json.dumps(fields, sort_keys=True)


def seal(identity: Identity, conversation_id: str, settings: Settings | None = None) -> dict:
    """The claim the channel stores for ``identity`` in conversation ``conversation_id``."""
    settings = settings or Settings.from_env()
    claim = {
        "status": identity.status.value,
        "student_id": identity.student_id,
        "expires_at": identity.expires_at,
        "conversation": conversation_id,
    }
    claim["signature"] = sign(settings.jwt_secret, PURPOSE, _signed_text(claim))
    return claim


def unseal(
    claim: object, conversation_id: str, settings: Settings | None = None, now: float | None = None
) -> Identity:
    """Who a stored claim identifies in ``conversation_id``: a student only when the claim
    is this server's, made for this conversation, the token behind it has not expired and
    the student is known."""
    if not isinstance(claim, dict):
        return ANONYMOUS
    settings = settings or Settings.from_env()
    if not verify(settings.jwt_secret, PURPOSE, _signed_text(claim), claim.get("signature")):
        return Identity(Status.ANONYMOUS, reason="no claim signed by this server")
    if claim.get("conversation") != conversation_id:
        return Identity(Status.INVALID, reason="the claim was made for another conversation")
    try:
        status = Status(claim.get("status"))
    except ValueError:
        return Identity(Status.INVALID, reason="the claim has no known status")
    if status is not Status.VERIFIED:
        return Identity(status, reason="the channel did not verify a token")
    expires_at = claim.get("expires_at")
    if not isinstance(expires_at, int) or expires_at <= (now if now is not None else time.time()):
        return Identity(Status.EXPIRED, reason="the session token behind the claim has expired")
    student_id = claim.get("student_id")
    if not isinstance(student_id, str) or not student_exists(student_id):
        return Identity(Status.INVALID, reason=f"the claim names no known student ({student_id!r})")
    return Identity(Status.VERIFIED, student_id=student_id, expires_at=expires_at)


def channel_metadata(client_metadata: dict, conversation_id: str, settings: Settings | None = None) -> dict:
    """The metadata a channel stores: the client's, without its token or identity fields,
    plus the signed claim of what its token proved. The channel checks the token's signature
    and expiry only; the action server looks the student up when it reads the claim."""
    settings = settings or Settings.from_env()
    token = client_metadata.get("token")
    kept = {key: value for key, value in client_metadata.items() if key not in CLIENT_IDENTITY_KEYS}
    kept[CLAIM_KEY] = seal(decode_token(token, settings), conversation_id, settings)
    return kept
