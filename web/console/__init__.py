"""The advisor console, mounted at /advisor: sign-in, the queue of handed-off cases, transcripts, replies.

``pages`` serves the page and its static files, ``auth`` signs advisors in and guards the
API, ``api`` is the JSON API the page uses, ``tasks`` retries advisor notifications in the
background. ``guard`` refuses every state-changing request that is not the console's own
(cross-site request forgery). Everything is served from here: no build step, no CDN.
"""

from sanic import Blueprint

from web.console import api, auth, guard, pages, tasks
from web.console.replies import error

blueprint = Blueprint.group(
    pages.blueprint, auth.blueprint, api.blueprint, tasks.blueprint, url_prefix="/advisor"
)

#: The console shows student records: nothing is cached, framed or sent on to other sites.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


@blueprint.middleware("request")
async def same_origin_json_only(request):
    """Every state-changing request, present and future, passes ``guard`` first, or gets 403."""
    problem = guard.refusal(request, request.app.ctx.settings.site_url)
    if problem:
        return error(403, problem)


@blueprint.middleware("response")
async def security_headers(_request, response) -> None:
    response.headers.update(SECURITY_HEADERS)
