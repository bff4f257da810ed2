"""The page's own static files, and the browser libraries it takes from npm (never a CDN).

``make site-deps`` installs the versions pinned in ``package.json``/``package-lock.json``
into ``node_modules``; only the files named in ``VENDOR_FILES`` are served from there.
"""

from __future__ import annotations

from pathlib import Path

from sanic import Blueprint, response
from sanic.exceptions import NotFound

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
NODE_MODULES = HERE / "node_modules"

#: URL name -> file inside node_modules.
VENDOR_FILES = {
    "socket.io.esm.min.js": NODE_MODULES / "socket.io-client" / "dist" / "socket.io.esm.min.js",
}

blueprint = Blueprint("site_assets")
blueprint.static("/static/site", str(STATIC_DIR), name="site_static")


@blueprint.get("/static/vendor/<name>")
async def vendor(request, name: str):
    path = VENDOR_FILES.get(name)
    if path is None:
        raise NotFound(f"No vendored file named {name}")
    if not path.is_file():
        return response.text(
            f"{path.relative_to(HERE)} is missing: run `make site-deps` to install it", status=503
        )
    return await response.file(path, mime_type="text/javascript")
