"""Settings read from the environment, with defaults that suit a developer's machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = PROJECT_ROOT / "build"


@dataclass(frozen=True)
class Settings:
    """Everything configurable about the assistant; see the README's configuration table."""

    database_url: str
    knowledge_base_dir: Path
    jwt_secret: str
    jwt_issuer: str
    # Handoff to advisors (bot.handoff) and the advisor console (web.console).
    rasa_url: str = "http://localhost:5005"
    rasa_api_token: str = ""
    advisor_webhook_url: str = ""
    advisor_webhook_secret: str = ""
    advisor_office_hours: str = "Mon-Fri 09:00-17:00"
    advisor_timezone: str = "America/Los_Angeles"
    crisis_line: str = "call or text 988 (Suicide & Crisis Lifeline, free, 24/7), or 911 in an emergency"
    console_url: str = "http://localhost:8080/advisor"
    # The student-services site (web.site): demo sign-in is for demos only, never production.
    # site_url: the web service's public address; empty means http://localhost:8080 for the
    # links in replies and the request's own scheme and host for the console's origin check.
    site_url: str = ""
    demo_signin: bool = False
    # Redis through which several Rasa processes pass socket.io messages and share the channels'
    # rate-limit counts (channels/); empty: one process, counting on its own.
    socketio_redis_url: str = ""
    # What the channels accept (bot.conversation.message_limits): characters of text, of metadata as JSON,
    # and messages per window as "COUNT/SECONDS" per conversation and per client address.
    max_message_chars: int = 4000
    max_metadata_chars: int = 2000
    rate_limit_conversation: str = "20/60"
    rate_limit_address: str = "120/60"
    # Origins (scheme://host:port) of the sites whose pages may talk to the Rasa server.
    allowed_origins: tuple[str, ...] = ()
    # "production" turns on the start-up refusals of bot.production.
    environment: str = "development"

    @classmethod
    def site_url_from_env(cls) -> str:
        """The site's address alone (every link a reply makes reads it)."""
        return os.environ.get("MICROCRED_SITE_URL", cls.site_url).rstrip("/")

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get
        return cls(
            database_url=env("MICROCRED_DATABASE_URL", f"sqlite:///{BUILD_DIR / 'microcred.db'}"),
            knowledge_base_dir=Path(env("MICROCRED_KNOWLEDGE_BASE", PROJECT_ROOT / "knowledge_base")),
            jwt_secret=env("MICROCRED_JWT_SECRET", ""),
            jwt_issuer=env("MICROCRED_JWT_ISSUER", "student-services"),
            rasa_url=env("RASA_URL", cls.rasa_url),
            rasa_api_token=env("RASA_API_TOKEN", cls.rasa_api_token),
            advisor_webhook_url=env("MICROCRED_ADVISOR_WEBHOOK_URL", cls.advisor_webhook_url),
            advisor_webhook_secret=env("MICROCRED_ADVISOR_WEBHOOK_SECRET", cls.advisor_webhook_secret),
            advisor_office_hours=env("MICROCRED_OFFICE_HOURS", cls.advisor_office_hours),
            advisor_timezone=env("MICROCRED_OFFICE_TIMEZONE", cls.advisor_timezone),
            crisis_line=env("MICROCRED_CRISIS_LINE", cls.crisis_line),
            console_url=env("MICROCRED_CONSOLE_URL", cls.console_url),
            site_url=cls.site_url_from_env(),
            demo_signin=env("MICROCRED_DEMO_SIGNIN", "") == "1",
            socketio_redis_url=env("MICROCRED_SOCKETIO_REDIS_URL", cls.socketio_redis_url),
            max_message_chars=int(env("MICROCRED_MAX_MESSAGE_CHARS", cls.max_message_chars)),
            max_metadata_chars=int(env("MICROCRED_MAX_METADATA_CHARS", cls.max_metadata_chars)),
            rate_limit_conversation=env("MICROCRED_RATE_LIMIT_CONVERSATION", cls.rate_limit_conversation),
            rate_limit_address=env("MICROCRED_RATE_LIMIT_ADDRESS", cls.rate_limit_address),
            allowed_origins=tuple(env("MICROCRED_ALLOWED_ORIGINS", "").split()),
            environment=env("MICROCRED_ENV", cls.environment).strip().lower() or cls.environment,
        )
