"""``GET /``: the student-services page, with the widget's settings and a strict content policy.

Every word of the institution on it (names, enrollment office, advisors' hours) and the
examples of each credential type come from the catalog in the database, so another
institution's knowledge base makes its own page; the template names none. The page carries the Rasa server's public address (``RASA_URL``) and whether demo sign-in
is on as data attributes for the widget. Its Content-Security-Policy allows scripts and
styles from this site only, and connections to this site and to the Rasa server.
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from sanic import Blueprint, response

from bot.catalog.institution import Institution
from bot.catalog.links import credential_path
from bot.catalog.repository import Catalog
from bot.db import get_engine
from bot.models import Credential

PAGE = Template((Path(__file__).parent / "templates" / "index.html").read_text(encoding="utf-8"))

blueprint = Blueprint("site_page")

#: Each credential type's card: its heading and what it is, before the catalog's examples.
TYPE_CARDS = {
    "digital_badge": (
        "Digital badges",
        "Recognise one skill or accomplishment",
        "Easy to share on a résumé or profile.",
    ),
    "certificate": ("Certificates", "A series of courses or assessments that gives a fuller picture", ""),
    "nanodegree": ("Nanodegrees", "In-depth, specialised training within a broader field", ""),
}
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
    return f'<a href="{html.escape(credential_path(credential.id))}">{html.escape(credential.name)}</a>'


def type_cards(credentials: tuple[Credential, ...]) -> str:
    """A card for each credential type the catalog holds, with its first credentials as examples."""
    cards = []
    for key, (heading, what, more) in TYPE_CARDS.items():
        examples = [_link(c) for c in credentials if c.type == key][:EXAMPLES_PER_TYPE]
        if not examples:
            continue
        sentence = f"{what}, such as {' or '.join(examples)}." + (f" {more}" if more else "")
        cards.append(
            f'        <li class="card">\n          <h3>{heading}</h3>\n          <p>{sentence}</p>\n        </li>'
        )
    return "\n".join(cards)


def office_contact(school: Institution) -> str:
    """How to reach the enrollment office, as HTML: email, phone and hours, those the file gives."""
    ways = []
    if school.email:
        email = html.escape(school.email)
        ways.append(f'email <a href="mailto:{email}">{email}</a>')
    if school.phone:
        ways.append(f'call <a href="{html.escape(school.phone_uri)}">{html.escape(school.phone)}</a>')
    if not ways:
        return "Ask the assistant for the enrollment office, or an advisor."
    hours = f", {html.escape(school.office_hours)}" if school.office_hours else ""
    said = " or ".join(ways)
    return said[0].upper() + said[1:] + hours + "."


def render(settings, catalog: Catalog) -> str:
    """The page for this catalog's institution, with the widget's settings."""
    school = Institution.from_settings(catalog.institution())
    email = html.escape(school.email)
    return PAGE.substitute(
        rasa_url=html.escape(settings.rasa_url),
        demo_signin="on" if settings.demo_signin else "off",
        institution=html.escape(school.name),
        short_name=html.escape(school.short_name),
        type_cards=type_cards(catalog.credentials()),
        advisor_hours=(
            f"Micro-credential advisors are available {html.escape(school.advisor_office_hours)}."
            if school.advisor_office_hours
            else "Micro-credential advisors answer during office hours."
        ),
        office_contact=office_contact(school),
        footer_contact=f' · <a href="mailto:{email}">{email}</a>' if email else "",
    )


@blueprint.get("/")
async def index(request):
    settings = request.app.ctx.settings
    body = render(settings, Catalog(get_engine(settings.database_url)))
    return response.html(
        body,
        headers={
            "Content-Security-Policy": content_security_policy(settings.rasa_url),
            "Referrer-Policy": "same-origin",
            "X-Content-Type-Options": "nosniff",
        },
    )
