"""A student's progress as short chat answers: plain text and buttons (no Rasa here).

``answer`` picks what to show: the credential the student named, the other enrollment
not shown yet ("and the other one?"), the credential just shown, or an overview; and how
much of it: "what's left?" gets only what is still to do, "what should I take next?" only
the next step of each enrollment under way. It only ever describes the ``StudentProgress`` it is given, whatever the
message says about other students. It says it in the conversation's language
(``locales/<lang>/progress.yml``), with dates and numbers written as that language does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.catalog.links import credential_link
from bot.catalog.localized import localized
from bot.i18n import t
from bot.i18n.formats import join, long_date, number
from bot.models.catalog import CREDENTIAL_KIND
from bot.models.records import STUDENT_ID
from bot.nlp.vocabulary import plural_label
from bot.records.progress import (
    CredentialProgress,
    CredentialRef,
    RequirementState,
    StackingProgress,
    StudentProgress,
)
from bot.replies.reply import Reply, advisor_button, payload

#: How a student asks about the other enrollment, all of them, what is left, or what comes
#: next, in English, Spanish and French ("and the other one?", "¿qué me falta?", "et ensuite ?").
OTHER_CUE = re.compile(r"\b(other|another|otr[oa]s?|autres?)\b", re.IGNORECASE)
OVERALL_CUE = re.compile(
    r"\b(all|overall|everything|every|tod[oa]s?|en general|tout|tous|toutes|dans l'ensemble)\b", re.IGNORECASE
)
LEFT_CUE = re.compile(
    r"\b(left|remaining|remain|outstanding|to go|still (?:have|need|to do)"
    r"|falta|faltan|queda|quedan|pendientes?|reste|restent|restant|restantes?|manque)\b",
    re.IGNORECASE,
)
NEXT_CUE = re.compile(
    r"\b(next|take now|do now|start with|siguiente|pr[oó]xim[oa]|a continuaci[oó]n|prochaine?|ensuite|suivante?)\b",
    re.IGNORECASE,
)

STUDENT_ID_IN_TEXT = re.compile(rf"\b{STUDENT_ID.pattern}\b", re.IGNORECASE)


def _button(title_key: str, intent: str, credential_id: str | None = None) -> dict:
    return {"title": t(f"progress.buttons.{title_key}"), "payload": payload(intent, credential_id)}


def recommend_button() -> dict:
    return _button("recommend", "recommend_credentials")


@dataclass(frozen=True)
class ProgressAnswer:
    reply: Reply
    shown: tuple[str, ...]  # credential ids shown in detail so far in the conversation
    focus: str | None  # the credential this answer was about, for follow-ups


def _credits(value: Decimal) -> str:
    return t("answers.credits", float(value))


def _step(r: RequirementState) -> str:
    """A requirement as a list names it; a component credential as the credential to earn."""
    title = localized(r, "title")
    return t("progress.earn_credential", title=title) if r.kind == CREDENTIAL_KIND else f"{r.code} {title}"


def _requirements(items: tuple[RequirementState, ...]) -> str:
    return "; ".join(map(_step, items))


def _names(refs: tuple[CredentialRef, ...] | list[CredentialRef]) -> str:
    return join([t("progress.the", name=credential_link(r)) for r in refs])


def _progress_button(ref: CredentialRef) -> dict:
    return {"title": localized(ref, "name"), "payload": payload("check_progress", ref.id)}


def stacking_line(stack: StackingProgress) -> str:
    kinds = plural_label(stack.source_type) if stack.source_type else t("listing.credentials")
    in_progress = (
        t("progress.stacking.in_progress", active=number(len(stack.in_progress))) if stack.in_progress else ""
    )
    return t(
        "progress.stacking.line",
        target=credential_link(stack.target),
        earned=number(len(stack.earned)),
        total=number(stack.total),
        kinds=kinds,
        in_progress=in_progress,
    )


def _next_step(item: CredentialProgress) -> str:
    if item.missing_prerequisites:
        return t(
            "progress.next.prerequisites",
            names=_names(item.missing_prerequisites),
            credential=localized(item.credential, "name"),
        )
    step = item.next_requirement
    if step is None:
        return t("progress.next.all_done", total=number(item.total))
    kind = "" if step.kind == CREDENTIAL_KIND else " " + t(f"progress.kinds.{step.kind}")
    return t("progress.next.next" if item.completed else "progress.next.start", step=_step(step), kind=kind)


def _detail_text(item: CredentialProgress) -> list[str]:
    done = len(item.completed)
    said: dict[str, Any] = {
        "name": credential_link(item.credential),
        "total": number(item.total),
        "percent": number(item.percent),
        "list": _requirements(item.completed),
        "remaining": _requirements(item.remaining),
    }

    def say(key: str, **values: str) -> str:
        """A sentence about this enrollment; one that counts the requirements done picks its plural."""
        return t(f"progress.detail.{key}", done, **said, **values)

    if item.status == "Completed":
        on = " " + t("progress.on_date", date=long_date(item.completed_on)) if item.completed_on else ""
        credits = ", " + _credits(item.credits_earned) if item.credits_earned else ""
        return [say("earned", on=on, credits=credits)]
    if item.status == "Withdrew":
        lines = [say("withdrew")]
        if item.completed:
            lines.append(say("before_withdrawing"))
        return lines + [say("re_enroll")]
    if item.status == "Failed":
        return [say("failed"), say("options")]
    if item.status == "OnHold":
        lines = [say("on_hold")]
        if item.remaining:
            lines.append(say("still_to_do"))
        return lines + [say("resume")]
    if not item.completed:
        return [say("not_started"), _next_step(item)]
    credits = (
        ", " + say("credits_earned", credits=_credits(item.credits_earned)) if item.credits_earned else ""
    )
    lines = [say("in_progress", credits=credits), say("done")]
    if item.remaining:
        lines.append(say("still_to_do"))
    return lines + [_next_step(item)]


def _summary_line(item: CredentialProgress) -> str:
    done = len(item.completed)
    said: dict[str, Any] = {
        "name": credential_link(item.credential),
        "total": number(item.total),
        "percent": number(item.percent),
    }
    if item.status == "Completed":
        on = (
            " " + t("progress.summary.earned_on", date=long_date(item.completed_on))
            if item.completed_on
            else ""
        )
        return t("progress.summary.earned", on=on, **said)
    if item.status in ("Withdrew", "Failed", "OnHold"):
        return t(f"progress.summary.{item.status.lower()}", done, **said)
    line = t("progress.summary.under_way", done, **said)
    if item.missing_prerequisites:
        return line + ", " + t("progress.summary.first_earn", names=_names(item.missing_prerequisites))
    step = item.next_requirement
    return line + (", " + t("progress.summary.next", step=_step(step)) if step else "")


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
        buttons.append(advisor_button())
    elif not buttons:
        buttons.append(recommend_button())
    return Reply("\n".join(lines), buttons)


def overview(progress: StudentProgress) -> Reply:
    """Every enrollment in one line each, then stacking progress."""
    lines = [t("progress.overview", given_name=progress.given_name)]
    lines += [_summary_line(e) for e in progress.enrollments]
    lines += [stacking_line(s) for s in progress.stacking]
    buttons = [_progress_button(e.credential) for e in progress.enrollments if e.status != "Completed"][:4]
    return Reply("\n".join(lines), buttons or [recommend_button()])


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
        said: dict[str, Any] = {"name": credential_link(item.credential), "total": number(item.total)}
        if item.remaining:
            left, remaining = len(item.remaining), _requirements(item.remaining)
            lines.append(t("progress.left.some", left, remaining=remaining, **said))
        else:
            lines.append(t("progress.left.none", **said))
    return Reply("\n".join(lines), _other_active(progress, items))


def next_steps(progress: StudentProgress, items: list[CredentialProgress]) -> Reply:
    """The next step of each of ``items``."""
    lines = [
        t("progress.next.of", name=credential_link(item.credential), step=_next_step(item)) for item in items
    ]
    return Reply("\n".join(lines), _other_active(progress, items))


def no_enrollments(progress: StudentProgress) -> Reply:
    return Reply(
        t("progress.no_enrollments", given_name=progress.given_name),
        [recommend_button(), _button("catalog", "list_credentials")],
    )


def not_enrolled(progress: StudentProgress, credential: CredentialRef) -> Reply:
    text = t("progress.not_enrolled", name=credential_link(credential))
    stack = progress.stacking_toward(credential.id)
    if stack and stack.earned:
        text += " " + stacking_line(stack)
    enrollments = ", ".join(credential_link(e.credential) for e in progress.enrollments)
    text += " " + t("progress.your_enrollments", enrollments=enrollments)
    return Reply(
        text,
        [
            _button("what_it_takes", "ask_requirements", credential.id),
            _button("enroll", "how_to_enroll", credential.id),
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
                reply = Reply(t("progress.that_is_everything") + "\n" + reply.text, reply.buttons)
            result = ProgressAnswer(reply, tuple(shown), None)
        else:
            now_shown = tuple(dict.fromkeys([*shown, target.credential.id]))
            result = ProgressAnswer(detail(progress, target, now_shown), now_shown, target.credential.id)
    if other_student:
        reply = result.reply
        result = ProgressAnswer(
            Reply(t("progress.own_records_only") + "\n" + reply.text, reply.buttons),
            result.shown,
            result.focus,
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
