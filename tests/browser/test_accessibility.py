"""The widget is usable by keyboard (focus stays in the open dialog), announces messages, fits
small screens, covers none of the page's controls, and passes axe; so do the credential pages."""

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.pages import StudentSite

AXE = Path(__file__).resolve().parents[2] / "web" / "site" / "node_modules" / "axe-core" / "axe.min.js"


def test_no_serious_or_critical_axe_violations_with_the_widget_open(new_context, bot_servers):
    # axe is injected as an inline script, which the page's Content-Security-Policy forbids.
    site = StudentSite.visit(new_context(bypass_csp=True).new_page(), bot_servers.web_url)
    site.open_chat()
    site.greeting()
    site.ask("What do I need to earn the SQL Fundamentals badge?")

    site.page.add_script_tag(path=str(AXE))
    results = site.page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious],
        indent=2,
    )


def test_keyboard_only_open_chat_send_and_close(site):
    page = site.page
    for _ in range(60):  # the launcher is reachable with Tab
        page.keyboard.press("Tab")
        if site.launcher.evaluate("element => element === document.activeElement"):
            break
    expect(site.launcher).to_be_focused()
    expect(site.launcher).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")
    expect(site.dialog).to_be_visible()
    expect(site.launcher).to_have_attribute("aria-expanded", "true")
    expect(site.message_box).to_be_focused()
    site.greeting()

    page.keyboard.type("What is a micro-credential?")
    page.keyboard.press("Enter")
    expect(site.last_said("user")).to_have_text("What is a micro-credential?")
    expect(site.log).to_have_attribute("aria-live", "polite")

    page.keyboard.press("Escape")
    expect(site.dialog).to_be_hidden()
    expect(site.launcher).to_be_focused()


def _fits_without_horizontal_scroll(site):
    site.open_chat()
    site.greeting()
    site.ask("What do I need to earn the SQL Fundamentals badge?")
    page = site.page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert site.log.evaluate("log => log.scrollWidth <= log.clientWidth")
    expect(site.message_box).to_be_in_viewport()
    expect(site.dialog.get_by_role("button", name="Send")).to_be_in_viewport()
    expect(site.dialog.get_by_role("button", name="Close chat")).to_be_in_viewport()


def test_usable_at_320_css_pixels_wide(new_context, bot_servers):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    _fits_without_horizontal_scroll(StudentSite.visit(page, bot_servers.web_url))


def test_usable_at_200_percent_zoom(new_context, bot_servers):
    # A 1280x800 window at 200% zoom lays out like a 640x400 viewport at twice the pixel density.
    page = new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2).new_page()
    _fits_without_horizontal_scroll(StudentSite.visit(page, bot_servers.web_url))


INSIDE_THE_CHAT = "() => document.querySelector('[data-chat-panel]').contains(document.activeElement)"


def test_tab_and_shift_tab_stay_inside_the_open_chat(site):
    page = site.page
    site.open_chat()
    site.greeting()
    site.ask("What do I need to earn the SQL Fundamentals badge?")  # links and buttons in the log
    send = site.dialog.get_by_role("button", name="Send")
    close = site.dialog.get_by_role("button", name="Close chat")
    send.focus()
    page.keyboard.press("Tab")
    expect(close).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(send).to_be_focused()
    for key in ["Tab"] * 25 + ["Shift+Tab"] * 25:
        page.keyboard.press(key)
        assert page.evaluate(INSIDE_THE_CHAT), f"{key} left the open chat"


#: The page's own controls that the launcher or the open chat would cover, each brought into view
#: the way the browser scrolls to a control (keeping clear of the page's scroll padding).
COVERED_CONTROLS = """() => {
  const chat = [...document.querySelectorAll('.chat-launcher, .chat-panel')]
    .filter((node) => node.getClientRects().length);
  const controls = [...document.querySelectorAll('a[href], button, select, input')]
    .filter((node) => node.getClientRects().length && !node.closest('.chat'));
  const covered = [];
  for (const control of controls) {
    control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = control.getBoundingClientRect();
    for (const box of chat.map((node) => node.getBoundingClientRect())) {
      if (r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom) {
        covered.push(control.textContent.trim() || control.outerHTML.slice(0, 80));
      }
    }
  }
  return covered;
}"""


def test_neither_the_launcher_nor_the_open_chat_covers_the_pages_controls_on_a_desktop(site):
    page = site.page
    sign_in = page.get_by_role("button", name="Sign in", exact=True)
    expect(sign_in).to_be_visible()
    assert page.evaluate(COVERED_CONTROLS) == []
    site.open_chat()
    site.greeting()
    assert page.evaluate(COVERED_CONTROLS) == []
    sign_in.click()  # a real click: Playwright fails it if something else would receive it
    expect(page.locator("#account")).to_contain_text("Signed in as")
    expect(site.dialog).to_be_visible()


def test_a_credential_page_has_no_serious_or_critical_axe_violations(new_context, bot_servers):
    page = new_context(bypass_csp=True).new_page()
    page.goto(f"{bot_servers.web_url}/credentials/data-analytics-certificate")
    expect(page.get_by_role("heading", level=1)).to_have_text("Data Analytics Certificate")
    expect(page.get_by_role("link", name="SQL Fundamentals")).to_have_attribute(
        "href", "/credentials/sql-fundamentals-badge"
    )
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"rule": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in serious],
        indent=2,
    )
