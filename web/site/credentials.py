"""``GET /credentials/<id>``: each credential's own page, and ``GET /credentials``: all of them.

Generated on request from the catalog in the database (``bot.catalog.repository``), so a
catalog load changes the pages at once; the institution's name comes from the knowledge
base too, never from the template (``templates/catalog.html``). Each page is in the page's
language (``web.site.language``): its words from ``site.yml``, the credential's name and
description from its translations when the catalog has them, money and dates as the
language writes them. Every value is escaped. Replies link here through ``bot.catalog.links``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import unquote

from sanic import Blueprint, response

from bot.catalog.institution import Institution
from bot.catalog.links import credential_path
from bot.catalog.localized import localized
from bot.catalog.repository import Catalog
from bot.db import get_engine
from bot.i18n import t, use_language
from bot.i18n.formats import either, full_date, money
from bot.models import Credential, Requirement
from bot.nlp.vocabulary import CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, kind_label, label
from web.site import language
from web.site.language import PageTemplate, markup

LAYOUT = PageTemplate((Path(__file__).parent / "templates" / "catalog.html").read_text(encoding="utf-8"))

blueprint = Blueprint("site_credentials", url_prefix="/credentials")

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


def link(credential: Credential) -> str:
    return f'<a href="{escape(credential_path(credential.id))}">{escape(localized(credential, "name"))}</a>'


def _items(parts: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{part}</li>" for part in parts) + "</ul>"


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def facts(c: Credential, institution: dict) -> list[tuple[str, str]]:
    """(term, value) for the credential's key facts, in the current language."""
    if c.open_to_public:
        who = t("site.credential.everyone")
    else:
        who = t(
            "site.credential.enrolled_students", short_name=Institution.from_settings(institution).short_name
        )
    duration = t(
        "site.credential.duration",
        weeks=t("site.credential.weeks", c.duration_weeks),
        hours=t("site.credential.hours_a_week", c.workload_hours_per_week),
    )
    return [
        ("type", _capitalized(kind_label(c.type, c.model))),
        ("level", _capitalized(label(LEVELS, c.level))),
        ("provider", c.provider),
        ("cost", _capitalized(money(c.cost_amount, c.cost_currency))),
        ("duration", duration),
        ("format", _capitalized(label(DELIVERY_FORMATS, c.format))),
        ("starts", full_date(c.next_start) if c.next_start else t("site.credential.self_paced")),
        (
            "credit",
            t("site.credential.credits", c.credit_value)
            if c.credit_value
            else t("site.credential.no_credit"),
        ),
        ("who", who),
    ]


def requirement_line(r: Requirement) -> str:
    """A requirement as HTML: "Course DATA 210: Data Wrangling (3 credits, 45 hours)"."""
    kind = "credential" if r.is_credential else r.kind
    extent = ", ".join(
        p
        for p in (
            t("site.credential.credits", r.credits) if r.credits else "",
            t("site.credential.hours", r.hours) if r.hours else "",
        )
        if p
    )
    heading = t(f"site.credential.requirement.{kind}", code=r.code, title=localized(r, "title"))
    return escape(heading) + (f" ({escape(extent)})" if extent else "")


