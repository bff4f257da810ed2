"""The institution the assistant speaks for, as replies and pages name it.

Read from the ``institution.yml`` the loader wrote into ``institution_settings``
(``Catalog.institution()``): nothing here names an institution of its own. A value the file
leaves out is left out of what is said. The validator fills ``short_name`` (the name's
initials) when the file has none; settings written without one fall back to ``name``.
Its texts (the office hours) are said in the current language when ``institution.yml``
translates them (``translations: {es: {advisor_office_hours: ..., enrollment_office: {hours: ...}}}``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import current_language
from bot.i18n.messages import REFERENCE


@dataclass(frozen=True)
class Institution:
    name: str
    short_name: str
    website: str = ""
    email: str = ""
    phone: str = ""
    office_hours: str = ""
    advisor_office_hours: str = ""
    #: The languages it answers in; the first is the one its knowledge base is written in.
    languages: tuple[str, ...] = (REFERENCE,)

    @classmethod
    def from_settings(cls, settings: dict) -> Institution:
        """From ``Catalog.institution()`` or a knowledge base's checked ``institution.yml``,
        with its texts in the current language where it translates them."""
        translated = (settings.get("translations") or {}).get(current_language()) or {}
        office = {**(settings.get("enrollment_office") or {}), **(translated.get("enrollment_office") or {})}
        name = str(settings.get("name") or "").strip() or "the university"
        return cls(
            name=name,
            short_name=str(settings.get("short_name") or "").strip() or name,
            website=str(settings.get("website") or ""),
            email=str(office.get("email") or ""),
            phone=str(office.get("phone") or ""),
            office_hours=str(office.get("hours") or ""),
            advisor_office_hours=str(
                translated.get("advisor_office_hours") or settings.get("advisor_office_hours") or ""
            ),
            languages=tuple(settings.get("languages") or (REFERENCE,)),
        )

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+") if self.phone else ""

    def without_names(self, text: str) -> str:
        """``text`` without the institution's names ("the Lakemont Poly GIS badge": "the GIS
        badge"), so that a credential named with its institution is still found."""
        for said in sorted({self.name, self.short_name}, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(said)}(?:'s)?(?!\w)", " ", text, flags=re.IGNORECASE)
        return " ".join(text.split())
