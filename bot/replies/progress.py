"""A student's progress as short chat answers: plain text and buttons (no Rasa here).

``answer`` picks what to show: the credential the student named, the other enrollment
not shown yet ("and the other one?"), the credential just shown, or an overview; and how
much of it: "what's left?" gets only what is still to do, "what should I take next?" only
the next step of each enrollment under way. It only ever describes the ``StudentProgress`` it is given, whatever the
message says about other students.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from bot.catalog.links import credential_link
from bot.models.catalog import CREDENTIAL_KIND
from bot.models.records import STUDENT_ID
from bot.nlp.vocabulary import CREDENTIAL_TYPES, label
from bot.records.progress import (
    CredentialProgress,
    CredentialRef,
    RequirementState,
    StackingProgress,
    StudentProgress,
)
from bot.replies.formatting import number
from bot.replies.reply import ADVISOR_BUTTON, Reply, payload

RECOMMEND_BUTTON = {"title": "Recommend credentials", "payload": "/recommend_credentials"}
CATALOG_BUTTON = {"title": "What do you offer?", "payload": "/list_credentials"}

OTHER_CUE = re.compile(r"\b(other|another)\b", re.IGNORECASE)
OVERALL_CUE = re.compile(r"\b(all|overall|everything|every)\b", re.IGNORECASE)
LEFT_CUE = re.compile(
    r"\b(left|remaining|remain|outstanding|to go|still (?:have|need|to do))\b", re.IGNORECASE
)
NEXT_CUE = re.compile(r"\b(next|take now|do now|start with)\b", re.IGNORECASE)

STUDENT_ID_IN_TEXT = re.compile(rf"\b{STUDENT_ID.pattern}\b", re.IGNORECASE)

OWN_RECORDS_ONLY = "I can only show your own records."


@dataclass(frozen=True)
class ProgressAnswer:
    reply: Reply
    shown: tuple[str, ...]  # credential ids shown in detail so far in the conversation
    focus: str | None  # the credential this answer was about, for follow-ups


def _date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _credits(value: Decimal) -> str:
    return f"{number(float(value))} credit{'' if value == 1 else 's'}"


def _step(r: RequirementState) -> str:
    """A requirement as a list names it; a component credential as the credential to earn."""
    return f"earn the {r.title}" if r.kind == CREDENTIAL_KIND else f"{r.code} {r.title}"


def _requirements(items: tuple[RequirementState, ...]) -> str:
    return "; ".join(map(_step, items))


def _names(refs: tuple[CredentialRef, ...] | list[CredentialRef]) -> str:
    return " and ".join(f"the {credential_link(r)}" for r in refs)


def _progress_button(ref: CredentialRef) -> dict:
    return {"title": ref.name, "payload": payload("check_progress", ref.id)}


def stacking_line(stack: StackingProgress) -> str:
    kind = f"{label(CREDENTIAL_TYPES, stack.source_type)}s" if stack.source_type else "credentials"
    line = f"Toward the {credential_link(stack.target)}: {len(stack.earned)} of {stack.total} {kind} earned"
    if stack.in_progress:
        line += f", {len(stack.in_progress)} in progress"
    return line + "."


def _next_step(item: CredentialProgress) -> str:
    if item.missing_prerequisites:
        return f"Next step: earn {_names(item.missing_prerequisites)} first; the {item.credential.name} requires it."
    step = item.next_requirement
    if step is None:
        return f"All {item.total} requirements are done."
    kind = "" if step.kind == CREDENTIAL_KIND else f" ({step.kind})"
    return f"{'Start with' if not item.completed else 'Next step'}: {_step(step)}{kind}."


def _detail_text(item: CredentialProgress) -> list[str]:
    name, done, total = credential_link(item.credential), len(item.completed), item.total
    if item.status == "Completed":
        earned = f"You earned the {name}" + (f" on {_date(item.completed_on)}" if item.completed_on else "")
        credits = f", {_credits(item.credits_earned)}" if item.credits_earned else ""
        return [f"{earned}: {done} of {total} requirements{credits}."]
    if item.status == "Withdrew":
        lines = [f"You withdrew from the {name}."]
        if item.completed:
            lines.append(f"Before that you completed {done} of {total}: {_requirements(item.completed)}.")
        return lines + ["An advisor can talk you through re-enrolling."]
    if item.status == "Failed":
        return [
            f"The {name} is marked not passed ({done} of {total} requirements done).",
            "An advisor can go over your options.",
        ]
    if item.status == "OnHold":
        lines = [f"Your {name} enrollment is on hold: {done} of {total} requirements done ({item.percent}%)."]
        if item.remaining:
            lines.append(f"Still to do: {_requirements(item.remaining)}.")
        return lines + ["An advisor can help you resume."]
    if not item.completed:
        return [
            f"You're enrolled in the {name} and haven't completed a requirement yet (0 of {total}).",
            _next_step(item),
        ]
    credits = f", {_credits(item.credits_earned)} earned" if item.credits_earned else ""
    lines = [f"{name}: {done} of {total} requirements done ({item.percent}%){credits}."]
    lines.append(f"Done: {_requirements(item.completed)}.")
    if item.remaining:
        lines.append(f"Still to do: {_requirements(item.remaining)}.")
    return lines + [_next_step(item)]


def _summary_line(item: CredentialProgress) -> str:
    name, done, total = credential_link(item.credential), len(item.completed), item.total
    if item.status == "Completed":
        return f"- {name}: earned" + (f" {_date(item.completed_on)}" if item.completed_on else "")
    if item.status == "Withdrew":
        return f"- {name}: withdrawn"
    if item.status == "Failed":
        return f"- {name}: not passed"
    if item.status == "OnHold":
        return f"- {name}: on hold, {done} of {total} done"
    line = f"- {name}: {done} of {total} done ({item.percent}%)"
    if item.missing_prerequisites:
        return line + f", first earn {_names(item.missing_prerequisites)}"
    step = item.next_requirement
    return line + (f", next: {_step(step)}" if step else "")


def detail(progress: StudentProgress, item: CredentialProgress, shown: tuple[str, ...]) -> Reply:
    """One enrollment in full, with buttons for the enrollments not shown yet."""
    lines = _detail_text(item)
    lines += [
        stacking_line(s)
        for s in progress.stacking
        if s.target.id == item.credential.id or item.credential in (*s.earned, *s.in_progress)
    ]
    buttons = [_progress_button(e.credential) for e in progress.enrollments if e.credential.id not in shown][
        :3
    ]
    if item.status in ("OnHold", "Failed", "Withdrew"):
        buttons.append(ADVISOR_BUTTON)
    elif not buttons:
        buttons.append(RECOMMEND_BUTTON)
    return Reply("\n".join(lines), buttons)


def overview(progress: StudentProgress) -> Reply:
    """Every enrollment in one line each, then stacking progress."""
    lines = [f"Hi {progress.given_name}, here's your progress:"]
    lines += [_summary_line(e) for e in progress.enrollments]
    lines += [stacking_line(s) for s in progress.stacking]
    buttons = [_progress_button(e.credential) for e in progress.enrollments if e.status != "Completed"][:4]
    return Reply("\n".join(lines), buttons or [RECOMMEND_BUTTON])


def asks_next_step(text: str) -> bool:
    """Whether ``text`` asks what to do next ("what should I take next?")."""
    return bool(NEXT_CUE.search(text or ""))


def _other_active(progress: StudentProgress, items: list[CredentialProgress]) -> list[dict]:
    return [_progress_button(e.credential) for e in progress.enrollments if e.is_active and e not in items][
        :3
    ]


def what_is_left(progress: StudentProgress, items: list[CredentialProgress]) -> Reply:
    """Only what is still to do in each of ``items``."""
    lines = []
    for item in items:
        name = credential_link(item.credential)
        if item.remaining:
            lines.append(
                f"{name}: {len(item.remaining)} of {item.total} left. Still to do: {_requirements(item.remaining)}."
            )
        else:
            lines.append(f"{name}: nothing left, all {item.total} requirements are done.")
    return Reply("\n".join(lines), _other_active(progress, items))


def next_steps(progress: StudentProgress, items: list[CredentialProgress]) -> Reply:
    """The next step of each of ``items``."""
    lines = [f"{credential_link(item.credential)}: {_next_step(item)}" for item in items]
    return Reply("\n".join(lines), _other_active(progress, items))


def no_enrollments(progress: StudentProgress) -> Reply:
    return Reply(
        f"Hi {progress.given_name}, you're not enrolled in any micro-credentials yet. "
        "Would you like recommendations that fit your goals?",
        [RECOMMEND_BUTTON, CATALOG_BUTTON],
    )


def not_enrolled(progress: StudentProgress, credential: CredentialRef) -> Reply:
    text = f"You're not enrolled in the {credential_link(credential)}."
    stack = progress.stacking_toward(credential.id)
    if stack and stack.earned:
        text += " " + stacking_line(stack)
    text += (
        " Your enrollments: " + ", ".join(credential_link(e.credential) for e in progress.enrollments) + "."
    )
    return Reply(
        text,
        [
            {"title": "What it takes", "payload": payload("ask_requirements", credential.id)},
            {"title": "How to enroll", "payload": payload("how_to_enroll", credential.id)},
        ],
    )


def answer(
    progress: StudentProgress,
    text: str = "",
    mentioned: CredentialRef | None = None,
    focus: str | None = None,
    shown: tuple[str, ...] = (),
) -> ProgressAnswer:
    """What to say to ``progress.student_id`` about their own progress.

    ``mentioned`` is the credential the message names; ``focus`` the credential last
    discussed; ``shown`` the enrollments already shown in detail in this conversation.
    """
    ids = [e.credential.id for e in progress.enrollments]
    other_student = any(m.upper() != progress.student_id for m in STUDENT_ID_IN_TEXT.findall(text))
    if not ids:
        result = ProgressAnswer(no_enrollments(progress), tuple(shown), None)
    elif mentioned and mentioned.id not in ids:
        result = ProgressAnswer(not_enrolled(progress, mentioned), tuple(shown), mentioned.id)
    else:
        target = _pick(progress, text, mentioned, focus, shown)
        under_way = [target] if target else [e for e in progress.enrollments if e.is_active]
        left = bool(LEFT_CUE.search(text))
        if under_way and (left or asks_next_step(text)):
            reply = (what_is_left if left else next_steps)(progress, under_way)
            focus_id = target.credential.id if target else None
            result = ProgressAnswer(reply, tuple(shown), focus_id)
        elif target is None:
            reply = overview(progress)
            if OTHER_CUE.search(text) and not mentioned:
                reply = Reply("That's everything you're enrolled in.\n" + reply.text, reply.buttons)
            result = ProgressAnswer(reply, tuple(shown), None)
        else:
            now_shown = tuple(dict.fromkeys([*shown, target.credential.id]))
            result = ProgressAnswer(detail(progress, target, now_shown), now_shown, target.credential.id)
    if other_student:
        reply = result.reply
        result = ProgressAnswer(
            Reply(f"{OWN_RECORDS_ONLY}\n{reply.text}", reply.buttons), result.shown, result.focus
        )
    return result


def _pick(
    progress: StudentProgress,
    text: str,
    mentioned: CredentialRef | None,
    focus: str | None,
    shown: tuple[str, ...],
) -> CredentialProgress | None:
    """The enrollment to show in detail, or None for the overview."""
    if mentioned:
        return progress.enrollment(mentioned.id)
    if OTHER_CUE.search(text):
        return next((e for e in progress.enrollments if e.credential.id not in shown), None)
    if len(progress.enrollments) == 1:
        return progress.enrollments[0]
    if focus in shown and not OVERALL_CUE.search(text):
        return progress.enrollment(focus)
    return None
