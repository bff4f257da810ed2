"""When the assistant's server can't be reached the widget says so, and "Try again" recovers."""
from playwright.sync_api import expect


def test_unreachable_server_is_reported_and_retry_recovers(site):
    site.page.context.set_offline(True)
    site.open_chat()
    expect(site.alert).to_contain_text("We can't reach the assistant right now")

    site.message_box.fill("Hello?")
    site.message_box.press("Enter")
    expect(site.message_box).to_have_value("Hello?")  # kept, not lost
    expect(site.messages("user")).to_have_count(0)

    site.page.context.set_offline(False)
    site.dialog.get_by_role("button", name="Try again").click()
    expect(site.alert).to_be_hidden()
    assert "Harbor Valley" in site.greeting()
