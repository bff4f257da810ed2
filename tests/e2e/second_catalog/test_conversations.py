"""Another institution's catalog, end to end: with its knowledge base loaded and a model trained
on it (``tests/catalogs/lakemont/``), a learner talks to the real servers over REST and opens the
site. Every answer comes from that catalog, and nothing served names the demo institution or
any demo credential."""

from __future__ import annotations

import pytest
import requests

from bot.catalog.loader import read_knowledge_base
from tests.support.second_catalog import SECOND_CATALOG, demo_words_in
from tests.support.servers import buttons, new_sender, texts

KB = read_knowledge_base(SECOND_CATALOG)
SCHOOL = KB.institution
BY_ID = {c["id"]: c for c in KB.credentials}


@pytest.fixture(scope="module")
def chat(second_catalog_servers):
    """Send a message in a new conversation; the reply's text and button titles, checked for the
    demo catalog's names."""

    def send(text: str, sender: str | None = None) -> str:
        messages = second_catalog_servers.chat(text, sender or new_sender())
        said = texts(messages) + "\n" + "\n".join(b["title"] for b in buttons(messages))
        assert demo_words_in(said) == [], (text, said)
        return said

    return send


def test_the_greeting_names_its_institution(chat):
    assert f"I'm the {SCHOOL['name']} student-services assistant" in chat("hi")
    assert SCHOOL["name"] in chat("am I talking to a bot?")


def test_a_fact_about_one_of_its_credentials(chat):
    reply = chat("how much does the drone survey badge cost?")
    assert "Drone Survey Operations" in reply and "690" in reply


def test_its_requirements(chat):
    reply = chat("what do I need for the Geospatial Technology Certificate?")
    for requirement in BY_ID["geospatial-certificate"]["requirements"]:
        assert requirement["code"] in reply and requirement["title"] in reply
    assert "GIS Mapping Essentials" in reply  # its prerequisite


def test_a_recommendation_for_one_of_its_careers(chat):
    reply = chat("I want to become a drone pilot")
    assert "Drone Survey Operations" in reply


def test_a_general_question_is_answered_from_its_faq(chat):
    answer = next(e["answer"] for e in KB.faq if e["key"] == "funding")
    assert " ".join(answer.split())[:60] in chat("how can I pay for a micro-credential?")


def test_enrolling_names_its_institution_and_office(chat):
    reply = chat("how do I enroll in the Forest Inventory Fieldwork badge?")
    assert f"open only to enrolled {SCHOOL['short_name']} students" in reply
    assert SCHOOL["enrollment_office"]["email"] in reply


def test_asked_which_credential_the_example_is_one_of_its_own(chat):
    sender = new_sender()
    chat("hello", sender)
    reply = chat("what are the requirements?", sender)
    assert 'for example "the GIS badge"' in reply


def test_its_site_page_names_its_institution_and_credentials(second_catalog_servers):
    page = requests.get(f"{second_catalog_servers.web_url}/", timeout=10)
    assert page.status_code == 200
    assert f"{SCHOOL['short_name']} Student Services" in page.text and SCHOOL["name"] in page.text
    assert "GIS Mapping Essentials" in page.text
    assert demo_words_in(page.text) == []


def test_a_credential_named_with_its_institution_is_still_found(chat):
    reply = chat(f"what do I need for the {SCHOOL['short_name']} drone badge?")
    assert "GEO 140" in reply and "Drone Survey Operations" in reply
