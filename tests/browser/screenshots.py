"""Screenshots for the README, written to docs/screenshots/ by ``make screenshots``.

Not collected by ``make test`` (the file name has no ``test_`` prefix); pytest runs it
for the same servers and browser fixtures as the browser tests. It checks each scene
shows what the caption promises before it takes the picture.
"""

from __future__ import annotations

from playwright.sync_api import expect

from bot.config import PROJECT_ROOT
from tests.browser.pages import StudentSite

SHOTS = PROJECT_ROOT / "docs" / "screenshots"
MARCUS = "Marcus Johnson (S1004), A.A.S. in Information Technology"


def test_screenshots(new_context, bot_servers, advisor_console):
    SHOTS.mkdir(parents=True, exist_ok=True)

    learner = StudentSite.visit(new_context().new_page(), bot_servers.web_url)
    learner.open_chat()
    learner.greeting()
    assert "SQL Fundamentals" in learner.ask("What do I need to earn the SQL Fundamentals badge?")
    learner.page.screenshot(path=SHOTS / "site-chat.png")

    phone = StudentSite.visit(
        new_context(viewport={"width": 360, "height": 740}).new_page(), bot_servers.web_url
    )
    phone.open_chat()
    phone.greeting()
    assert "free" in phone.ask("Which credentials are free?").lower()
    phone.page.screenshot(path=SHOTS / "site-chat-phone.png")

    student = StudentSite.visit(new_context().new_page(), bot_servers.web_url)
    student.sign_in(MARCUS)
    student.open_chat()
    student.greeting()
    question = "Can I talk to an advisor about the IT Support Technician Certificate?"
    student.ask(question)
    reply = "Hi Marcus, I'm Dana. Happy to go through the certificate with you."
    advisor_console.reply_to_case("Marcus Johnson (S1004)", question, reply)
    advisor_console.page.screenshot(path=SHOTS / "advisor-console.png", full_page=True)
    expect(student.last_said("advisor")).to_have_text(reply)
    student.page.evaluate("window.scrollTo(0, 0)")
    student.page.screenshot(path=SHOTS / "site-advisor-reply.png")
