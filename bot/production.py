"""What a production start refuses (``MICROCRED_ENV=production``): one check for every server.

The web service (``python -m bot web serve``), the action server (``actions/``) and
``make run`` (``python -m bot production check``) call ``ensure_ready`` as they start; in
production it stops them with one message listing each problem. Refused: no session-token
secret, the development one or one too short to be safe; the development Rasa API token;
demo sign-in; a wildcard among the allowed site origins. Other environments start as they are.
"""

from __future__ import annotations

import sys

from bot.config import Settings

#: The development values `make` sets (Makefile): fine on a laptop, never in production.
DEVELOPMENT_JWT_SECRET = "dev-only-secret-change-me-in-production-0123456789"
DEVELOPMENT_RASA_API_TOKEN = "dev-only-rasa-api-token"
MIN_SECRET_CHARS = 32


def problems(settings: Settings) -> list[str]:
    """Why ``settings`` must not run in production (empty when they may, or when not production)."""
    if settings.environment != "production":
        return []
    found = []
    if not settings.jwt_secret:
        found.append("MICROCRED_JWT_SECRET is not set: set a secret of your own")
    elif settings.jwt_secret == DEVELOPMENT_JWT_SECRET:
        found.append("MICROCRED_JWT_SECRET is the development secret: set a secret of your own")
    elif len(settings.jwt_secret) < MIN_SECRET_CHARS:
        found.append(f"MICROCRED_JWT_SECRET is shorter than {MIN_SECRET_CHARS} characters")
    if settings.rasa_api_token == DEVELOPMENT_RASA_API_TOKEN:
        found.append("RASA_API_TOKEN is the development token: set a token of your own")
    if settings.demo_signin:
        found.append("MICROCRED_DEMO_SIGNIN=1 turns on the demo sign-in: unset it")
    if "*" in settings.allowed_origins:
        found.append("MICROCRED_ALLOWED_ORIGINS contains '*': list the site origins instead")
    return found


def ensure_ready(server: str, settings: Settings | None = None) -> None:
    """Exit with a clear message when ``server`` must not start with these settings."""
    found = problems(settings or Settings.from_env())
    if found:
        lines = "\n".join(f"  - {problem}" for problem in found)
        sys.exit(f"error: {server} refuses to start in production (MICROCRED_ENV=production):\n{lines}")


def register(subparsers) -> None:
    parser = subparsers.add_parser("production", help="checks for a production start")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="exit non-zero when production would refuse these settings")
    check.add_argument("--server", default="the assistant")
    check.set_defaults(handler=lambda args: ensure_ready(args.server))
