"""When the assistant's server can't be reached the widget says so, "Try again" recovers, and it
reconnects by itself, with back-off, once the server is back."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.pages import StudentSite
from tests.support.tcp_relay import TcpRelay
from tests.support.web_service import web_service

UNREACHABLE = "We can't reach the assistant right now"


def test_unreachable_server_is_reported_and_retry_recovers(site):
    site.page.context.set_offline(True)
    site.open_chat()
    expect(site.alert).to_contain_text(UNREACHABLE)

    site.message_box.fill("Hello?")
    site.message_box.press("Enter")
    expect(site.message_box).to_have_value("Hello?")  # kept, not lost
    expect(site.messages("user")).to_have_count(0)

    site.page.context.set_offline(False)
    site.dialog.get_by_role("button", name="Try again").click()
    expect(site.alert).to_be_hidden()
    assert "Harbor Valley" in site.greeting()


@pytest.fixture
def relay(bot_servers):
    """The Rasa server behind a relay the test can cut, as if the server went away and came back."""
    relay = TcpRelay("127.0.0.1", urlsplit(bot_servers.rasa_url).port)
    yield relay
    relay.close()


@pytest.fixture
def relayed_site(relay, bot_servers, new_context, tmp_path) -> StudentSite:
    """The site, its widget reaching Rasa through ``relay``."""
    env = {
        "MICROCRED_DATABASE_URL": bot_servers.database_url,
        "RASA_URL": relay.url,
        "RASA_API_TOKEN": bot_servers.api_token,
        "MICROCRED_DEMO_SIGNIN": "1",
    }
    # On the port the Rasa server accepts a second site's browsers from (tests/support/servers.py).
    with web_service(env, tmp_path / "web.log", port=bot_servers.second_site_port) as url:
        yield StudentSite.visit(new_context().new_page(), url)


def test_the_widget_reconnects_by_itself_when_the_assistant_is_back(relay, relayed_site):
    site = relayed_site
    site.open_chat()
    site.greeting()
    site.ask("What do I need to earn the SQL Fundamentals badge?")

    relay.block()
    expect(site.alert).to_contain_text(UNREACHABLE)
    expect(site.alert).to_contain_text("reconnects by itself")
    expect(site.alert).not_to_contain_text("your connection")

    relay.restore()  # no click, no reload: the widget finds the server again on its own
    expect(site.alert).to_be_hidden(timeout=60_000)
    assert "SQL Fundamentals" in site.ask("How much does it cost?")  # the same conversation goes on
