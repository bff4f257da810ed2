"""Demo sign-in: list the demo students and issue one of them a signed session token.

On only when ``MICROCRED_DEMO_SIGNIN=1`` (``make run`` sets it); otherwise, as in
production, these routes answer 404. The token comes from ``bot.identity.tokens`` and is what
the widget sends with every message; the action server verifies it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sanic import Blueprint, response
from sanic.exceptions import NotFound
from sqlalchemy import select

from bot.db import get_engine, session_scope
from bot.identity.tokens import IdentityError, issue_token
from bot.models import Student

#: How long a demo sign-in lasts.
TOKEN_MINUTES = 60

blueprint = Blueprint("site_demo_signin", url_prefix="/api/demo")


def _describe(student: Student) -> dict:
    return {
        "student_id": student.id,
        "name": f"{student.given_name} {student.family_name}",
        "program": student.program,
    }


def _settings_if_enabled(request):
    settings = request.app.ctx.settings
    if not settings.demo_signin:
        raise NotFound("Demo sign-in is turned off")
    return settings


@blueprint.get("/students")
async def students(request):
    settings = _settings_if_enabled(request)
    with session_scope(get_engine(settings.database_url)) as session:
        rows = session.execute(select(Student).order_by(Student.id)).scalars()
        return response.json({"students": [_describe(student) for student in rows]})


@blueprint.post("/sign-in")
async def sign_in(request):
    settings = _settings_if_enabled(request)
    body = request.json if isinstance(request.json, dict) else {}
    student_id = body.get("student_id")
    if not isinstance(student_id, str) or not student_id:
        return response.json({"error": "Choose a demo student to sign in as."}, status=400)
    engine = get_engine(settings.database_url)
    with session_scope(engine) as session:
        student = session.get(Student, student_id)
        described = _describe(student) if student else None
    if described is None:
        return response.json({"error": f"There is no demo student {student_id}."}, status=404)
    issued = datetime.now(timezone.utc)
    try:
        token = issue_token(student_id, TOKEN_MINUTES, settings=settings, engine=engine, now=issued)
    except IdentityError as error:
        return response.json({"error": f"Sign-in is not available: {error}"}, status=503)
    expires = issued + timedelta(minutes=TOKEN_MINUTES)
    return response.json({"token": token, "expires_at": expires.isoformat(), "student": described})
