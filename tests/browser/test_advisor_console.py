"""The advisor console works by keyboard alone, announces what happens, shows names rather than
ids, keeps nothing of the queue or a case in the page when signed out, and passes axe."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

from playwright.sync_api import Page, expect

from bot.config import Settings
from bot.db import get_engine
from bot.identity.advisors import create_advisor
from bot.identity.tokens import issue_token
from tests.browser.test_accessibility import AXE
from tests.support.servers import new_sender

PASSWORD = "correct horse battery"


def open_case_by_chat(bot_servers) -> str:
    """A learner's words, sent as a request for a person; a case is open for them."""
    words = f"please can I talk to a person {uuid.uuid4().hex[:6]}"
    bot_servers.chat(words, new_sender())
    return words


def open_case_for_student(bot_servers, student_id: str) -> str:
    """A signed-in student asks for a person about a credential; returns their words."""
    settings = replace(Settings.from_env(), jwt_secret=bot_servers.jwt_secret)
    token = issue_token(student_id, settings=settings, engine=get_engine(bot_servers.database_url))
    sender = new_sender()
    bot_servers.chat("What do I need for the SQL Fundamentals badge?", sender, token)
    words = f"can I talk to a person please {uuid.uuid4().hex[:6]}"
    bot_servers.chat(words, sender, token)
    return words


def sign_in(page: Page, bot_servers, email: str) -> None:
    page.goto(f"{bot_servers.web_url}/advisor/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def shows_nothing_of_cases(page: Page, *secrets: str) -> None:
    """Neither on screen nor anywhere in the DOM: no queue, no case, no learner's words."""
    expect(page.get_by_role("heading", name="Cases waiting for an advisor")).to_be_hidden()
    expect(page.locator("#workspace")).to_be_hidden()
    for container in ("#queue-list", "#case-details", "#transcript", "#student-body"):
        expect(page.locator(f"{container} > *")).to_have_count(0)
    dom = page.content()
    for secret in ("Case #", *secrets):
        assert secret not in dom, secret


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
    student_words = open_case_for_student(bot_servers, "S1008")
    page = new_context(bypass_csp=True).new_page()
    sign_in(page, bot_servers, email)
    # A student's case first (its context shows before claiming), then an anonymous one, claimed.
    page.locator("#queue-list button").filter(has_text="Daniel Kim (S1008)").last.click()
    expect(page.locator("#transcript")).to_contain_text(student_words)
    expect(page.get_by_role("heading", name="The student's progress")).to_be_visible()
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
        [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious],
        indent=2,
    )


def test_names_not_ids_and_the_students_context_before_claiming(new_context, bot_servers):
    email = new_advisor(bot_servers, "Noor Names")
    words = open_case_for_student(bot_servers, "S1008")
    page = new_context().new_page()
    sign_in(page, bot_servers, email)
    case = page.locator("#queue-list button").filter(has_text="Daniel Kim (S1008)").last
    expect(case).to_be_visible()
    case.click()
    expect(page.locator("#transcript")).to_contain_text(words)
    details = page.locator("#case-details")
    expect(details).to_contain_text("Daniel Kim (S1008)")
    expect(details).to_contain_text("SQL Fundamentals")
    expect(details).not_to_contain_text("sql-fundamentals-badge")
    expect(page.get_by_role("button", name="Claim this case")).to_be_visible()
    expect(page.get_by_role("heading", name="The student's progress")).to_be_visible()
    expect(page.locator("#student-body")).to_contain_text("Daniel (S1008)")


def test_the_transcript_scrolls_from_the_keyboard(new_context, bot_servers):
    email = new_advisor(bot_servers, "Kai Scroll")
    words = open_case_by_chat(bot_servers)
    page = new_context(viewport={"width": 1280, "height": 500}).new_page()
    sign_in(page, bot_servers, email)
    page.locator("#queue-list button").filter(has_text="Anonymous").last.click()
    transcript = page.locator("#transcript")
    expect(transcript).to_contain_text(words)
    transcript.evaluate(
        "list => { list.style.maxHeight = '3rem'; list.scrollTop = 0; }"
    )  # force it to overflow
    tab_to(page, transcript)
    expect(transcript).to_be_focused()
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('#transcript').scrollTop > 0")


def test_nothing_of_the_queue_or_a_case_is_in_the_page_before_sign_in_or_after_sign_out(
    new_context, bot_servers
):
    email = new_advisor(bot_servers, "Sam Signout")
    words = open_case_for_student(bot_servers, "S1008")
    page = new_context().new_page()
    page.goto(f"{bot_servers.web_url}/advisor/")
    expect(page.get_by_label("Email")).to_be_focused()
    shows_nothing_of_cases(page, words, "Daniel")

    sign_in(page, bot_servers, email)
    page.locator("#queue-list button").filter(has_text="Daniel Kim (S1008)").last.click()
    expect(page.locator("#transcript")).to_contain_text(words)
    expect(page.locator("#student-body")).to_contain_text("Daniel")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
    expect(page.get_by_text("Signed in as")).to_be_hidden()
    expect(page.get_by_label("Email")).to_be_visible()
    page.wait_for_timeout(3500)  # a poll that was on its way must not bring anything back
    shows_nothing_of_cases(page, words, "Daniel", "S1008", "Sam Signout")
