"""Whole conversations in the widget in Spanish and in French, against the real servers: on
the page in that language a signed-in student asks a FAQ question, a named credential's
requirements, their progress and a recommendation for a goal, then asks for a person; the
advisor's reply from the console reaches the widget. Every reply is in the page's language
and each message is marked with it (``lang``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.i18n.languages import native_name
from tests.browser.pages import REPLY_SECONDS, AdvisorConsole, StudentSite
from tests.e2e.test_languages import CONVERSATIONS

NOAH = "Noah Fischer (S1012), B.S. in Economics"


def plain(site: StudentSite, text: str) -> str:
    """What the widget shows, without the screen-reader note of each link and with no-break
    spaces as spaces."""
    text = text.replace(f"\n{site.say('widget.new_tab')}\n", "")
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_a_student_holds_a_whole_conversation_in_the_pages_language(new_context, bot_servers, language):
    words = CONVERSATIONS[language]
    site = StudentSite.visit(new_context().new_page(), bot_servers.web_url, language)
    expect(site.page.locator("html")).to_have_attribute("lang", language)
    site.sign_in(NOAH)
    site.open_chat()
    assert words.greeting in plain(site, site.greeting())

    assert words.faq_answer in plain(site, site.ask(words.faq))
    requirements = plain(site, site.ask(words.requirements))
    assert all(part in requirements for part in words.requirements_answer), requirements
    progress = plain(site, site.ask(words.progress))
    assert all(part in progress for part in words.progress_answer), progress
    recommended = plain(site, site.ask(words.goal))
    assert all(part in recommended for part in words.recommendation), recommended
    bot = site.messages("bot")
    assert {bot.nth(i).get_attribute("lang") for i in range(bot.count())} == {language}

    assert words.case_opened in plain(site, site.ask(words.human))
    console = AdvisorConsole.signed_in(new_context().new_page(), bot_servers)
    reply = {
        "es": "Hola Noah, soy Dana. Veamos tu certificado.",
        "fr": "Bonjour Noah, ici Dana. Regardons votre certificat.",
    }
    console.reply_to_case("Noah Fischer (S1012)", words.human, reply[language])
    expect(console.page.get_by_text(f"{native_name(language)} ({language})").first).to_be_visible()
    from_advisor = site.messages("advisor").last
    expect(from_advisor).to_contain_text(reply[language], timeout=REPLY_SECONDS * 1000)
    expect(from_advisor.locator(".msg-from")).to_have_text(
        site.say("widget.sender.advisor", name=console.name)
    )
