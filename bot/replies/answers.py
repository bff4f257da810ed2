"""Chat answers about the catalog, as plain text and buttons (no Rasa here).

Every answer names the credential it is about, linked to its page on the site
(``bot.catalog.links``), and ends with a next step. Facts come only from the catalog; what
it lacks is said plainly, with an advisor offered. Everything is said in the conversation's
language (``bot.i18n``: ``locales/<lang>/answers.yml`` and ``listing.yml``), the catalog's
own texts in their translation when the knowledge base has one (``localized``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.catalog.institution import Institution
from bot.catalog.links import credential_link
from bot.catalog.localized import localized
from bot.catalog.repository import StackTarget
from bot.i18n import t
from bot.i18n.formats import full_date, join, long_date, money, number
from bot.models import Credential, Requirement, SupportResource
from bot.nlp.vocabulary import CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, kind_label, label
from bot.replies.reply import Reply, advisor_button, payload

#: The follow-up buttons for one credential: the intent each asks, and its title's key.
_NEXT_STEPS = {
    "ask_requirements": "requirements",
    "ask_credential_info": "cost",
    "ask_stacking": "stacking",
    "how_to_enroll": "enroll",
}


def button(title_key: str, payload_text: str) -> dict:
    """A button titled with ``answers.buttons.<title_key>`` in the conversation's language."""
    return {"title": t(f"answers.buttons.{title_key}"), "payload": payload_text}


def next_steps(credential: Credential, *skip: str) -> list[dict]:
    """The usual follow-up buttons for one credential, leaving out the one just answered."""
    buttons = []
    for intent, title in _NEXT_STEPS.items():
        if intent in skip:
            continue
        extra = {"attribute": "cost"} if intent == "ask_credential_info" else {}
        buttons.append(button(title, payload(intent, credential.id, **extra)))
    return buttons


def name_button(credential: Credential, intent: str, **extra: str) -> dict:
    """A button titled with the credential's name that asks ``intent`` about it."""
    return {"title": localized(credential, "name"), "payload": payload(intent, credential.id, **extra)}


def describe_type(credential: Credential) -> str:
    return kind_label(credential.type, credential.model)


#: How many credentials a list shows at a time; "Show more" gives the next ones.
LIST_PAGE = 5


def credential_list(credentials: list[Credential], description: str, page: int = 1) -> Reply:
    """One page of the matching credentials (``page`` counts from 1), a button for each and
    "Show more" while more are left. ``description`` names them ("free online badges"), in
    the language it was composed in (``CatalogFilter.describe``)."""
    if not credentials:
        return Reply(
            t("listing.none", description=description),
            [button("show_everything", "/list_credentials"), advisor_button()],
        )
    count, start = len(credentials), (page - 1) * LIST_PAGE
    shown = credentials[start : start + LIST_PAGE]
    lines = [
        t(
            "listing.line",
            name=credential_link(c),
            type=label(CREDENTIAL_TYPES, c.type),
            format=label(DELIVERY_FORMATS, c.format),
            cost=money(c.cost_amount, c.cost_currency),
        )
        for c in shown
    ]
    if count == 1:
        head = t("listing.one", description=description)
    elif start == 0 and count <= LIST_PAGE:
        head = t("listing.all", total=number(count), description=description)
    else:
        head = t(
            "listing.page",
            total=number(count),
            description=description,
            first=number(start + 1),
            last=number(start + len(shown)),
        )
    buttons = [name_button(c, "ask_requirements") for c in shown]
    if start + len(shown) < count:
        buttons.append(button("show_more", payload("list_credentials", page=str(page + 1))))
    return Reply(head + "\n" + "\n".join(lines) + "\n" + t("listing.pick"), buttons)


@dataclass(frozen=True)
class _Named:
    id: str
    name: str


def _heading(req: Requirement) -> str:
    """How a list names a requirement: "Course DATA 210: Data Wrangling"."""
    return t(f"answers.requirements.heading.{req.kind}", code=req.code, title=localized(req, "title"))


def _extent(req: Requirement) -> str:
    """ "3 credits, 40 hours": how big a requirement is, as far as the catalog says."""
    parts = [
        t("answers.credits", req.credits) if req.credits else "",
        t("answers.hours", req.hours) if req.hours else "",
    ]
    return ", ".join(p for p in parts if p)


