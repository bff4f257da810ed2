"""``GET /``: the student-services page, with the widget's settings and a strict content policy.

Every word of the institution on it (names, enrollment office, advisors' hours) and the
examples of each credential type come from the catalog in the database, so another
institution's knowledge base makes its own page; the template names none. Every other word
is a message of ``bot/i18n/locales/<lang>/site.yml`` or ``widget.yml``, in the page's language
(``web.site.language``), which the widget gets too. The page carries the Rasa server's public
address (``RASA_URL``) and whether demo sign-in is on as data attributes for the widget. Its
Content-Security-Policy allows scripts and styles from this site only, and connections to
this site and to the Rasa server.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from sanic import Blueprint, response

from bot.catalog.institution import Institution
from bot.catalog.links import credential_path
from bot.catalog.localized import localized
from bot.catalog.repository import Catalog
from bot.db import get_engine
from bot.i18n import formats, use_language
from bot.models import Credential
from web.site import language
from web.site.language import PageTemplate, markup

PAGE = PageTemplate((Path(__file__).parent / "templates" / "index.html").read_text(encoding="utf-8"))

blueprint = Blueprint("site_page")

#: The credential types with a card, in order (their words: ``site.types.<type>``).
TYPE_CARDS = ("digital_badge", "certificate", "nanodegree")
#: How many of the catalog's credentials each card names as examples.
EXAMPLES_PER_TYPE = 2


def content_security_policy(rasa_url: str) -> str:
    """Scripts, styles and fonts from this site only; sockets to this site and the Rasa server."""
    parts = urlsplit(rasa_url)
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa_origins = f"{parts.scheme}://{parts.netloc} {socket_scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' {rasa_origins}",
            "img-src 'self' https: data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _link(credential: Credential) -> str:
    return f'<a href="{html.escape(credential_path(credential.id))}">{html.escape(localized(credential, "name"))}</a>'


def type_cards(credentials: tuple[Credential, ...]) -> str:
    """A card for each credential type the catalog holds, with its first credentials as examples."""
    cards = []
    for key in TYPE_CARDS:
        examples = [_link(c) for c in credentials if c.type == key][:EXAMPLES_PER_TYPE]
        if not examples:
            continue
        sentence = markup(f"site.types.{key}.card", examples=formats.either(examples))
        heading = markup(f"site.types.{key}.heading")
        cards.append(
            f'        <li class="card">\n          <h3>{heading}</h3>\n          <p>{sentence}</p>\n        </li>'
        )
    return "\n".join(cards)


def office_contact(school: Institution) -> str:
    """How to reach the enrollment office, as HTML: email, phone and hours, those the file gives."""
    ways = []
    if school.email:
        email = html.escape(school.email)
        ways.append(markup("site.help.office.email", email=f'<a href="mailto:{email}">{email}</a>'))
    if school.phone:
        phone = f'<a href="{html.escape(school.phone_uri)}">{html.escape(school.phone)}</a>'
        ways.append(markup("site.help.office.phone", phone=phone))
    if not ways:
        return markup("site.help.office.none")
    said = formats.either(ways)
    said = said[0].upper() + said[1:]
    if school.office_hours:
        return markup("site.help.office.with_hours", ways=said, hours=html.escape(school.office_hours))
    return markup("site.help.office.without_hours", ways=said)


def render(settings, catalog: Catalog, lang: str, path: str = "/") -> str:
    """The page for this catalog's institution in ``lang``, with the widget's settings."""
    institution = catalog.institution()
    offered = language.offered(institution)
    with use_language(lang):
        school = Institution.from_settings(institution)  # its office hours in the language
        email = html.escape(school.email)
        return PAGE.fill(
            lang=lang,
            switcher=language.switcher(path, lang, offered),
            script_messages=language.script_messages(lang, offered),
            rasa_url=html.escape(settings.rasa_url),
            demo_signin="on" if settings.demo_signin else "off",
            institution=html.escape(school.name),
            short_name=html.escape(school.short_name),
            type_cards=type_cards(catalog.credentials()),
            advisor_hours=(
                markup("site.help.advisors.hours", hours=html.escape(school.advisor_office_hours))
                if school.advisor_office_hours
                else markup("site.help.advisors.no_hours")
            ),
            office_contact=office_contact(school),
            signed_in_as=markup("site.account.student", name="<strong data-account-name></strong>"),
            footer_contact=f' · <a href="mailto:{email}">{email}</a>' if email else "",
        )


@blueprint.get("/")
async def index(request):
    settings = request.app.ctx.settings
    catalog = Catalog(get_engine(settings.database_url))
    lang = language.choose(request, language.offered(catalog.institution()))
    page = response.html(
        render(settings, catalog, lang, request.path),
        headers={
            "Content-Security-Policy": content_security_policy(settings.rasa_url),
            "Content-Language": lang,
            "Referrer-Policy": "same-origin",
            "Vary": "Accept-Language, Cookie",
            "X-Content-Type-Options": "nosniff",
        },
    )
    language.remember(request, page, lang)
    return page
