"""Amounts and numbers as a reply writes them: in the conversation's language (``bot.i18n.formats``)."""

from __future__ import annotations

from bot.i18n.formats import money, number

__all__ = ["money", "number"]