def requirements(credential: Credential, prerequisites: list[Credential]) -> Reply:
    """What it takes: the component credentials to earn first ("earn A and B, then
    complete: ..."), then each course, assessment, project or competency."""
    components = [
        credential_link(_Named(r.code, localized(r, "title")))
        for r in credential.requirements
        if r.is_credential
    ]
    lines = []
    for req in credential.requirements:
        if req.is_credential:
            continue
        extent = _extent(req)
        lines.append(
            t(
                "answers.requirements.line_with_extent" if extent else "answers.requirements.line",
                heading=_heading(req),
                extent=extent,
            )
        )
    said: dict[str, Any] = {
        "name": credential_link(credential),
        "kind": describe_type(credential),
        "components": join(components),
    }
    if components and lines:
        text = t("answers.requirements.earn_then_complete", **said) + "\n" + "\n".join(lines)
    elif components:
        text = t("answers.requirements.earn", **said)
    else:
        text = t("answers.requirements.complete", **said) + "\n" + "\n".join(lines)
    needs = [credential_link(p) for p in prerequisites]
    notes = localized(credential, "prerequisite_notes") if credential.prerequisite_notes else ""
    if notes:
        needs.append(notes.rstrip("."))
    text += "\n" + (
        t("answers.requirements.prerequisites", needs="; ".join(needs))
        if needs
        else t("answers.requirements.no_prerequisites")
    )
    return Reply(text, next_steps(credential, "ask_requirements"))


def _start_date(c: Credential, linked: str) -> str:
    if c.next_start:
        return t("answers.attribute.start_date", name=linked, date=full_date(c.next_start))
    return t("answers.attribute.self_paced", name=linked)


def attribute(credential: Credential, name: str) -> Reply:
    """One fact about a credential (entity ``attribute``)."""
    c, linked = credential, credential_link(credential)
    said: dict[str, Any] = {
        "name": linked,
        "weeks": number(c.duration_weeks),
        "hours": number(c.workload_hours_per_week),
    }
    facts = {
        "cost": lambda: t(
            "answers.attribute.cost_free" if c.is_free else "answers.attribute.cost",
            cost=money(c.cost_amount, c.cost_currency),
            **said,
        ),
        "duration": lambda: t("answers.attribute.duration", **said),
        "workload": lambda: t("answers.attribute.workload", **said),
        "format": lambda: t("answers.attribute.format", format=label(DELIVERY_FORMATS, c.format), **said),
        "start_date": lambda: _start_date(c, linked),
        "credits": lambda: (
            t("answers.attribute.credits", credits=number(c.credit_value), **said)
            if c.credit_value
            else t("answers.attribute.no_credits", **said)
        ),
        "provider": lambda: t("answers.attribute.provider", provider=localized(c, "provider"), **said),
        "level": lambda: t("answers.attribute.level", level=label(LEVELS, c.level), **said),
    }
    if name not in facts:
        return Reply(t("answers.attribute.missing", **said), [*next_steps(c), advisor_button()])
    return Reply(facts[name](), next_steps(c, "ask_credential_info" if name == "cost" else ""))


def overview(credential: Credential) -> Reply:
    """What a credential is, when the learner names it without asking anything specific."""
    c = credential
    text = t(
        "answers.overview",
        name=credential_link(c),
        kind=describe_type(c),
        provider=localized(c, "provider"),
        description=localized(c, "description").rstrip("."),
        weeks=number(c.duration_weeks),
        cost=money(c.cost_amount, c.cost_currency),
        format=label(DELIVERY_FORMATS, c.format),
    )
    return Reply(text, next_steps(c))


def _components(credential: Credential) -> set[str]:
    return {r.code for r in credential.requirements if r.is_credential}


def _target(credential: Credential, target: StackTarget) -> str:
    """A credential or degree the credential counts toward, with its credits or "(required)"."""
    said = credential_link(target.credential) if target.credential else target.name
    if target.degree and target.credits:
        said += " (" + t("answers.credits", target.credits) + ")"
    if target.credential and credential.id in _components(target.credential):
        said += " " + t("answers.stacking.required")
    return said


