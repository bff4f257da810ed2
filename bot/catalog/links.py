"""Links to a credential's own page on the site: the one place their address and markup are made.

A reply names a credential as a markdown link, ``[<name>](<site>/credentials/<id>)``,
which the chat widget shows as a link (other channels show the text as it is). The site's
public address is ``MICROCRED_SITE_URL`` (default: the local web service), so another
deployment links to its own site. The web service serves the page (``web.site.credentials``).
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote

from bot.catalog.localized import localized
from bot.config import Settings

#: Where the web service answers when ``MICROCRED_SITE_URL`` is not set (``make run``'s WEB_PORT).
LOCAL_SITE_URL = "http://localhost:8080"
#: The path of a credential's page, relative to the site.
PAGE_PATH = "/credentials/{id}"


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


def credential_path(credential_id: str) -> str:
    return PAGE_PATH.format(id=quote(credential_id, safe=""))


def credential_url(credential_id: str, site_url: str | None = None) -> str:
    """The absolute address of the credential's page on the site."""
    base = site_url if site_url is not None else Settings.site_url_from_env()
    return (base or LOCAL_SITE_URL).rstrip("/") + credential_path(credential_id)


def credential_link(credential: Named) -> str:
    """The credential's name in the conversation's language, linked to its page (the widget
    renders ``[title](url)``)."""
    title = localized(credential, "name").replace("[", "(").replace("]", ")")
    return f"[{title}]({credential_url(credential.id)})"
