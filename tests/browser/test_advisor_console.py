"""The advisor console works by keyboard alone, announces what happens, and passes axe."""
from __future__ import annotations

import json
import uuid

from playwright.sync_api import Page, expect

from bot.db import get_engine
from bot.handoff.advisors import create_advisor
from tests.browser.test_accessibility import AXE
from tests.servers import new_sender

PASSWORD = "correct horse battery"


def open_case_by_chat(bot_servers) -> str:
    """A learner's words, sent as a request for a person; a case is open for them."""
    words = f"please can I talk to a person {uuid.uuid4().hex[:6]}"
    bot_servers.chat(words, new_sender())
    return words


def new_advisor(bot_servers, name: str) -> str:
    email = f"advisor-{uuid.uuid4().hex[:8]}@hvu.example.edu"
    create_advisor(email, name, PASSWORD, engine=get_engine(bot_servers.database_url))
    return email


def tab_to(page: Page, locator, presses: int = 60) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    expect(locator).to_be_focused()


def test_sign_in_open_claim_and_reply_by_keyboard_only(new_context, bot_servers):
    email = new_advisor(bot_servers, "Robin Keys")
    words = open_case_by_chat(bot_servers)
    page = new_context().new_page()
    page.goto(f"{bot_servers.web_url}/advisor/")

    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Signed in as Robin Keys.")

    case_button = page.locator("#queue-list button").filter(has_text="Anonymous").last
    expect(case_button).to_be_visible()
    tab_to(page, case_button)
    page.keyboard.press("Enter")
    expect(page.locator("#case-title")).to_be_focused()
    expect(page.locator("#transcript")).to_contain_text(words)

    tab_to(page, page.get_by_role("button", name="Claim this case"), presses=10)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("You have claimed case #")
    expect(page.get_by_label("Reply to the learner")).to_be_focused()
    page.keyboard.type("Hello from Robin, typed without a mouse.")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_role("status")).to_have_text("Reply sent.")
    expect(page.locator("#transcript")).to_contain_text("Hello from Robin, typed without a mouse.")


def test_no_serious_or_critical_axe_violations_with_a_case_open(new_context, bot_servers):
    email = new_advisor(bot_servers, "Alex Axe")
    words = open_case_by_chat(bot_servers)
    # axe is injected as an inline script, which the console's Content-Security-Policy forbids.
    page = new_context(bypass_csp=True).new_page()
    page.goto(f"{bot_servers.web_url}/advisor/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("#queue-list button").filter(has_text="Anonymous").last.click()
    expect(page.locator("#transcript")).to_contain_text(words)
    page.get_by_role("button", name="Claim this case").click()
    expect(page.get_by_label("Reply to the learner")).to_be_visible()

    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious], indent=2
    )
