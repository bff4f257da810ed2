"""The language of the site's pages, and what each page says in it.

A page is in the language chosen with its language switcher (``?lang=es``, remembered in a
cookie), else the first offered one the browser asks for (``Accept-Language``), else the
institution's first. The institution's languages (``languages`` in the knowledge base) are
offered, those the product speaks; without them, every language the product speaks.
``markup`` says a message of ``bot/i18n/locales/<lang>/site.yml`` or ``widget.yml`` as HTML,
``switcher`` is the list of languages every page shows, and ``script_messages`` what the
page's scripts (the chat widget, the sign-in section) say, for them to read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from string import Template
from urllib.parse import quote

from bot.i18n import t
from bot.i18n.languages import best_match, native_name, primary
from bot.i18n.messages import REFERENCE, available, catalog

#: The query parameter the switcher sets, and the cookie that remembers it.
CHOICE = "lang"
#: How long the cookie remembers a choice: a year.
REMEMBERED_SECONDS = 365 * 24 * 3600
#: The messages the page's scripts say: the widget's, and the sign-in section's.
SCRIPT_MESSAGES = ("widget.", "site.account.")


def offered(institution: dict) -> tuple[str, ...]:
    """The institution's languages that the product speaks, in its order; else all it speaks."""
    speaks = available()
    listed = [primary(str(tag)) for tag in institution.get("languages") or []]
    return tuple(dict.fromkeys(tag for tag in listed if tag in speaks)) or speaks


def choose(request, languages: Sequence[str]) -> str:
    """The page's language: the switcher's choice, else the cookie's, else the browser's, else the first."""
    for choice in (request.args.get(CHOICE), request.cookies.get(CHOICE)):
        if choice and primary(choice) in languages:
            return primary(choice)
    return best_match(request.headers.get("accept-language"), languages) or languages[0]


def remember(request, response, language: str) -> None:
    """Keep the switcher's choice in a cookie, so the next page is in it too."""
    if request.args.get(CHOICE) and primary(request.args.get(CHOICE)) == language:
        response.cookies[CHOICE] = language
        response.cookies[CHOICE]["path"] = "/"
        response.cookies[CHOICE]["max-age"] = REMEMBERED_SECONDS
        response.cookies[CHOICE]["samesite"] = "Lax"


def markup(key: str, count: float | None = None, **html: str) -> str:
    """The message ``key`` in the current language as HTML: its text escaped, its placeholders
    filled with ``html``, which is HTML already (escape plain values before)."""
    marks = {name: f"\x00{number}\x00" for number, name in enumerate(html)}
    text = escape(t(key, count, **marks), quote=False).replace('"', "&quot;")
    for name, mark in marks.items():
        text = text.replace(mark, html[name])
    return text


def switcher(path: str, language: str, languages: Sequence[str]) -> str:
    """The language switcher: a link to this page in each offered language, named in itself."""
    here = escape(quote(path, safe="/%"))
    links = "".join(
        f'<li><a href="{here}?{CHOICE}={code}" hreflang="{code}" lang="{code}"'
        + (' aria-current="true"' if code == language else "")
        + f">{escape(native_name(code))}</a></li>"
        for code in languages
    )
    return f'<nav class="language-switcher" aria-label="{markup("site.languages")}"><ul>{links}</ul></nav>'


def script_messages(language: str, languages: Sequence[str]) -> str:
    """What the page's scripts say, as JSON for a ``<script type="application/json">``: the
    page's ``language``, its ``messages`` by key (a plural one as its forms, a placeholder as
    ``{name}``), and for each offered language its ``name`` and how the widget says that it
    now ``replying`` in it."""
    here, reference = catalog(language), catalog(REFERENCE)
    data = {
        "language": language,
        "messages": {
            key: here.get(key, entry) for key, entry in reference.items() if key.startswith(SCRIPT_MESSAGES)
        },
        "languages": {
            code: {"name": native_name(code), "replying": t("widget.replying", language=code)}
            for code in languages
        },
    }
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


class PageTemplate(Template):
    """A page's HTML: ``$name`` is a value the page gives (HTML), ``${site.key}`` a message said
    with ``markup`` in the current language, its placeholders filled from the same values."""

    braceidpattern = r"(?a:[_a-z][_a-z0-9.]*)"

    def fill(self, **values: str) -> str:
        class Values(dict):
            def __missing__(self, key: str) -> str:
                return markup(key, **values)

        return self.substitute(Values(values))
