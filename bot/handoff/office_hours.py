"""When advisors are at work: parse "Mon-Fri 09:00-17:00" (several spans comma-separated) in a time zone.

Used to tell a learner, when a case opens outside office hours, when to expect an answer;
``describe`` says the hours in the conversation's language (weekdays, times and the zone's
name from Babel).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_time, get_day_names, get_timezone_name

from bot.i18n import current_language, t
from bot.i18n.messages import locale

logger = logging.getLogger(__name__)

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_SPAN = re.compile(
    r"^(?P<first>[a-z]{3})(?:\s*-\s*(?P<last>[a-z]{3}))?\s+"
    r"(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})$"
)


class OfficeHoursError(ValueError):
    """The configured office hours or time zone cannot be understood."""


@dataclass(frozen=True)
class Span:
    days: tuple[int, ...]  # 0 = Monday
    start: time
    end: time


def _time(value: str, spec: str) -> time:
    hours, minutes = (int(part) for part in value.split(":"))
    if hours > 23 or minutes > 59:
        raise OfficeHoursError(f"'{value}' in office hours '{spec}' is not a time of day")
    return time(hours, minutes)


def _span(part: str, spec: str) -> Span:
    match = _SPAN.match(part.strip().lower())
    if not match or match["first"] not in DAYS or (match["last"] and match["last"] not in DAYS):
        raise OfficeHoursError(
            f"cannot read office hours '{spec}': write them like 'Mon-Fri 09:00-17:00' "
            "(several spans separated by commas)"
        )
    first = DAYS.index(match["first"])
    last = DAYS.index(match["last"] or match["first"])
    if last < first:
        raise OfficeHoursError(f"in office hours '{spec}', {match['first']}-{match['last']} runs backwards")
    start, end = _time(match["start"], spec), _time(match["end"], spec)
    if end <= start:
        raise OfficeHoursError(
            f"in office hours '{spec}', {match['start']}-{match['end']} ends before it starts"
        )
    return Span(tuple(range(first, last + 1)), start, end)


@dataclass(frozen=True)
class OfficeHours:
    spans: tuple[Span, ...]
    zone: ZoneInfo

    @classmethod
    def parse(cls, spec: str, timezone: str) -> OfficeHours:
        try:
            zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise OfficeHoursError(
                f"unknown time zone '{timezone}' (use a name like 'America/Los_Angeles')"
            ) from None
        parts = [p for p in spec.split(",") if p.strip()]
        if not parts:
            raise OfficeHoursError("no office hours are configured")
        return cls(tuple(_span(p, spec) for p in parts), zone)

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(self.zone)
        return any(
            local.weekday() in span.days and span.start <= local.time() < span.end for span in self.spans
        )

    def next_opening(self, now: datetime) -> datetime:
        """The next moment after ``now`` (when closed) that advisors start work, in the office's zone."""
        local = now.astimezone(self.zone)
        starts = (
            datetime.combine(local.date() + timedelta(days=offset), span.start, tzinfo=self.zone)
            for offset in range(8)
            for span in self.spans
            if (local.weekday() + offset) % 7 in span.days
        )
        return min(start for start in starts if start > local)

    def describe(self, now: datetime) -> str:
        """E.g. "Monday to Friday, 09:00 to 17:00 (Pacific Time)", "de lunes a viernes, de 09:00
        a 17:00 (hora del Pacífico)": in the conversation's language, the zone named as of ``now``."""
        language = locale(current_language())
        days = get_day_names("wide", locale=language)
        parts = []
        for span in self.spans:
            first, last = days[span.days[0]], days[span.days[-1]]
            parts.append(
                t(
                    "handoff.hours.span",
                    days=t("handoff.hours.days", first=first, last=last)
                    if len(span.days) > 1
                    else t("handoff.hours.day", day=first),
                    start=format_time(span.start, "HH:mm", locale=language),
                    end=format_time(span.end, "HH:mm", locale=language),
                )
            )
        zone = get_timezone_name(now.astimezone(self.zone), "long", locale=language, zone_variant="generic")
        return t("handoff.hours.zoned", hours=t("handoff.hours.separator").join(parts), zone=zone)


def configured(spec: str, timezone: str) -> OfficeHours | None:
    """The configured office hours, or None (logged) when they cannot be read."""
    try:
        return OfficeHours.parse(spec, timezone)
    except OfficeHoursError as error:
        logger.error("advisor office hours: %s", error)
        return None
