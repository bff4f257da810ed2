"""A student signs in with the demo sign-in and checks their own progress in the widget."""

from playwright.sync_api import expect

MAYA = "Maya Chen (S1001), B.S. in Business Analytics"


def test_signed_in_student_checks_progress_then_signs_out(site):
    site.sign_in(MAYA)
    site.open_chat()
    expect(site.identity).to_have_text("Signed in as Maya Chen")
    site.greeting()

    progress = site.ask("Show my progress")
    assert "Data Visualization" in progress  # Maya's credential in progress
    assert "%" in progress

    site.sign_out()
    expect(site.identity).to_have_text("Guest (not signed in)")
    expect(site.messages("user")).to_have_count(0)
    expect(site.messages("system").last).to_contain_text("You signed out")
    assert "sign in" in site.ask("Show my progress").lower()


def test_sign_in_is_kept_across_a_reload(site):
    site.sign_in(MAYA)
    site.page.reload()
    expect(site.page.locator("#account")).to_contain_text("Signed in as Maya Chen (S1001)")
    site.open_chat()
    expect(site.identity).to_have_text("Signed in as Maya Chen")
