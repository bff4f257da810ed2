"""A student asks for a person; an advisor answers from the console; the student sees it."""

from playwright.sync_api import expect

from bot.i18n import t

#: What each message gets while an advisor has the conversation (in English).
WAITING = t("handoff.waiting")

MARCUS = "Marcus Johnson (S1004), A.A.S. in Information Technology"


def test_student_sees_the_advisors_reply_from_a_person(site, advisor_console):
    site.sign_in(MARCUS)
    site.open_chat()
    site.greeting()
    question = "I want to talk to a person about my IT certificate"
    handoff = site.ask(question)
    assert "advisor" in handoff.lower()

    reply = "Hi Marcus, I'm Dana. Let's look at your IT Support Technician Certificate together."
    advisor_console.reply_to_case("Marcus Johnson (S1004)", question, reply)

    from_advisor = site.messages("advisor").last
    expect(from_advisor).to_contain_text(reply, timeout=30_000)
    expect(from_advisor.locator(".msg-from")).to_have_text(f"{advisor_console.name}, advisor")
    expect(from_advisor.locator(".msg-from")).to_be_visible()


def test_messages_while_the_advisor_is_awaited_are_acknowledged_without_typing_dots(site):
    site.open_chat()
    site.greeting()
    assert "advisor" in site.ask("can I talk to a human advisor please").lower()
    assert WAITING in site.ask("hello? is anyone there?")

    typing = site.dialog.locator("[data-chat-typing]")
    before = site.messages("bot").count()
    site.message_box.fill("are you still there?")
    site.message_box.press("Enter")
    expect(site.last_said("user")).to_have_text("are you still there?")
    assert typing.is_hidden(), "the typing dots showed although only an acknowledgement comes"
    assert WAITING in site.reply_after(before)
