"""A knowledge-base text in the conversation's language.

An entry of the knowledge base (a credential, a requirement, an FAQ answer, a support
resource) may carry ``translations: {es: {name: ..., description: ...}}``; ``localized``
gives the translation of one field in the current language (``bot.i18n``), or the entry's
own text when it has none.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import current_language


def localized(entry: Any, field: str) -> str:
    """``entry``'s ``field`` in the current language, else as the knowledge base wrote it."""
    translated = ((getattr(entry, "translations", None) or {}).get(current_language()) or {}).get(field)
    return str(translated) if translated else getattr(entry, field)
