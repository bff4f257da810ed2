"""Intent payloads (``/intent`` or ``/intent{"entity": "value"}``) with the conversation's language.

Rasa reads a message that starts with "/" with its ``RegexMessageHandler``, which replaces
whatever the NLU found, the ``language`` entity included. So that a button, or the widget's
greeting, still carries the widget's language, the channels add it to the payload's entities
(``with_language``); the advisor's transcript, which shows a clicked button by its title,
matches the payload without it (``without_language``).
"""

from __future__ import annotations

import json
import re

LANGUAGE = "language"
_PAYLOAD = re.compile(r"^(/[^{@\s]+(?:@[0-9.]+)?)(\{.*\})?$", re.S)


def _parts(text: str) -> tuple[str, dict] | None:
    match = _PAYLOAD.match(text.strip())
    if not match:
        return None
    try:
        entities = json.loads(match.group(2)) if match.group(2) else {}
    except ValueError:
        return None
    return (match.group(1), entities) if isinstance(entities, dict) else None


def _join(head: str, entities: dict) -> str:
    return head + (json.dumps(entities, separators=(",", ":"), ensure_ascii=False) if entities else "")


def with_language(text: str, language: str | None) -> str:
    """``text`` with ``language`` among its entities when it is a payload that names none."""
    parts = _parts(text) if language else None
    if parts is None or LANGUAGE in parts[1]:
        return text
    return _join(parts[0], {**parts[1], LANGUAGE: language})


def without_language(text: str) -> str:
    """A payload as its button sent it, without the language the channel added."""
    parts = _parts(text)
    if parts is None or LANGUAGE not in parts[1]:
        return text
    return _join(parts[0], {k: v for k, v in parts[1].items() if k != LANGUAGE})
