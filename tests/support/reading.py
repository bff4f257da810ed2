"""Reply text as a learner reads it in the chat widget: a markdown link shows only its title.

Replies link each credential they name to its page (``bot.catalog.links``); tests about what
a reply says read it this way, and tests about the links look at the links themselves.
"""

from __future__ import annotations

import re

LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|mailto:)[^\s)]+)\)")


def as_read(text: str) -> str:
    return LINK.sub(r"\1", text)


def links(text: str) -> dict[str, str]:
    """Each link's title -> its address."""
    return {title: url for title, url in LINK.findall(text)}
