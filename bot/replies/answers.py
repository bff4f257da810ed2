"""Chat answers about the catalog, as plain text and buttons (no Rasa here).

Every answer names the credential it is about, linked to its page on the site
(``bot.catalog.links``), and ends with a next step. Facts come only from the catalog; what
it lacks is said plainly, with an advisor offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog.institution import Institution
from bot.catalog.links import credential_link
from bot.catalog.repository import StackTarget
from bot.models import Credential, SupportResource
from bot.nlp.vocabulary import CREDENTIAL_MODELS, CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, label
from bot.replies.formatting import money, number
from bot.replies.reply import ADVISOR_BUTTON, Reply, payload


def next_steps(credential: Credential, *skip: str) -> list[dict]:
    """The usual follow-up buttons for one credential, leaving out the one just answered."""
    options = {
        "ask_requirements": "Requirements",
        "ask_credential_info": "Cost",
        "ask_stacking": "What it stacks into",
        "how_to_enroll": "How to enroll",
    }
    buttons = []
    for intent, title in options.items():
        if intent in skip:
            continue
        extra = {"attribute": "cost"} if intent == "ask_credential_info" else {}
        buttons.append({"title": title, "payload": payload(intent, credential.id, **extra)})
    return buttons


def describe_type(credential: Credential) -> str:
    return f"{label(CREDENTIAL_MODELS, credential.model)} {label(CREDENTIAL_TYPES, credential.type)}"


#: How many credentials a list shows at a time; "Show more" gives the next ones.
LIST_PAGE = 5


def credential_list(credentials: list[Credential], description: str, page: int = 1) -> Reply:
    """One page of the matching credentials (``page`` counts from 1), a button for each and
    "Show more" while more are left."""
    if not credentials:
        return Reply(
            f"I couldn't find any {description} in our catalog. Try a broader search, or ask an advisor.",
            [{"title": "Show everything", "payload": "/list_credentials"}, ADVISOR_BUTTON],
        )
    count, start = len(credentials), (page - 1) * LIST_PAGE
    shown = credentials[start : start + LIST_PAGE]
    lines = [
        f"- {credential_link(c)} ({label(CREDENTIAL_TYPES, c.type)}, {label(DELIVERY_FORMATS, c.format)}, "
        f"{money(c.cost_amount, c.cost_currency)})"
        for c in shown
    ]
    if count == 1:
        head = f"We offer one {description}:"
    elif start == 0 and count <= LIST_PAGE:
        head = f"We offer {count} {description}:"
    else:
        head = f"We offer {count} {description}. Here are {start + 1} to {start + len(shown)}:"
    buttons = [{"title": c.name, "payload": payload("ask_requirements", c.id)} for c in shown]
    if start + len(shown) < count:
        buttons.append({"title": "Show more", "payload": payload("list_credentials", page=str(page + 1))})
    return Reply(head + "\n" + "\n".join(lines) + "\nPick one to see what it takes.", buttons)


@dataclass(frozen=True)
class _Named:
    id: str
    name: str


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def requirements(credential: Credential, prerequisites: list[Credential]) -> Reply:
    """What it takes: the component credentials to earn first ("earn A and B, then
    complete: ..."), then each course, assessment, project or competency."""
    components = [
        credential_link(_Named(r.code, r.title)) for r in credential.requirements if r.is_credential
    ]
    lines = []
    for req in credential.requirements:
        if req.is_credential:
            continue
        extent = ", ".join(
            part
            for part in (
                f"{number(req.credits)} credits" if req.credits else "",
                f"{req.hours} hours" if req.hours else "",
            )
            if part
        )
        lines.append(f"- {req.heading}" + (f" ({extent})" if extent else ""))
    head = f"To earn the {credential_link(credential)} ({describe_type(credential)}) you "
    if components and lines:
        text = head + f"earn {_and(components)}, then complete:\n" + "\n".join(lines)
    elif components:
        text = head + f"earn {_and(components)}."
    else:
        text = head + "complete:\n" + "\n".join(lines)
    needs = [credential_link(p) for p in prerequisites]
    if credential.prerequisite_notes:
        needs.append(credential.prerequisite_notes.rstrip("."))
    text += "\nPrerequisites: " + ("; ".join(needs) + "." if needs else "none.")
    return Reply(text, next_steps(credential, "ask_requirements"))


def attribute(credential: Credential, name: str) -> Reply:
    """One fact about a credential (entity ``attribute``)."""
    c, linked = credential, credential_link(credential)
    facts = {
        "cost": lambda: (
            f"The {linked} is {money(c.cost_amount, c.cost_currency)}" + ("." if c.is_free else " in total.")
        ),
        "duration": lambda: (
            f"The {linked} takes about {c.duration_weeks} weeks, "
            f"at around {c.workload_hours_per_week} hours a week."
        ),
        "workload": lambda: (
            f"Plan on about {c.workload_hours_per_week} hours a week for the {linked}, "
            f"over {c.duration_weeks} weeks."
        ),
        "format": lambda: f"The {linked} is delivered {label(DELIVERY_FORMATS, c.format)}.",
        "start_date": lambda: (
            f"The next {linked} cohort starts on {c.next_start:%A, %B} {c.next_start.day}, {c.next_start.year}."
            if c.next_start
            else f"The {linked} is self-paced: you can start any time after you enroll."
        ),
        "credits": lambda: (
            f"The {linked} carries {number(c.credit_value)} academic credits."
            if c.credit_value
            else f"The {linked} carries no academic credit."
        ),
        "provider": lambda: f"The {linked} is offered by the {c.provider}.",
        "level": lambda: f"The {linked} is at the {label(LEVELS, c.level)} level.",
    }
    if name not in facts:
        return Reply(
            f"I don't have that detail for the {linked}. An advisor can find out for you.",
            [*next_steps(c), ADVISOR_BUTTON],
        )
    return Reply(facts[name](), next_steps(c, "ask_credential_info" if name == "cost" else ""))


def overview(credential: Credential) -> Reply:
    """What a credential is, when the learner names it without asking anything specific."""
    c = credential
    text = (
        f"The {credential_link(c)} is a {describe_type(c)} from the {c.provider}: {c.description.rstrip('.')}. "
        f"{c.duration_weeks} weeks, {money(c.cost_amount, c.cost_currency)}, {label(DELIVERY_FORMATS, c.format)}."
    )
    return Reply(text, next_steps(c))


def _components(credential: Credential) -> set[str]:
    return {r.code for r in credential.requirements if r.is_credential}


def stacking(credential: Credential, targets: list[StackTarget], feeders: list[Credential]) -> Reply:
    """What the credential counts toward and what counts toward it; a component credential
    (a requirement of kind credential) is marked "(required)"."""
    parts = []
    if targets:
        described = [
            (credential_link(t.credential) if t.credential else t.name)
            + (f" ({number(t.credits)} credits)" if t.degree and t.credits else "")
            + (" (required)" if t.credential and credential.id in _components(t.credential) else "")
            for t in targets
        ]
        parts.append(f"The {credential_link(credential)} stacks into: " + "; ".join(described) + ".")
    if feeders:
        parts.append(
            f"These count toward the {credential_link(credential)}: "
            + "; ".join(
                credential_link(f) + (" (required)" if f.id in _components(credential) else "")
                for f in feeders
            )
            + "."
        )
    if not parts:
        parts.append(
            f"The {credential_link(credential)} is a standalone credential: it doesn't stack into a larger one, "
            "and nothing stacks into it."
        )
    buttons = [
        {"title": t.credential.name, "payload": payload("ask_requirements", t.credential.id)}
        for t in targets
        if t.credential
    ] + [{"title": f.name, "payload": payload("ask_requirements", f.id)} for f in feeders]
    return Reply(
        " ".join(parts), buttons[:4] + next_steps(credential, "ask_stacking", "ask_credential_info")[:1]
    )


def enrollment(credential: Credential, signed_in: bool, institution: Institution) -> Reply:
    c, linked, school = credential, credential_link(credential), institution.short_name
    steps = f"Enroll in the {linked} online at {c.enrollment_url}."
    if c.next_start:
        steps += f" The next start is {c.next_start:%B} {c.next_start.day}, {c.next_start.year}."
    if not c.open_to_public and not signed_in:
        steps = (
            f"The {linked} is open only to enrolled {school} students, as part of their degree. "
            f"If you're a {school} student, sign in and you'll find it at {c.enrollment_url}."
        )
    elif c.open_to_public and not signed_in:
        steps += f" It's open to everyone, so you don't need to be a {school} student."
    if institution.email:
        steps += f" Questions? The enrollment office is at {institution.email}."
    return Reply(steps, next_steps(c, "how_to_enroll"))


def general_enrollment(institution: Institution, recent: Credential | None = None) -> Reply:
    """How enrolment works in general; ``recent``, the credential last discussed, is offered
    as a button."""
    account = (
        f" (prospective learners create a free account on {institution.website})"
        if institution.website
        else ""
    )
    contact = institution.contact
    return Reply(
        f"To enroll: pick a credential, open its enrollment link, and register with your {institution.short_name} "
        f"account{account}. "
        + (f"The enrollment office can help at {contact}. " if contact else "")
        + "Which credential are you interested in?",
        [
            *_recent_button(recent, "how_to_enroll", {}),
            {"title": "What do you offer?", "payload": "/list_credentials"},
            ADVISOR_BUTTON,
        ],
    )


def ask_which(
    example: str, recent: Credential | None = None, intent: str = "", extra: dict | None = None
) -> Reply:
    """Ask which credential the learner means, with ``example`` of a name from this catalog
    (``bot.catalog.examples``); ``recent``, the one last discussed, is offered as a button
    that answers the question asked (``intent`` with ``extra``)."""
    hint = f', for example "{example}"' if example else ""
    return Reply(
        f"Which credential do you mean? Tell me its name{hint}.",
        [
            *_recent_button(recent, intent, extra or {}),
            {"title": "See what we offer", "payload": "/list_credentials"},
        ],
    )


def _recent_button(recent: Credential | None, intent: str, extra: dict) -> list[dict]:
    return (
        [{"title": recent.name, "payload": payload(intent, recent.id, **extra)}] if recent and intent else []
    )


def ambiguous(candidates: list[Credential], intent: str, extra: dict) -> Reply:
    return Reply(
        "Did you mean one of these?",
        [{"title": c.name, "payload": payload(intent, c.id, **extra)} for c in candidates],
    )


def unknown(mention: str, suggestions: list[Credential]) -> Reply:
    text = f'We don\'t offer a credential called "{mention}".'
    if suggestions:
        text += " The closest we have: " + ", ".join(map(credential_link, suggestions)) + "."
    return Reply(
        text,
        [{"title": c.name, "payload": payload("ask_requirements", c.id)} for c in suggestions]
        + [{"title": "Everything we offer", "payload": "/list_credentials"}],
    )


def support(resources: list[SupportResource]) -> Reply:
    if not resources:
        return Reply(
            "I couldn't find that service. An advisor can point you to the right office.", [ADVISOR_BUTTON]
        )
    lines = [
        f"- {r.name}: {r.description.rstrip('.')}. Contact: {r.contact}"
        + (f" ({r.hours})" if r.hours else "")
        for r in resources
    ]
    return Reply("Here's where to get help:\n" + "\n".join(lines), [ADVISOR_BUTTON])
