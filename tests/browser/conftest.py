"""Browser fixtures: Debian's Chromium, driven by Playwright, against the end-to-end servers.

Chromium is ``/usr/bin/chromium`` (``make system-deps`` installs it); Playwright never
downloads a browser. The servers (Rasa, actions, web service with demo sign-in on) come
from the ``bot_servers`` fixture in ``tests/conftest.py``. Each test gets fresh browser contexts, so fresh storage.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.pages import AdvisorConsole, StudentSite
from tests.support.servers import unended_turns
from tests.support.web_service import web_service

CHROMIUM = Path("/usr/bin/chromium")
#: What Chromium needs on these machines: no sandbox as root, no GPU, and no calls home
#: (the closed network refuses them). Playwright gives each launch a fresh profile.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 30_000


@pytest.fixture(autouse=True)
def every_turn_ends(bot_servers):
    """A browser test also fails when Rasa stopped a turn with its circuit breaker meanwhile."""
    with unended_turns(bot_servers) as found:
        yield
    assert not found, f"Rasa stopped a turn that never ended: {found}"


# Package scope: Playwright's sync API keeps an asyncio loop running in this thread while it
# is open, and the tests after this package run actions with asyncio.run().
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (Debian's chromium package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make a browser context (a separate visitor); all are closed after the test, which
    fails if any page threw an uncaught JavaScript error."""
    contexts, errors = [], []

    def make(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("weberror", lambda web_error: errors.append(str(web_error.error)))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"uncaught JavaScript errors: {errors}"


@pytest.fixture
def site(new_context, bot_servers) -> StudentSite:
    """The student-services page, loaded, as a new visitor."""
    return StudentSite.visit(new_context().new_page(), bot_servers.web_url)


@pytest.fixture
def advisor_console(new_context, bot_servers) -> AdvisorConsole:
    """The advisor console in its own browser context, signed in as a new advisor."""
    return AdvisorConsole.signed_in(new_context().new_page(), bot_servers)


@pytest.fixture(scope="session")
def production_web_url(bot_servers, tmp_path_factory):
    """A second web service as in production: the same servers, demo sign-in off."""
    env = {
        "MICROCRED_DATABASE_URL": bot_servers.database_url,
        "RASA_URL": bot_servers.rasa_url,
        "MICROCRED_DEMO_SIGNIN": "0",
    }
    with web_service(env, tmp_path_factory.mktemp("production_web") / "web.log") as url:
        yield url
