"""Every end-to-end test also fails when Rasa stopped a turn with its circuit breaker while it ran."""

from __future__ import annotations

import pytest

from tests.support.servers import unended_turns


@pytest.fixture(autouse=True)
def every_turn_ends(bot_servers):
    with unended_turns(bot_servers) as found:
        yield
    assert not found, f"Rasa stopped a turn that never ended: {found}"
