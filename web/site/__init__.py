"""The student-services website: the institution's micro-credentials page, its chat widget and demo sign-in.

``blueprint`` groups the page (``/``), each credential's page (``/credentials/<id>``), its
static files and vendored browser libraries (``/static/...``) and the demo sign-in API
(``/api/demo/...``).
"""

from sanic import Blueprint

from web.site import assets, credentials, demo_signin, page

blueprint = Blueprint.group(page.blueprint, credentials.blueprint, assets.blueprint, demo_signin.blueprint)
