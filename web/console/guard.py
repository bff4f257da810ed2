"""The console's defence against cross-site requests: one check before every state-changing request.

A request that changes anything (any method but GET, HEAD and OPTIONS: sign-in, sign-out,
claim, reply, resolve, and whatever is added later) must say it comes from the console's
own page, by ``Origin`` (or ``Referer`` when a browser sends no ``Origin``), and carry a
JSON body (``Content-Type`` whose media type is exactly ``application/json``). A page on
another site can send neither without the browser asking the console first (CORS), and
the console never says yes. Otherwise the answer is 403 and nothing is changed.

The console's own origin is the configured public address of the web service
(``MICROCRED_SITE_URL``, for a reverse proxy whose public scheme or host differs from the
request's), else the scheme and host the request was made to.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sanic import Request
from sanic.headers import parse_content_header

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443}
JSON = "application/json"


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url``, lower-cased and without a default port; None if it has none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in DEFAULT_PORTS or not host:
        return None
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")


def own_origin(request: Request, public_url: str) -> str | None:
    """The console's origin: that of ``public_url`` when configured, else the request's own."""
    return origin_of(public_url or f"{request.scheme}://{request.host}")


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, without its parameters, lower-cased."""
    return parse_content_header(content_type or "")[0].strip().lower()


def refusal(request: Request, public_url: str) -> str | None:
    """Why the console refuses this request, or None when it may go on."""
    if request.method.upper() in SAFE_METHODS:
        return None
    expected = own_origin(request, public_url)
    claimed = request.headers.get("origin")
    if claimed is None and request.headers.get("referer"):
        claimed = request.headers.get("referer")
    if claimed is None:
        return "refused: the request does not say which page sent it (no Origin or Referer header)"
    sender = origin_of(claimed)
    if sender is None or sender != expected:
        return f"refused: the request comes from {claimed.strip() or 'an unnamed page'}, not from the advisor console ({expected})"
    if media_type(request.content_type) != JSON:
        return f"refused: send the request body as JSON (Content-Type: {JSON})"
    return None