def stacking(credential: Credential, targets: list[StackTarget], feeders: list[Credential]) -> Reply:
    """What the credential counts toward and what counts toward it; a component credential
    (a requirement of kind credential) is marked "(required)"."""
    linked, parts = credential_link(credential), []
    if targets:
        parts.append(
            t(
                "answers.stacking.into",
                name=linked,
                targets="; ".join(_target(credential, x) for x in targets),
            )
        )
    if feeders:
        required = " " + t("answers.stacking.required")
        said = "; ".join(
            credential_link(f) + (required if f.id in _components(credential) else "") for f in feeders
        )
        parts.append(t("answers.stacking.from", name=linked, feeders=said))
    if not parts:
        parts.append(t("answers.stacking.standalone", name=linked))
    buttons = [name_button(x.credential, "ask_requirements") for x in targets if x.credential] + [
        name_button(f, "ask_requirements") for f in feeders
    ]
    return Reply(
        " ".join(parts), buttons[:4] + next_steps(credential, "ask_stacking", "ask_credential_info")[:1]
    )


def _contact(institution: Institution) -> str:
    """The enrollment office's email and phone: "a@b.edu or +1 555 ..."."""
    ways = [v for v in (institution.email, institution.phone) if v]
    return t("answers.either", first=ways[0], second=ways[1]) if len(ways) == 2 else "".join(ways)


def enrollment(credential: Credential, signed_in: bool, institution: Institution) -> Reply:
    c = credential
    said: dict[str, Any] = {
        "name": credential_link(c),
        "url": c.enrollment_url,
        "school": institution.short_name,
    }
    if not c.open_to_public and not signed_in:
        steps = t("answers.enrollment.students_only", **said)
    else:
        steps = t("answers.enrollment.steps", **said)
        if c.next_start:
            steps += " " + t("answers.enrollment.next_start", date=long_date(c.next_start))
        if c.open_to_public and not signed_in:
            steps += " " + t("answers.enrollment.open_to_everyone", **said)
    if institution.email:
        steps += " " + t("answers.enrollment.questions", email=institution.email)
    return Reply(steps, next_steps(c, "how_to_enroll"))


def general_enrollment(institution: Institution, recent: Credential | None = None) -> Reply:
    """How enrolment works in general; ``recent``, the credential last discussed, is offered
    as a button."""
    account = (
        " " + t("answers.general_enrollment.account", website=institution.website)
        if institution.website
        else ""
    )
    contact = _contact(institution)
    parts = [
        t("answers.general_enrollment.steps", school=institution.short_name, account=account),
        t("answers.general_enrollment.office", contact=contact) if contact else "",
        t("answers.general_enrollment.which"),
    ]
    return Reply(
        " ".join(p for p in parts if p),
        [
            *_recent_button(recent, "how_to_enroll", {}),
            button("what_we_offer", "/list_credentials"),
            advisor_button(),
        ],
    )


def ask_which(
    example: str, recent: Credential | None = None, intent: str = "", extra: dict | None = None
) -> Reply:
    """Ask which credential the learner means, with ``example`` of a name from this catalog
    (``bot.catalog.examples``); ``recent``, the one last discussed, is offered as a button
    that answers the question asked (``intent`` with ``extra``)."""
    hint = t("answers.ask_which.example", example=example) if example else ""
    return Reply(
        t("answers.ask_which.question", hint=hint),
        [*_recent_button(recent, intent, extra or {}), button("see_offer", "/list_credentials")],
    )


def _recent_button(recent: Credential | None, intent: str, extra: dict) -> list[dict]:
    return [name_button(recent, intent, **extra)] if recent and intent else []


def ambiguous(candidates: list[Credential], intent: str, extra: dict) -> Reply:
    return Reply(t("answers.ambiguous"), [name_button(c, intent, **extra) for c in candidates])


def unknown(mention: str, suggestions: list[Credential]) -> Reply:
    text = t("answers.unknown.none", mention=mention)
    if suggestions:
        text += " " + t("answers.unknown.closest", names=", ".join(map(credential_link, suggestions)))
    return Reply(
        text,
        [name_button(c, "ask_requirements") for c in suggestions]
        + [button("everything", "/list_credentials")],
    )


def support(resources: list[SupportResource]) -> Reply:
    if not resources:
        return Reply(t("answers.support.none"), [advisor_button()])
    lines = []
    for r in resources:
        line = t(
            "answers.support.line",
            name=localized(r, "name"),
            description=localized(r, "description").rstrip("."),
            contact=r.contact,
        )
        lines.append(line + (f" ({localized(r, 'hours')})" if r.hours else ""))
    return Reply(t("answers.support.head") + "\n" + "\n".join(lines), [advisor_button()])
