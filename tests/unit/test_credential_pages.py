"""Each credential's page on the site, generated from the catalog and served over real HTTP, and
the links to it that replies carry (``MICROCRED_SITE_URL``)."""

from __future__ import annotations

import re
import shutil
from html import unescape

import pytest
import requests
import yaml

from bot.catalog.links import credential_link, credential_url
from bot.catalog.loader import load_knowledge_base
from bot.catalog.repository import Catalog
from bot.db import get_engine
from bot.replies import answers
from tests.conftest import KNOWLEDGE_BASE
from tests.support.reading import links
from tests.support.web_service import web_service
from web.site.credentials import LAYOUT

OTHER_SCHOOL = {"name": "Riverside Community College", "short_name": "RCC"}


def serve(tmp_path, knowledge_base):
    """The web service on a new database holding ``knowledge_base``."""
    url = f"sqlite:///{tmp_path / 'pages.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MICROCRED_DATABASE_URL", url)
        get_engine.cache_clear()
        load_knowledge_base(knowledge_base)
        get_engine.cache_clear()
    return web_service({"MICROCRED_DATABASE_URL": url}, tmp_path / "web.log")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve(tmp_path_factory.mktemp("pages"), KNOWLEDGE_BASE) as base:
        yield base


@pytest.fixture(scope="module")
def catalog():
    return yaml.safe_load((KNOWLEDGE_BASE / "credentials" / "computing.yml").read_text())["credentials"]


def visible_text(page: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_every_credential_has_a_page_with_its_facts(site, catalog):
    for entry in catalog:
        page = requests.get(f"{site}/credentials/{entry['id']}", timeout=10)
        assert page.status_code == 200, entry["id"]
        assert re.search(rf"<h1>{re.escape(entry['name'])}</h1>", unescape(page.text))
        text = visible_text(page.text)
        assert " ".join(entry["description"].split()) in text
        for requirement in entry["requirements"]:
            assert f"{requirement['code']}: {requirement['title']}" in text
        for term in ("Type", "Cost", "Duration", "Format", "How to enroll", "Stacking"):
            assert term in text
        assert f'href="{entry["enrollment_url"]}"' in page.text
        assert f"{entry['duration_weeks']} weeks" in text


def test_a_stackable_badges_page_links_to_what_it_stacks_into_and_back(site):
    badge = visible_text(requests.get(f"{site}/credentials/sql-fundamentals-badge", timeout=10).text)
    assert "SQL Fundamentals counts toward: Data Analytics Certificate" in badge
    certificate = requests.get(f"{site}/credentials/data-analytics-certificate", timeout=10).text
    assert '<a href="/credentials/sql-fundamentals-badge">SQL Fundamentals</a>' in certificate
    for path in set(re.findall(r'href="(/credentials/[^"]+)"', certificate)):
        assert requests.get(site + path, timeout=10).status_code == 200, path


def test_the_list_of_all_credentials_links_each_page(site):
    page = requests.get(f"{site}/credentials", timeout=10).text
    ids = [
        c["id"]
        for f in sorted((KNOWLEDGE_BASE / "credentials").glob("*.yml"))
        for c in yaml.safe_load(f.read_text())["credentials"]
    ]
    assert sorted(re.findall(r'href="/credentials/([^"]+)"', page)) == sorted(ids)


def test_an_unknown_credential_gets_a_clear_not_found_page(site):
    page = requests.get(f"{site}/credentials/<b>no-such-badge", timeout=10)
    assert page.status_code == 404
    assert "There is no credential called “<b>no-such-badge” in the catalog." in visible_text(page.text)
    assert "<b>" not in page.text


def test_nothing_of_the_demo_institution_is_in_the_template_or_another_schools_pages(tmp_path):
    template = LAYOUT.template
    assert "Harbor Valley" not in template and "HVU" not in template
    kb = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_BASE, kb)
    institution = yaml.safe_load((kb / "institution.yml").read_text())
    (kb / "institution.yml").write_text(yaml.safe_dump({**institution, **OTHER_SCHOOL}))
    with serve(tmp_path, kb) as base:
        for path in ("/credentials", "/credentials/sql-fundamentals-badge", "/credentials/nope"):
            text = visible_text(requests.get(base + path, timeout=10).text)
            assert OTHER_SCHOOL["name"] in text, path
            assert "Harbor Valley" not in text and "HVU" not in text, path


def test_links_use_the_configured_site_and_default_to_the_local_web_service(monkeypatch):
    monkeypatch.delenv("MICROCRED_SITE_URL", raising=False)
    assert (
        credential_url("sql-fundamentals-badge") == "http://localhost:8080/credentials/sql-fundamentals-badge"
    )
    monkeypatch.setenv("MICROCRED_SITE_URL", "https://learn.rcc.example/")
    assert (
        credential_url("sql-fundamentals-badge")
        == "https://learn.rcc.example/credentials/sql-fundamentals-badge"
    )


def test_answers_link_the_credential_and_those_they_name(catalog_db, monkeypatch):
    monkeypatch.setenv("MICROCRED_SITE_URL", "https://learn.rcc.example")
    catalog = Catalog()
    certificate = catalog.get("data-analytics-certificate")
    badge = catalog.get("sql-fundamentals-badge")
    stacking = links(
        answers.stacking(
            certificate, catalog.stacks_into(certificate), catalog.stacks_from(certificate.id)
        ).text
    )
    assert (
        stacking["Data Analytics Certificate"]
        == "https://learn.rcc.example/credentials/data-analytics-certificate"
    )
    assert stacking["SQL Fundamentals"] == "https://learn.rcc.example/credentials/sql-fundamentals-badge"
    listed = answers.credential_list([badge, certificate], "credentials").text
    assert f"- {credential_link(badge)} (" in listed and f"- {credential_link(certificate)} (" in listed
    for reply in (answers.overview(badge), answers.attribute(badge, "cost"), answers.requirements(badge, [])):
        assert links(reply.text)["SQL Fundamentals"].endswith("/credentials/sql-fundamentals-badge")
