"""Page objects for the browser tests: the student-services site with its chat widget, and
the advisor console. They find things the way a user does: by role, label and text."""

from __future__ import annotations

import re
import time
import uuid

from playwright.sync_api import Page, expect

from bot.db import get_engine
from bot.i18n import t
from bot.identity.advisors import create_advisor

#: How long the bot may take to finish a reply (several messages may arrive).
REPLY_SECONDS = 30
#: A reply is complete once no new message has arrived for this long.
QUIET_SECONDS = 1.5


class StudentSite:
    """The page in ``language``: its controls are found by the words the page says in it
    (``bot/i18n/locales/<language>/``)."""

    def __init__(self, page: Page, language: str = "en"):
        self.page = page
        self.language = language
        self.launcher = page.get_by_role(
            "button", name=re.compile("^" + re.escape(self.say("widget.launcher")))
        )
        self.dialog = page.get_by_role("dialog", name=self.say("widget.title", short_name="HVU"))
        self.log = self.dialog.get_by_role("log", name=self.say("widget.log"))
        self.message_box = self.dialog.get_by_label(self.say("widget.input_label"))
        self.identity = self.dialog.locator("#chat-identity")
        self.alert = self.dialog.get_by_role("alert")

    def say(self, key: str, **values: str) -> str:
        return t(key, language=self.language, **values)

    @classmethod
    def visit(cls, page: Page, url: str, language: str = "en") -> StudentSite:
        page.goto(url if language == "en" else f"{url}/?lang={language}")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            t("site.title", language=language, short_name="HVU")
        )
        return cls(page, language)

    def messages(self, sender: str):
        """The messages in the log from "bot", "user", "advisor" or "system"."""
        return self.log.locator(f".msg-{sender}")

    def last_said(self, sender: str):
        """The text of the newest message from ``sender``, without its sender label."""
        return self.messages(sender).last.locator(".msg-text")

    def open_chat(self) -> None:
        self.launcher.click()
        expect(self.dialog).to_be_visible()

    def greeting(self) -> str:
        return self.reply_after(0)

    def ask(self, text: str) -> str:
        """Type ``text`` into the widget and send it; return the assistant's whole reply."""
        before = self.messages("bot").count()
        self.message_box.fill(text)
        self.message_box.press("Enter")
        expect(self.last_said("user")).to_have_text(text)
        return self.reply_after(before)

    def click_choice(self, title: str) -> str:
        """Click a suggested reply (a button) in the newest bot message; return the reply."""
        before = self.messages("bot").count()
        self.messages("bot").get_by_role("button", name=title).last.click()
        return self.reply_after(before)

    def reply_after(self, seen: int) -> str:
        """The text of the bot messages after the first ``seen``, once they stop arriving."""
        bot = self.messages("bot")
        expect(bot.nth(seen)).to_be_visible(timeout=REPLY_SECONDS * 1000)
        count, settled = bot.count(), time.monotonic()
        while time.monotonic() - settled < QUIET_SECONDS:
            time.sleep(0.25)
            if bot.count() != count:
                count, settled = bot.count(), time.monotonic()
        return "\n".join(bot.nth(i).inner_text() for i in range(seen, count))

    def choices(self) -> list[str]:
        """The titles of the suggested replies under the newest bot message."""
        return self.messages("bot").last.get_by_role("button").all_inner_texts()

    def sign_in(self, student_label: str) -> None:
        """Demo sign-in from the page's "Sign in" section."""
        self.page.get_by_label(self.say("site.account.demo_student")).select_option(label=student_label)
        self.page.get_by_role("button", name=self.say("site.account.sign_in"), exact=True).click()
        name = student_label.split(" (")[0]
        expect(self.page.locator("#account")).to_contain_text(
            self.say("site.account.student", name=name).rstrip(".")
        )

    def sign_out(self) -> None:
        self.page.get_by_role("button", name=self.say("site.account.sign_out")).click()
        expect(self.page.locator("#account")).to_contain_text(self.say("site.account.guest"))


class AdvisorConsole:
    def __init__(self, page: Page, name: str):
        self.page = page
        self.name = name

    @classmethod
    def signed_in(cls, page: Page, servers) -> AdvisorConsole:
        """Create an advisor account, then sign in to the console with it."""
        email, password, name = (
            f"advisor-{uuid.uuid4().hex[:8]}@hvu.example.edu",
            "correct horse battery",
            "Dana Reyes",
        )
        create_advisor(email, name, password, engine=get_engine(servers.database_url))
        page.goto(f"{servers.web_url}/advisor/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("status")).to_have_text(f"Signed in as {name}.")
        return cls(page, name)

    def reply_to_case(self, learner: str, learner_words: str, reply: str) -> None:
        """Find ``learner``'s waiting case whose conversation holds ``learner_words``, claim it, reply."""
        page, transcript = self.page, self.page.locator("#transcript")
        cases = page.locator("#queue-list button").filter(has_text=learner)
        expect(cases.first).to_be_visible()
        for index in range(cases.count()):
            case = cases.nth(index)
            number = re.search(r"Case #\d+", case.inner_text()).group()
            case.click()
            expect(page.locator("#case-title")).to_have_text(number)  # its transcript is shown with it
            expect(page.locator("#case-title")).to_be_focused()
            if learner_words in transcript.inner_text():
                break
        expect(transcript).to_contain_text(learner_words)
        page.get_by_role("button", name="Claim this case").click()
        page.get_by_label("Reply to the learner").fill(reply)
        page.get_by_role("button", name="Send reply").click()
        expect(transcript).to_contain_text(reply)
