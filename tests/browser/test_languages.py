"""The site and its chat widget in Spanish and French: the browser's language opens the page in
Spanish, the widget speaks Spanish and sends it with every message, the switcher turns page
and widget French (remembered), and a reply in another language makes the widget follow it
and say so; the advisor console names each case's language (a real conversation in Spanish)."""

from __future__ import annotations

import json
import re
import time
import uuid

from playwright.sync_api import Page, WebSocketRoute, expect

from tests.browser.pages import QUIET_SECONDS, REPLY_SECONDS
from tests.browser.test_accessibility import AXE
from tests.browser.test_advisor_console import new_advisor, sign_in
from tests.support.advisor_api import case_of
from tests.support.servers import new_sender

#: A socket.io event frame (Engine.IO "4" message, Socket.IO "2" event): 42["name",data].
EVENT = re.compile(r'^42\["(\w+)",(.*)\]$', re.S)


def events(frames: list[str], name: str) -> list[dict]:
    """The data of each socket.io ``name`` event among ``frames``."""
    found = []
    for frame in frames:
        match = EVENT.match(frame) if isinstance(frame, str) else None
        if match and match.group(1) == name:
            found.append(json.loads(match.group(2)))
    return found


def relay_socket(page: Page, say_language) -> tuple[list[str], list[str]]:
    """Relay the page's socket to the Rasa server, each reply (``bot_uttered``) said to be in
    ``say_language(reply)`` (None: not said); the frames the page sends and those it receives."""
    sent: list[str] = []
    received: list[str] = []

    def relay(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def to_server(frame):
            sent.append(frame)
            server.send(frame)

        def to_page(frame):
            match = EVENT.match(frame) if isinstance(frame, str) else None
            if match and match.group(1) == "bot_uttered":
                reply = {k: v for k, v in json.loads(match.group(2)).items() if k != "language"}
                language = say_language(reply)
                frame = "42" + json.dumps(
                    ["bot_uttered", {**reply, **({"language": language} if language else {})}]
                )
            received.append(frame)
            socket.send(frame)

        socket.on_message(to_server)
        server.on_message(to_page)

    page.route_web_socket(re.compile(r"/socket\.io/"), relay)
    return sent, received


def wait_for(page: Page, condition, seconds: float = REPLY_SECONDS) -> None:
    """Until ``condition()`` holds. The page's own clock does the waiting: Playwright's sync API
    runs the socket relay's handlers only while a call into it is pending, never in a sleep."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(200)


def settled(messages) -> None:
    """Once no new message has come for a while (waiting on the page's clock, as ``wait_for``)."""
    count, since = messages.count(), time.monotonic()
    while time.monotonic() - since < QUIET_SECONDS:
        messages.page.wait_for_timeout(250)
        if messages.count() != count:
            count, since = messages.count(), time.monotonic()


def chat(page: Page, title: str, log: str):
    dialog = page.get_by_role("dialog", name=title)
    return dialog, dialog.get_by_role("log", name=log)


def test_the_page_and_widget_in_spanish_then_french_with_the_switcher(new_context, bot_servers):
    page = new_context(locale="es-ES").new_page()
    # The replies say no language: the widget keeps its own (the page's) for them.
    sent, received = relay_socket(page, lambda reply: None)
    page.goto(bot_servers.web_url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Servicios Estudiantiles de HVU — Microcredenciales"
    )
    languages = page.get_by_role("navigation", name="Idioma")
    expect(languages.get_by_role("link", name="Español")).to_have_attribute("aria-current", "true")

    page.get_by_role("button", name=re.compile("^Chatea con nosotros")).click()
    dialog, log = chat(page, "Asistente de orientación de HVU", "Conversación")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cerrar el chat")).to_be_visible()
    expect(dialog.get_by_role("button", name="Enviar")).to_be_visible()
    box = dialog.get_by_label("Tu mensaje")
    expect(box).to_have_attribute("placeholder", "Pregunta sobre microcredenciales…")
    expect(log.locator(".msg-bot").first).to_have_attribute("lang", "es")  # the greeting

    answered = log.locator(".msg-bot").count()
    box.fill("¿Qué es una microcredencial?")
    box.press("Enter")
    expect(log.locator(".msg-user").last).to_have_attribute("lang", "es")
    wait_for(page, lambda: len(events(sent, "user_uttered")) == 2)
    assert [e["customData"] for e in events(sent, "user_uttered")] == [{"language": "es"}] * 2
    expect(log.locator(".msg-bot").nth(answered)).to_have_attribute(
        "lang", "es", timeout=REPLY_SECONDS * 1000
    )

    confirmed = len(events(received, "session_confirm"))
    languages.get_by_role("link", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Services aux étudiants de HVU — Microcertifications"
    )
    expect(
        page.get_by_role("navigation", name="Langue").get_by_role("link", name="Français")
    ).to_have_attribute("aria-current", "true")
    dialog, log = chat(page, "Assistant d'orientation de HVU", "Conversation")
    expect(dialog).to_be_visible()  # still open, the same conversation
    expect(log.locator(".msg-user").first).to_have_attribute("lang", "es")
    box = dialog.get_by_label("Votre message")
    expect(box).to_have_attribute("placeholder", "Posez une question sur les microcertifications…")
    expect(dialog.get_by_role("button", name="Envoyer")).to_be_visible()
    wait_for(page, lambda: len(events(received, "session_confirm")) > confirmed)

    box.fill("Qu'est-ce qu'une microcertification ?")
    box.press("Enter")
    expect(log.locator(".msg-user").last).to_have_attribute("lang", "fr")
    wait_for(page, lambda: len(events(sent, "user_uttered")) == 3)
    assert events(sent, "user_uttered")[-1]["customData"] == {"language": "fr"}

    page.goto(bot_servers.web_url)  # the choice is remembered over the browser's Spanish
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def serious_axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})"
    )
    return [
        {"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_spanish_page_with_its_switcher_and_a_french_credential_page_pass_axe(new_context, bot_servers):
    # axe is injected as an inline script, which the page's Content-Security-Policy forbids.
    page = new_context(bypass_csp=True).new_page()
    page.goto(f"{bot_servers.web_url}/?lang=es")
    page.get_by_role("button", name=re.compile("^Chatea con nosotros")).click()
    _, log = chat(page, "Asistente de orientación de HVU", "Conversación")
    expect(log.locator(".msg-bot").first).to_be_visible(timeout=REPLY_SECONDS * 1000)
    assert serious_axe_violations(page) == []
    page.goto(f"{bot_servers.web_url}/credentials/sql-fundamentals-badge?lang=fr")
    expect(page.get_by_role("heading", level=2, name="Exigences")).to_be_visible()
    assert serious_axe_violations(page) == []


def test_a_reply_in_another_language_is_followed_and_announced(new_context, bot_servers):
    page = new_context(locale="es-ES").new_page()
    answer_in = {"language": None}
    sent, _ = relay_socket(page, lambda reply: answer_in["language"])
    page.goto(bot_servers.web_url)
    page.get_by_role("button", name=re.compile("^Chatea con nosotros")).click()
    dialog, log = chat(page, "Asistente de orientación de HVU", "Conversación")
    expect(log.locator(".msg-bot").first).to_be_visible()
    settled(log.locator(".msg-bot"))  # the whole greeting, before the replies turn French

    answer_in["language"] = "fr"
    box = dialog.get_by_label("Tu mensaje")
    box.fill("Qu'est-ce qu'une microcertification ?")
    box.press("Enter")
    note = log.locator(".msg-system", has_text="Je vous réponds désormais en français.")
    expect(note).to_have_attribute("lang", "fr")
    expect(log.locator(".msg-bot").last).to_have_attribute("lang", "fr")
    expect(dialog.get_by_label("Tu mensaje")).to_be_visible()  # the widget's words stay the page's

    box.fill("Et combien ça coûte ?")
    box.press("Enter")
    wait_for(page, lambda: len(events(sent, "user_uttered")) == 3)
    assert [e["customData"]["language"] for e in events(sent, "user_uttered")] == ["es", "es", "fr"]
    expect(log.locator(".msg-user").last).to_have_attribute("lang", "fr")
    expect(log.locator(".msg-system")).to_have_count(1)  # announced once


def test_the_advisor_console_shows_each_cases_conversation_language(new_context, bot_servers, advisor):
    sender, words = new_sender(), f"quiero hablar con una persona, por favor {uuid.uuid4().hex[:6]}"
    bot_servers.chat(words, sender, language="es")
    number = case_of(bot_servers, advisor, sender)["id"]
    page = new_context().new_page()
    sign_in(page, bot_servers, new_advisor(bot_servers, "Dana Reyes"))
    case = page.locator("#queue-list button").filter(has_text=re.compile(rf"Case #{number}\b"))
    expect(case.locator('[lang="es"]')).to_have_text("Español (es)")
    case.click()
    details = page.locator("#case-details")
    expect(details.locator("dt", has_text="Language")).to_be_visible()
    expect(details.locator('dd[lang="es"]')).to_have_text("Español (es)")
    expect(page.locator("#transcript")).to_contain_text(words)
