"""Money, numbers, dates and lists written as the current language writes them (Babel's CLDR
data, inside its wheel): "$250" / "250 US$" / "250 $US", "1.5" / "1,5", "March 2, 2026" /
"2 de marzo de 2026" / "2 mars 2026", "A, B and C" / "A, B y C" / "A, B et C"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime, format_time, get_timezone_name
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

from bot.i18n.messages import current_language, locale, t


def _locale(language: str | None):
    return locale(language or current_language())


def money(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """An amount with its currency; a whole amount without cents, and zero as "free"."""
    if amount == 0:
        return t("formats.free", language=language)
    where = _locale(language)
    pattern = where.currency_formats["standard"].pattern
    if amount == amount.to_integral_value():
        pattern = pattern.replace(".00", "")
    return format_currency(amount, currency, format=pattern, locale=where, currency_digits=False)


def number(value: float | Decimal | None, *, language: str | None = None) -> str:
    """A number as the language writes it ("1.5", "1,5"); nothing for None."""
    return "" if value is None else format_decimal(value, locale=_locale(language))


def long_date(day: date, *, language: str | None = None) -> str:
    """ "March 2, 2026", "2 de marzo de 2026", "2 mars 2026"."""
    return format_date(day, "long", locale=_locale(language))


def full_date(day: date, *, language: str | None = None) -> str:
    """With the weekday: "Monday, March 2, 2026", "lunes, 2 de marzo de 2026"."""
    return format_date(day, "full", locale=_locale(language))


def weekday_time(moment: datetime, *, language: str | None = None) -> str:
    """A day this week or next and a time, with the time zone: "Monday, March 2 at 09:00
    (Pacific Time)", "el lunes, 2 de marzo a las 09:00 (hora del Pacífico)"."""
    where = _locale(language)
    return t(
        "formats.weekday_time",
        language=language,
        day=format_date(moment, t("formats.weekday_pattern", language=language), locale=where),
        time=format_time(moment, "HH:mm", locale=where),
        zone=get_timezone_name(moment, "long", locale=where, zone_variant="generic") if moment.tzinfo else "",
    ).replace(" ()", "")


def moment(value: datetime, *, language: str | None = None) -> str:
    """A date and time, as a transcript or the console shows it."""
    return format_datetime(value, "medium", locale=_locale(language))


def join(items: Sequence[str], *, language: str | None = None) -> str:
    """ "A, B and C" in the language; one item alone; nothing for none."""
    return format_list(list(items), locale=_locale(language)) if items else ""


def either(items: Sequence[str], *, language: str | None = None) -> str:
    """ "A or B" / "A o B" / "A ou B": alternatives in the language; one alone; nothing for none."""
    return format_list(list(items), style="or", locale=_locale(language)) if items else ""