def credential_page(catalog: Catalog, c: Credential, institution: dict) -> str:
    """The main content of the credential's page, as HTML, in the current language."""
    rows = "".join(
        f"<div><dt>{markup(f'site.credential.facts.{term}')}</dt><dd>{escape(value)}</dd></div>"
        for term, value in facts(c, institution)
    )
    name = escape(localized(c, "name"))
    requirements = [requirement_line(r) for r in c.requirements]
    prerequisites = [link(p) for p in catalog.get_many(c.prerequisite_ids)]
    if c.prerequisite_notes:
        prerequisites.append(escape(c.prerequisite_notes))
    targets = [
        (link(target.credential) if target.credential else escape(target.name))
        + (
            f" ({markup('site.credential.credits', target.credits)})"
            if target.degree and target.credits
            else ""
        )
        for target in catalog.stacks_into(c)
    ]
    feeders = [link(f) for f in catalog.stacks_from(c.id)]
    stacking = []
    if targets:
        stacking.append(f"<p>{markup('site.credential.counts_toward', name=name)}</p>" + _items(targets))
    if feeders:
        stacking.append(f"<p>{markup('site.credential.counted', name=name)}</p>" + _items(feeders))
    if not stacking:
        stacking.append(f"<p>{markup('site.credential.standalone')}</p>")
    school = Institution.from_settings(institution)
    contact = either(
        [
            f'<a href="{escape(href)}">{escape(value)}</a>'
            for value, href in ((school.email, f"mailto:{school.email}"), (school.phone, school.phone_uri))
            if value
        ]
    )
    enroll = (
        f'<p><a class="button button-primary" href="{escape(c.enrollment_url)}">'
        f"{markup('site.credential.enroll', name=name)}</a></p>"
    )
    if c.next_start:
        date = escape(full_date(c.next_start))
        enroll += f"<p>{markup('site.credential.next_cohort', date=date)}</p>"
    if contact:
        enroll += f"<p>{markup('site.credential.questions', contact=contact)}</p>"
    sections = [
        ("requirements", f"<p>{markup('site.credential.to_earn')}</p>" + _items(requirements)),
        (
            "prerequisites",
            _items(prerequisites)
            if prerequisites
            else f"<p>{markup('site.credential.no_prerequisites')}</p>",
        ),
        ("enroll", enroll),
        ("stacking", "".join(stacking)),
    ]
    if c.skills:
        sections.append(("skills", _items([escape(s) for s in c.skills])))
    if c.careers:
        sections.append(("careers", _items([escape(s) for s in c.careers])))
    body = "".join(
        f'<section aria-labelledby="{key}-title"><h2 id="{key}-title">'
        f"{markup(f'site.credential.sections.{key}')}</h2>{html}</section>"
        for key, html in sections
    )
    return (
        f'<h1>{name}</h1><p class="lead">{escape(localized(c, "description"))}</p>'
        f'<dl class="facts" aria-label="{markup("site.credential.key_facts")}">{rows}</dl>{body}'
    )


def index_page(catalog: Catalog) -> str:
    """Every credential, grouped by type, in catalog order."""
    groups = []
    for key in CREDENTIAL_TYPES:
        members = [c for c in catalog.credentials() if c.type == key]
        if members:
            entries = [
                markup(
                    "site.credential.all.entry",
                    link=link(c),
                    cost=escape(money(c.cost_amount, c.cost_currency)),
                    format=escape(label(DELIVERY_FORMATS, c.format)),
                )
                for c in members
            ]
            groups.append(f"<h2>{markup(f'site.types.{key}.heading')}</h2>" + _items(entries))
    return f"<h1>{markup('site.credential.all.title')}</h1>" + "".join(groups)


def not_found_page(credential_id: str) -> str:
    """The main content of the page of a credential the catalog does not have."""
    return (
        f"<h1>{markup('site.credential.not_found.title')}</h1>"
        f"<p>{markup('site.credential.not_found.text', id=escape(credential_id))} "
        f'<a href="/credentials">{markup("site.credential.not_found.all")}</a>.</p>'
    )


def _page(request, catalog: Catalog, page, status: int = 200, index: bool = False):
    """The page whose ``page()`` gives its (title, summary, main content), in the page's language."""
    institution = catalog.institution()
    offered = language.offered(institution)
    lang = language.choose(request, offered)
    with use_language(lang):
        title, summary, content = page()
        body = LAYOUT.fill(
            lang=lang,
            switcher=language.switcher(request.path, lang, offered),
            title=escape(title),
            summary=escape(" ".join(summary.split())),
            institution=escape(str(institution.get("name", ""))),
            short_name=escape(str(institution.get("short_name", ""))),
            all_current=' aria-current="page"' if index else "",
            content=content,
        )
    headers = {**HEADERS, "Content-Language": lang, "Vary": "Accept-Language, Cookie"}
    reply = response.html(body, status=status, headers=headers)
    language.remember(request, reply, lang)
    return reply


def _catalog(request) -> Catalog:
    return Catalog(get_engine(request.app.ctx.settings.database_url))


@blueprint.get("/", strict_slashes=False)
async def all_credentials(request):
    catalog = _catalog(request)

    def page():
        return t("site.credential.all.title"), t("site.credential.all.summary"), index_page(catalog)

    return _page(request, catalog, page, index=True)


@blueprint.get("/<credential_id>")
async def one_credential(request, credential_id: str):
    credential_id = unquote(credential_id)  # Sanic passes the path segment as it came
    catalog = _catalog(request)
    credential = catalog.get(credential_id)
    if credential is None:

        def missing():
            title = t("site.credential.not_found.title")
            return title, f"{title}.", not_found_page(credential_id)

        return _page(request, catalog, missing, status=404)

    def page():
        content = credential_page(catalog, credential, catalog.institution())
        return localized(credential, "name"), localized(credential, "description"), content

    return _page(request, catalog, page)
