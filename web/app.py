"""Assemble the web service from the blueprints of each area.

Each area (``web.site`` for the student-services page, ``web.console`` for the
advisor console) exposes ``blueprint``; this module only builds the app, so areas can
grow without touching one another. Run it with ``python -m bot web serve``.
"""

from __future__ import annotations

import importlib

from sanic import Sanic

from bot.config import Settings

#: Modules whose ``blueprint`` the app mounts; a module not written yet is skipped.
BLUEPRINT_MODULES = [
    "web.site",
    "web.console",
]


def create_app(settings: Settings | None = None, name: str = "microcred_web") -> Sanic:
    app = Sanic(name)
    app.ctx.settings = settings or Settings.from_env()
    for module_name in BLUEPRINT_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        app.blueprint(module.blueprint)
    return app
