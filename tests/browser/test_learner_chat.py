"""An anonymous prospective learner uses the chat widget on the student-services page."""

import re

from playwright.sync_api import expect


def test_anonymous_learner_asks_for_requirements_and_clicks_a_button(site):
    site.open_chat()
    expect(site.identity).to_have_text("Guest (not signed in)")
    assert "Harbor Valley" in site.greeting()

    reply = site.ask("What do I need to earn the SQL Fundamentals badge?")
    assert "SQL Fundamentals" in reply
    choices = site.choices()
    assert choices, "the requirements answer offers next steps as buttons"

    follow_up = site.click_choice(choices[0])
    # The learner sees the button's title as their message, never its payload.
    expect(site.last_said("user")).to_have_text(choices[0])
    assert follow_up.strip()


def test_conversation_survives_a_page_reload(site):
    site.open_chat()
    site.greeting()
    site.ask("What do I need to earn the SQL Fundamentals badge?")
    shown = site.log.inner_text()

    site.page.reload()
    expect(site.dialog).to_be_visible()
    expect(site.log).to_have_text(shown, use_inner_text=True)
    # The same Rasa session goes on: a follow-up still knows the credential.
    assert "SQL Fundamentals" in site.ask("How much does it cost?")


def test_links_in_answers_are_clickable(site):
    site.open_chat()
    site.greeting()
    site.ask("How do I enroll in the SQL Fundamentals badge?")
    link = site.messages("bot").get_by_role("link").last
    expect(link).to_have_attribute("href", re.compile(r"^(https?|mailto):"))
