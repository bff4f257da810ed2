"""Which offered language a browser, a page or a widget asks for.

``best_match`` reads an ``Accept-Language`` header, a list of tags or one tag ("es-MX") and
returns the first offered language it names ("es"), or None; ``requested`` the one a client's
message metadata asks for (``language``). ``native_name`` is how a language names itself
("español", "français") for a language switcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.i18n.messages import locale


def _tags(preferences: str | Iterable[str]) -> list[str]:
    if not isinstance(preferences, str):
        return [str(p) for p in preferences]
    weighted = []
    for position, part in enumerate(preferences.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def primary(tag: str) -> str:
    """The language of a tag: "es-MX", "es_MX" and "ES" are all "es"."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def best_match(preferences: str | Iterable[str] | None, offered: Sequence[str]) -> str | None:
    """The first preferred language that is offered, or None."""
    if not preferences:
        return None
    for tag in _tags(preferences):
        language = primary(tag)
        if language in offered:
            return language
    return None


def requested(metadata: object, offered: Sequence[str]) -> str | None:
    """The offered language a message's metadata asks for (``language``: "es", "fr-CA"), or None."""
    asked = metadata.get("language") if isinstance(metadata, dict) else None
    return best_match(asked, offered) if isinstance(asked, str) else None


def native_name(language: str) -> str:
    """The language's name in itself, capitalised as a menu shows it: "Español", "Français"."""
    name = locale(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]
