"""Demo sign-in lists the demo students when on (make run); in production it is not offered."""

import requests
from playwright.sync_api import expect

from tests.browser.pages import StudentSite


def test_demo_sign_in_lists_the_demo_students(site):
    options = site.page.get_by_label("Demo student").locator("option").all_inner_texts()
    assert "Maya Chen (S1001), B.S. in Business Analytics" in options
    assert len(options) == 12


def test_demo_sign_in_is_off_in_production(new_context, production_web_url):
    site = StudentSite.visit(new_context().new_page(), production_web_url)
    expect(site.page.get_by_text("Student sign-in is not available on this site.")).to_be_visible()
    expect(site.page.get_by_label("Demo student")).to_be_hidden()
    refused = requests.post(
        f"{production_web_url}/api/demo/sign-in", json={"student_id": "S1001"}, timeout=10
    )
    assert refused.status_code == 404
    # Anonymous use still works: the widget is there for prospective learners.
    site.open_chat()
    expect(site.identity).to_have_text("Guest (not signed in)")
