"""The end-to-end harness: a real Rasa server, action server and web service over HTTP.

Once per test session, ``bot_servers`` starts the three servers on free ports with the
trained model in ``models/`` (``make test`` trains it first) and a fresh database holding
the catalog and the demo student records (see ``tests/servers.py``). Tests talk through
the REST channel exactly as a website would.
"""
from __future__ import annotations

import pytest

from tests.servers import BotServers, new_sender, running_servers

__all__ = ["BotServers", "new_sender", "texts", "buttons"]


def texts(messages: list[dict]) -> str:
    """All the text of the bot's messages, joined, for assertions."""
    return "\n".join(m.get("text", "") for m in messages)


def buttons(messages: list[dict]) -> list[dict]:
    return [b for m in messages for b in m.get("buttons", [])]


@pytest.fixture(scope="session")
def bot_servers(tmp_path_factory) -> BotServers:
    try:
        with running_servers(tmp_path_factory.mktemp("e2e")) as servers:
            yield servers
    except RuntimeError as error:
        pytest.fail(str(error))
