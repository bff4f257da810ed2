"""The console's JSON API: the queue, one case's live transcript, claiming, replying, resolving,
and the student's context (each read of it is written to the audit log)."""

from __future__ import annotations

import asyncio

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.clock import as_utc
from bot.handoff import cases
from bot.handoff.cases import CaseError, CaseNotFound
from bot.handoff.context import student_context
from bot.handoff.rasa_api import RasaApi, RasaUnavailable
from bot.handoff.transcript import Line, merge
from web.console.auth import advisor_json, advisor_required
from web.console.replies import BadRequest, body, error
from web.console.views import case_view, case_views

blueprint = Blueprint("advisor_api", url_prefix="/api/cases")

MAX_REPLY = 2000


def _rasa(request: Request) -> RasaApi:
    return RasaApi.from_settings(request.app.ctx.settings)


def _case_error(problem: CaseError) -> HTTPResponse:
    if isinstance(problem, CaseNotFound):
        return error(404, str(problem))
    return error(409, str(problem))


@blueprint.get("")
@advisor_required
async def list_cases(request: Request) -> HTTPResponse:
    return json({"advisor": advisor_json(request.ctx.advisor), "cases": case_views(cases.queue())})


@blueprint.get("/<case_id:int>")
@advisor_required
async def show_case(request: Request, case_id: int) -> HTTPResponse:
    """The case with its whole conversation: live from Rasa, with the stored case messages merged in."""
    try:
        case = cases.get_case(case_id)
    except CaseNotFound as problem:
        return error(404, str(problem))
    warning = None
    try:
        conversation = await asyncio.to_thread(_rasa(request).conversation, case.conversation_id)
    except RasaUnavailable as problem:
        conversation = [Line.from_dict(line) for line in case.transcript]
        warning = f"Showing the conversation as stored when the case opened: {problem}."
    else:
        if case.resolved_at:  # what the learner said afterwards is not part of this case
            end = as_utc(case.resolved_at).timestamp()
            conversation = [line for line in conversation if line.timestamp <= end]
        else:
            cases.record_learner_messages(case, conversation)
            case = cases.get_case(case_id)
    return json(
        {
            "case": case_view(case),
            "transcript": [line.as_dict() for line in merge(conversation, cases.stored_lines(case))],
            "warning": warning,
        }
    )


@blueprint.get("/<case_id:int>/student")
@advisor_required
async def show_student(request: Request, case_id: int) -> HTTPResponse:
    """The signed-in student's progress, for any advisor while the case waits (to decide whether
    to take it) and then for the advisor holding it; each read is audited."""
    try:
        case = cases.get_case(case_id)
        if case.status != "open":
            case = cases.holding(case_id, request.ctx.advisor.id)
    except CaseError as problem:
        return _case_error(problem)
    return json({"student": student_context(case, request.ctx.advisor)})


@blueprint.post("/<case_id:int>/claim")
@advisor_required
async def claim_case(request: Request, case_id: int) -> HTTPResponse:
    try:
        case = cases.claim(case_id, request.ctx.advisor.id)
    except CaseError as problem:
        return _case_error(problem)
    return json({"case": case_view(case)})


@blueprint.post("/<case_id:int>/messages")
@advisor_required
async def reply(request: Request, case_id: int) -> HTTPResponse:
    """Store the advisor's reply on the case, then send it into the learner's conversation."""
    try:
        text = body(request, "text")["text"].strip()
    except BadRequest as problem:
        return error(400, str(problem))
    if len(text) > MAX_REPLY:
        return error(400, f"keep a reply under {MAX_REPLY} characters")
    advisor = request.ctx.advisor
    try:
        message = cases.add_advisor_message(case_id, advisor.id, text)
    except CaseError as problem:
        return _case_error(problem)
    case = cases.get_case(case_id)
    try:
        await asyncio.to_thread(
            _rasa(request).send_advisor_message, case.conversation_id, text, advisor.name, message.id
        )
    except RasaUnavailable as problem:
        return error(502, f"Your reply is saved on the case but did not reach the learner: {problem}.")
    cases.mark_delivered(message.id)
    return json({"message": {"id": message.id, "text": text, "delivered": True}}, status=201)


@blueprint.post("/<case_id:int>/resolve")
@advisor_required
async def resolve_case(request: Request, case_id: int) -> HTTPResponse:
    """Hand the conversation back to the assistant (which says so), then close the case."""
    advisor = request.ctx.advisor
    try:
        case = cases.holding(case_id, advisor.id)
    except CaseError as problem:
        return _case_error(problem)
    rasa = _rasa(request)
    try:
        cases.record_learner_messages(case, await asyncio.to_thread(rasa.conversation, case.conversation_id))
        await asyncio.to_thread(rasa.resume, case.conversation_id, case.language)
    except RasaUnavailable as problem:
        return error(502, f"The case stays open: the conversation could not be handed back ({problem}).")
    try:
        case = cases.resolve(case_id, advisor.id)
    except CaseError as problem:
        return _case_error(problem)
    return json({"case": case_view(case)})
