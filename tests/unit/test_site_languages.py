"""The site in each language (en, es, fr): the page is in the language chosen with its switcher
(remembered in a cookie), else the browser's, else the institution's first; every word of it,
the widget's included, comes from that language's messages; credential pages show the
catalog's translations and write money and dates as the language does; the advisor console
names each case's language."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
import requests
from sqlalchemy import select

from bot.catalog.loader import load_knowledge_base
from bot.db import get_engine, session_scope
from bot.i18n.messages import catalog
from bot.models import Credential, InstitutionSetting
from tests.conftest import KNOWLEDGE_BASE
from tests.support.web_service import web_service
from tests.unit.test_credential_pages import visible_text
from web.site.language import offered

TITLES = {
    "en": "HVU Student Services — Micro-credentials",
    "es": "Servicios Estudiantiles de HVU — Microcredenciales",
    "fr": "Services aux étudiants de HVU — Microcertifications",
}
#: The SQL badge's Spanish name and description, its only translation in these tests (so its
#: French page shows the knowledge base's own text).
SQL_BADGE_ES = {
    "name": "Fundamentos de SQL",
    "description": "Aprende a sacar respuestas de bases de datos relacionales con consultas SQL.",
}


def serve(tmp_path, languages=None):
    """The web service on the demo catalog, the SQL badge translated into Spanish, and the
    institution offering ``languages`` when given."""
    url = f"sqlite:///{tmp_path / 'languages.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MICROCRED_DATABASE_URL", url)
        get_engine.cache_clear()
        load_knowledge_base(KNOWLEDGE_BASE)
        with session_scope() as session:
            badge = session.scalars(select(Credential).where(Credential.id == "sql-fundamentals-badge")).one()
            badge.translations = {"es": SQL_BADGE_ES}
            if languages:
                session.merge(InstitutionSetting(key="languages", value=languages))
        get_engine.cache_clear()
    return web_service({"MICROCRED_DATABASE_URL": url}, tmp_path / "web.log")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("languages")) as base:
        yield base


def words(text: str) -> str:
    """``text`` with its spaces as ``visible_text`` leaves them (non-breaking ones included)."""
    return " ".join(text.split())


def get(url, **kwargs):
    return requests.get(url, timeout=10, **kwargs)


def language_of(page: requests.Response) -> str:
    return re.search(r'<html lang="([a-z]+)">', page.text).group(1)


def switcher(page: requests.Response) -> list[dict[str, str]]:
    """Each link of the language switcher: its attributes and text."""
    nav = re.search(r'<nav class="language-switcher" aria-label="([^"]+)"><ul>(.*?)</ul></nav>', page.text)
    links = []
    for attributes, text in re.findall(r"<a ([^>]*)>([^<]*)</a>", nav.group(2)):
        links.append({**dict(re.findall(r'([a-z-]+)="([^"]*)"', attributes)), "text": text})
    return [{"label": nav.group(1), **link} for link in links]


def widget_messages(page: requests.Response) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="page-messages">(.*?)</script>', page.text).group(1)
    )


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_the_switchers_choice_makes_the_whole_page_that_language(site, lang):
    page = get(f"{site}/?lang={lang}")
    assert language_of(page) == lang and page.headers["Content-Language"] == lang
    text = visible_text(page.text)
    assert f"<h1>{TITLES[lang]}</h1>" in unescape(page.text)
    said = catalog(lang)
    for key in (
        "site.hero.lead",
        "site.earn.open.what",
        "site.account.guest",
        "widget.launcher",
        "widget.send",
    ):
        assert words(said[key].format(short_name="HVU")) in text, key
    assert f'aria-label="{said["widget.close"]}"' in page.text
    assert f'placeholder="{said["widget.placeholder"]}"' in page.text
    for english in ("Ways to earn", "Chat with us", "Ask the advising assistant", "Sign in"):
        assert english not in text


def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(site):
    links = switcher(get(f"{site}/?lang=es"))
    assert [(link["text"], link["href"], link["hreflang"], link["lang"]) for link in links] == [
        ("English", "/?lang=en", "en", "en"),
        ("Español", "/?lang=es", "es", "es"),
        ("Français", "/?lang=fr", "fr", "fr"),
    ]
    assert [link.get("aria-current") for link in links] == [None, "true", None]
    assert {link["label"] for link in links} == {"Idioma"}
    credential = switcher(get(f"{site}/credentials/sql-fundamentals-badge?lang=fr"))
    assert [link["href"] for link in credential] == [
        f"/credentials/sql-fundamentals-badge?lang={code}" for code in ("en", "es", "fr")
    ]
    assert [link.get("aria-current") for link in credential] == [None, None, "true"]


def test_the_browsers_language_is_used_until_one_is_chosen_and_the_choice_is_remembered(site):
    assert language_of(get(f"{site}/", headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})) == "fr"
    assert language_of(get(f"{site}/", headers={"Accept-Language": "de-DE, es;q=0.8"})) == "es"
    assert language_of(get(f"{site}/", headers={"Accept-Language": "de-DE"})) == "en"  # the first offered
    assert language_of(get(f"{site}/")) == "en"
    session = requests.Session()
    chosen = session.get(f"{site}/?lang=es", headers={"Accept-Language": "fr"}, timeout=10)
    assert language_of(chosen) == "es"
    assert session.cookies.get("lang") == "es"
    for path in ("/", "/credentials", "/credentials/sql-fundamentals-badge"):
        later = session.get(f"{site}{path}", headers={"Accept-Language": "fr"}, timeout=10)
        assert language_of(later) == "es", path
    assert language_of(session.get(f"{site}/?lang=xx", headers={"Accept-Language": "fr"}, timeout=10)) == "es"


def test_the_widget_gets_its_words_in_the_pages_language_and_how_to_announce_each_language(site):
    given = widget_messages(get(f"{site}/?lang=es"))
    assert given["language"] == "es"
    assert given["messages"]["widget.unreachable"].startswith("Ahora mismo no podemos conectar")
    assert given["messages"]["widget.unread"] == {
        "one": "{count} mensaje nuevo",
        "other": "{count} mensajes nuevos",
    }
    assert given["messages"]["site.account.expired"] == catalog("es")["site.account.expired"]
    assert given["languages"]["fr"] == {
        "name": "Français",
        "replying": "Je vous réponds désormais en français.",
    }
    assert given["languages"]["es"]["replying"] == "Ahora te respondo en español."
    assert set(given["messages"]) == set(widget_messages(get(f"{site}/?lang=fr"))["messages"])


def test_a_credential_page_in_spanish_and_french(site):
    es = get(f"{site}/credentials/sql-fundamentals-badge?lang=es")
    assert language_of(es) == "es"
    text = visible_text(es.text)
    assert f"<h1>{SQL_BADGE_ES['name']}</h1>" in es.text and SQL_BADGE_ES["description"] in text
    for said in (
        "Costo 350 US$",
        "Inicio martes, 19 de enero de 2027",
        "Duración 6 semanas",
        "Tipo Insignia digital",
    ):
        assert said in text, said
    assert "El próximo grupo empieza el martes, 19 de enero de 2027." in text
    assert "Curso DATA 110: Introducción a los datos (1 crédito, 15 horas)"  # the title translated in text
    fr = visible_text(get(f"{site}/credentials/sql-fundamentals-badge?lang=fr").text)
    assert "<h1>SQL Fundamentals</h1>" in get(f"{site}/credentials/sql-fundamentals-badge?lang=fr").text
    for said in (
        "Coût 350 $US",
        "Début mardi 19 janvier 2027",
        "Modalité En ligne",
        "SQL Fundamentals compte pour",
    ):
        assert said in fr, said
    listed = visible_text(get(f"{site}/credentials?lang=fr").text)
    assert "Toutes les microcertifications" in listed and "Badges numériques" in listed
    missing = get(f"{site}/credentials/nope?lang=es")
    assert missing.status_code == 404
    assert "No hay ninguna credencial llamada «nope» en el catálogo." in visible_text(missing.text)


def test_the_institutions_languages_are_offered_in_its_order(tmp_path):
    with serve(tmp_path, languages=["fr", "en"]) as base:
        page = get(f"{base}/")
        assert language_of(page) == "fr"
        assert [link["hreflang"] for link in switcher(page)] == ["fr", "en"]
        assert language_of(get(f"{base}/", headers={"Accept-Language": "es, en;q=0.5"})) == "en"
        assert language_of(get(f"{base}/?lang=es")) == "fr"  # not offered here
    assert offered({}) == ("en", "es", "fr")
    assert offered({"languages": ["es-MX", "de"]}) == ("es",)


def test_the_advisor_console_names_each_language_in_itself(site):
    page = get(f"{site}/advisor/")
    names = json.loads(re.search(r'id="language-names">(.*?)</script>', page.text).group(1))
    assert names == {"en": "English", "es": "Español", "fr": "Français"}


def test_every_site_and_widget_message_is_in_every_language():
    reference = {k for k in catalog("en") if k.startswith(("site.", "widget."))}
    for lang in ("es", "fr"):
        assert {k for k in catalog(lang) if k.startswith(("site.", "widget."))} == reference, lang
