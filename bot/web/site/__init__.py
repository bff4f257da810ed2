"""The student-services website: the HVU micro-credentials page, its chat widget and demo sign-in.

``blueprint`` groups the page (``/``), its static files and vendored browser libraries
(``/static/...``) and the demo sign-in API (``/api/demo/...``).
"""
from sanic import Blueprint

from bot.web.site import assets, demo_signin, page

blueprint = Blueprint.group(page.blueprint, assets.blueprint, demo_signin.blueprint)
