"""``GET /credentials/<id>``: each credential's own page, and ``GET /credentials``: all of them.

Generated on request from the catalog in the database (``bot.catalog.repository``), so a
catalog load changes the pages at once; the institution's name comes from the knowledge
base too, never from the template (``templates/catalog.html``). Every value is escaped.
Replies link here through ``bot.catalog.links``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from string import Template
from urllib.parse import unquote

from sanic import Blueprint, response

from bot.catalog.institution import Institution
from bot.catalog.links import credential_path
from bot.catalog.repository import Catalog
from bot.db import get_engine
from bot.models import Credential
from bot.nlp.vocabulary import CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, label
from bot.replies.answers import describe_type
from bot.replies.formatting import money, number

LAYOUT = Template((Path(__file__).parent / "templates" / "catalog.html").read_text(encoding="utf-8"))

blueprint = Blueprint("site_credentials", url_prefix="/credentials")

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def link(credential: Credential) -> str:
    return f'<a href="{escape(credential_path(credential.id))}">{escape(credential.name)}</a>'


def _date(day) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def _items(parts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{part}</li>" for part in parts) + "</ul>"


def facts(c: Credential, institution: dict) -> list[tuple[str, str]]:
    """(term, escaped value) for the credential's key facts."""
    if c.open_to_public:
        who = "Everyone: you don't need to be a student here"
    else:
        who = (
            f"Enrolled {Institution.from_settings(institution).short_name} students, as part of their degree"
        )
    return [
        ("Type", describe_type(c).capitalize()),
        ("Level", label(LEVELS, c.level).capitalize()),
        ("Offered by", c.provider),
        ("Cost", money(c.cost_amount, c.cost_currency).capitalize()),
        ("Duration", f"{c.duration_weeks} weeks, about {c.workload_hours_per_week} hours a week"),
        ("Format", label(DELIVERY_FORMATS, c.format).capitalize()),
        ("Starts", _date(c.next_start) if c.next_start else "Self-paced: start any time after you enroll"),
        ("Academic credit", f"{number(c.credit_value)} credits" if c.credit_value else "None"),
        ("Who can enroll", who),
    ]


def credential_page(catalog: Catalog, c: Credential, institution: dict) -> str:
    """The main content of the credential's page, as HTML."""
    rows = "".join(
        f"<div><dt>{escape(term)}</dt><dd>{escape(value)}</dd></div>" for term, value in facts(c, institution)
    )
    requirements = []
    for r in c.requirements:
        extent = ", ".join(
            p
            for p in (
                f"{number(r.credits)} credits" if r.credits else "",
                f"{r.hours} hours" if r.hours else "",
            )
            if p
        )
        requirements.append(escape(r.heading) + (f" ({escape(extent)})" if extent else ""))
    prerequisites = [link(p) for p in catalog.get_many(c.prerequisite_ids)]
    if c.prerequisite_notes:
        prerequisites.append(escape(c.prerequisite_notes))
    targets = [
        (link(t.credential) if t.credential else escape(t.name))
        + (f" ({escape(number(t.credits))} credits)" if t.degree and t.credits else "")
        for t in catalog.stacks_into(c)
    ]
    feeders = [link(f) for f in catalog.stacks_from(c.id)]
    stacking = []
    if targets:
        stacking.append(f"<p>The {escape(c.name)} counts toward:</p>" + _items(targets))
    if feeders:
        stacking.append(f"<p>These count toward the {escape(c.name)}:</p>" + _items(feeders))
    if not stacking:
        stacking.append(
            "<p>A standalone credential: it doesn't stack into a larger one, and nothing stacks into it.</p>"
        )
    school = Institution.from_settings(institution)
    contact = " or ".join(
        f'<a href="{escape(href)}">{escape(value)}</a>'
        for value, href in ((school.email, f"mailto:{school.email}"), (school.phone, school.phone_uri))
        if value
    )
    enroll = f'<p><a class="button button-primary" href="{escape(c.enrollment_url)}">Enroll in the {escape(c.name)}</a></p>'
    if c.next_start:
        enroll += f"<p>The next cohort starts on {escape(_date(c.next_start))}.</p>"
    if contact:
        enroll += f"<p>Questions about enrolling? Contact the enrollment office: {contact}.</p>"
    sections = [
        ("requirements", "Requirements", "<p>To earn it you complete:</p>" + _items(requirements)),
        ("prerequisites", "Prerequisites", _items(prerequisites) if prerequisites else "<p>None.</p>"),
        ("enroll", "How to enroll", enroll),
        ("stacking", "Stacking", "".join(stacking)),
    ]
    if c.skills:
        sections.append(("skills", "Skills you build", _items([escape(s) for s in c.skills])))
    if c.careers:
        sections.append(("careers", "Where it leads", _items([escape(s) for s in c.careers])))
    body = "".join(
        f'<section aria-labelledby="{key}-title"><h2 id="{key}-title">{title}</h2>{html}</section>'
        for key, title, html in sections
    )
    return (
        f'<h1>{escape(c.name)}</h1><p class="lead">{escape(c.description)}</p>'
        f'<dl class="facts" aria-label="Key facts">{rows}</dl>{body}'
    )


def index_page(catalog: Catalog) -> str:
    """Every credential, grouped by type, in catalog order."""
    groups = []
    for key, (name, _) in CREDENTIAL_TYPES.items():
        members = [c for c in catalog.credentials() if c.type == key]
        if members:
            entries = [
                f"{link(c)}: {escape(money(c.cost_amount, c.cost_currency))}, {escape(label(DELIVERY_FORMATS, c.format))}"
                for c in members
            ]
            groups.append(f"<h2>{escape(name.capitalize())}s</h2>" + _items(entries))
    return "<h1>All micro-credentials</h1>" + "".join(groups)


def _page(institution: dict, title: str, summary: str, content: str, status: int = 200, index: bool = False):
    body = LAYOUT.substitute(
        title=escape(title),
        summary=escape(" ".join(summary.split())),
        institution=escape(str(institution.get("name", ""))),
        short_name=escape(str(institution.get("short_name", ""))),
        all_current=' aria-current="page"' if index else "",
        content=content,
    )
    return response.html(body, status=status, headers=HEADERS)


def _catalog(request) -> Catalog:
    return Catalog(get_engine(request.app.ctx.settings.database_url))


@blueprint.get("/", strict_slashes=False)
async def all_credentials(request):
    catalog = _catalog(request)
    return _page(
        catalog.institution(),
        "All micro-credentials",
        "Every micro-credential in the catalog.",
        index_page(catalog),
        index=True,
    )


@blueprint.get("/<credential_id>")
async def one_credential(request, credential_id: str):
    credential_id = unquote(credential_id)  # Sanic passes the path segment as it came
    catalog = _catalog(request)
    institution = catalog.institution()
    credential = catalog.get(credential_id)
    if credential is None:
        content = (
            "<h1>No such credential</h1>"
            f"<p>There is no credential called “{escape(credential_id)}” in the catalog. "
            '<a href="/credentials">See all micro-credentials</a>.</p>'
        )
        return _page(institution, "No such credential", "No such credential.", content, status=404)
    return _page(
        institution,
        credential.name,
        credential.description,
        credential_page(catalog, credential, institution),
    )
