"""A chat reply as plain data: its text and buttons, and the payloads the buttons send."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bot.i18n import t


def advisor_button() -> dict:
    """The button that asks for a human advisor, titled in the conversation's language."""
    return {"title": t("answers.buttons.advisor"), "payload": "/request_human"}


@dataclass
class Reply:
    text: str
    buttons: list[dict] = field(default_factory=list)


def payload(intent: str, credential_id: str | None = None, **entities: str) -> str:
    """A button payload that triggers ``intent`` with entities, e.g. /ask_requirements{"credential":"x"}."""
    values = {"credential": credential_id, **entities} if credential_id else entities
    return f"/{intent}{json.dumps(values, separators=(',', ':'))}" if values else f"/{intent}"
