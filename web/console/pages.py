"""The console's page and its static files (HTML, JS, CSS), served from ``static/``."""

from __future__ import annotations

from pathlib import Path

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, file

STATIC_DIR = Path(__file__).resolve().parent / "static"

blueprint = Blueprint("advisor_pages", strict_slashes=False)
blueprint.static("/static", str(STATIC_DIR), name="advisor_static")


@blueprint.get("/")
async def index(_request: Request) -> HTTPResponse:
    return await file(STATIC_DIR / "index.html", mime_type="text/html; charset=utf-8")
