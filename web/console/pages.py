"""The console's page (``templates/index.html``) and its static files (JS, CSS), served from ``static/``.

The page carries the name of each language the product speaks, in itself ("Español"), for
the script to show each case's conversation language.
"""

from __future__ import annotations

import json
from pathlib import Path
from string import Template

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, html

from bot.i18n.languages import native_name
from bot.i18n.messages import available

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
PAGE = Template((HERE / "templates" / "index.html").read_text(encoding="utf-8"))

blueprint = Blueprint("advisor_pages", strict_slashes=False)
blueprint.static("/static", str(STATIC_DIR), name="advisor_static")


def language_names() -> str:
    """``{"es": "Español", ...}`` as JSON for a ``<script type="application/json">``."""
    names = {code: native_name(code) for code in available()}
    return json.dumps(names, ensure_ascii=False).replace("<", "\\u003c")


@blueprint.get("/")
async def index(_request: Request) -> HTTPResponse:
    return html(PAGE.substitute(language_names=language_names()))
