"""The end-to-end tests of the second catalog run against its own servers, not the demo's: every
turn there must end too."""

from __future__ import annotations

import pytest

from tests.support.servers import unended_turns


@pytest.fixture(autouse=True)
def every_turn_ends(second_catalog_servers):
    with unended_turns(second_catalog_servers) as found:
        yield
    assert not found, f"Rasa stopped a turn that never ended: {found}"
