"""An email address or phone number an anonymous learner typed, so an advisor can reach them."""

from __future__ import annotations

import re
from collections.abc import Iterable

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
#: Fewer digits than this is more likely a date or an id than a phone number.
PHONE_DIGITS = 9


def find_contact(texts: Iterable[str]) -> str | None:
    """The last email address or phone number in ``texts``."""
    found = None
    for text in texts:
        emails = list(EMAIL.finditer(text))
        rest = EMAIL.sub(lambda m: " " * len(m.group()), text)
        phones = [m for m in PHONE.finditer(rest) if len(re.sub(r"\D", "", m.group())) >= PHONE_DIGITS]
        for match in sorted([*emails, *phones], key=lambda m: m.start()):
            found = match.group().strip()
    return found
