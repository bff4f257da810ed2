"""Server-side signatures (HMAC-SHA256) for what the channels hand out or write and later trust.

Each use has its own ``purpose``, so a signature made for one (a socket.io session handle)
never passes for another (an identity claim). The key is derived from
``MICROCRED_JWT_SECRET``, which the Rasa server and the action server both hold; with no
secret configured nothing can be signed and nothing verifies.
"""

from __future__ import annotations

import hashlib
import hmac


def sign(secret: str, purpose: str, text: str) -> str:
    """The hex signature of ``text`` for ``purpose``; empty when no secret is configured."""
    if not secret:
        return ""
    key = hmac.new(secret.encode(), f"microcred:{purpose}".encode(), hashlib.sha256).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def verify(secret: str, purpose: str, text: str, signature: object) -> bool:
    """Whether ``signature`` is this server's signature of ``text`` for ``purpose``."""
    expected = sign(secret, purpose, text)
    return bool(expected) and isinstance(signature, str) and hmac.compare_digest(expected, signature)
