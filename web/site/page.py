"""``GET /``: the student-services page, with the widget's settings and a strict content policy.

The page carries the Rasa server's public address (``RASA_URL``) and whether demo sign-in
is on as data attributes for the widget. Its Content-Security-Policy allows scripts and
styles from this site only, and connections to this site and to the Rasa server.
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from sanic import Blueprint, response

PAGE = Template((Path(__file__).parent / "templates" / "index.html").read_text(encoding="utf-8"))

blueprint = Blueprint("site_page")


def content_security_policy(rasa_url: str) -> str:
    """Scripts, styles and fonts from this site only; sockets to this site and the Rasa server."""
    parts = urlsplit(rasa_url)
    socket_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa_origins = f"{parts.scheme}://{parts.netloc} {socket_scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            f"connect-src 'self' {rasa_origins}",
            "img-src 'self' https: data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ]
    )


@blueprint.get("/")
async def index(request):
    settings = request.app.ctx.settings
    body = PAGE.substitute(
        rasa_url=html.escape(settings.rasa_url),
        demo_signin="on" if settings.demo_signin else "off",
    )
    return response.html(
        body,
        headers={
            "Content-Security-Policy": content_security_policy(settings.rasa_url),
            "Referrer-Policy": "same-origin",
            "X-Content-Type-Options": "nosniff",
        },
    )
