"""Advisor sign-in: a session token in an HttpOnly, SameSite=Strict cookie, or sent as a bearer token.

``advisor_required`` guards the API: no credentials, or credentials that are not an
advisor's session, get 401; a signed-in student's token gets 403. Learners never see cases.
"""

from __future__ import annotations

import math
from functools import wraps

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json

from bot.identity.advisors import SESSION_LIFETIME, authenticate, end_session, session_advisor, start_session
from bot.identity.throttle import ACCOUNT_FAILURES, ADDRESS_FAILURES, SignInThrottle
from bot.identity.tokens import verify_token
from bot.models import Advisor
from web.console.replies import BadRequest, body, error

blueprint = Blueprint("advisor_auth", url_prefix="/api/session")

COOKIE = "microcred_advisor_session"
#: Failed sign-ins per account and per client address (bot.identity.throttle).
ACCOUNTS = SignInThrottle(ACCOUNT_FAILURES)
ADDRESSES = SignInThrottle(ADDRESS_FAILURES)


def presented_token(request: Request) -> str | None:
    """The bearer token if there is one, else the session cookie."""
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(COOKIE) or None


def advisor_json(advisor: Advisor) -> dict:
    return {"id": advisor.id, "name": advisor.name, "email": advisor.email}


def advisor_required(handler):
    @wraps(handler)
    async def guarded(request: Request, *args, **kwargs) -> HTTPResponse:
        token = presented_token(request)
        if not token:
            return error(401, "sign in to the advisor console")
        advisor = session_advisor(token)
        if advisor is None:
            if verify_token(token, request.app.ctx.settings).student_id:
                return error(403, "this is a student's session; the advisor console is for advisors only")
            return error(401, "your session has ended or is not valid; sign in again")
        request.ctx.advisor = advisor
        return await handler(request, *args, **kwargs)

    return guarded


def _set_cookie(request: Request, response: HTTPResponse, token: str, max_age: int) -> None:
    response.cookies[COOKIE] = token
    cookie = response.cookies[COOKIE]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/advisor"
    cookie["max-age"] = max_age
    if request.app.ctx.settings.console_url.startswith("https://"):
        cookie["secure"] = True


@blueprint.post("")
async def sign_in(request: Request) -> HTTPResponse:
    try:
        data = body(request, "email", "password")
    except BadRequest as problem:
        return error(400, str(problem))
    account, address = data["email"].strip().lower(), request.remote_addr or request.ip
    wait = max(ACCOUNTS.wait_seconds(account), ADDRESSES.wait_seconds(address))
    if wait:
        response = error(429, f"too many failed sign-ins; try again in {math.ceil(wait / 60)} minutes")
        response.headers["Retry-After"] = str(wait)
        return response
    advisor = authenticate(data["email"], data["password"])
    if advisor is None:
        ACCOUNTS.failed(account)
        ADDRESSES.failed(address)
        return error(401, "wrong email or password")
    ACCOUNTS.forget(account)
    token = start_session(advisor)
    response = json({"advisor": advisor_json(advisor), "token": token})
    _set_cookie(request, response, token, int(SESSION_LIFETIME.total_seconds()))
    return response


@blueprint.get("")
@advisor_required
async def who_am_i(request: Request) -> HTTPResponse:
    return json({"advisor": advisor_json(request.ctx.advisor)})


@blueprint.delete("")
@advisor_required
async def sign_out(request: Request) -> HTTPResponse:
    end_session(presented_token(request))
    response = json({"signed_out": True})
    _set_cookie(request, response, "", 0)
    return response
