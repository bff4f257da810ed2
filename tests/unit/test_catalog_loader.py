"""Loading the knowledge base: validation messages name file, credential and field; all or nothing."""

from __future__ import annotations

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from bot.catalog.loader import load_knowledge_base, read_knowledge_base
from bot.catalog.repository import Catalog
from bot.catalog.schema import KnowledgeBaseError
from bot.db import session_scope
from bot.models import Credential, Requirement
from tests.conftest import KNOWLEDGE_BASE, use_database


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_BASE, target)
    return target


def edit_credential(kb, file: str, credential_id: str, change) -> None:
    path = kb / "credentials" / file
    data = yaml.safe_load(path.read_text())
    entry = next(c for c in data["credentials"] if c["id"] == credential_id)
    change(entry)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_the_demo_catalog_covers_every_type_and_model():
    kb = read_knowledge_base(KNOWLEDGE_BASE)
    assert len(kb.credentials) >= 30
    assert {c["type"] for c in kb.credentials} == {"digital_badge", "certificate", "nanodegree"}
    assert {c["model"] for c in kb.credentials} == {
        "stackable",
        "competency_based",
        "embedded",
        "open",
        "job_training",
    }
    stacked = {link["credential"] for c in kb.credentials for link in c["stacks_into"] if link["credential"]}
    assert stacked, "the catalog has stacking pathways"


def test_loading_twice_gives_the_same_catalog(catalog_db):
    before = {c.id: (c.name, [r.code for r in c.requirements]) for c in Catalog().credentials()}
    load_knowledge_base(KNOWLEDGE_BASE)
    after = {c.id: (c.name, [r.code for r in c.requirements]) for c in Catalog().credentials()}
    assert before == after and len(after) >= 30


def test_a_shared_requirement_is_stored_once_and_listed_by_both(catalog_db):
    with session_scope() as session:
        shared = (
            session.execute(select(Requirement.code).where(Requirement.code == "DATA 120")).scalars().all()
        )
    assert shared == ["DATA 120"]
    holders = [c.id for c in Catalog().credentials() if "DATA 120" in [r.code for r in c.requirements]]
    assert len(holders) == 2


def test_a_shared_requirement_is_translated_where_any_credential_translates_it(
    tmp_path, monkeypatch, kb_copy
):
    use_database(monkeypatch, tmp_path / "db.sqlite")

    def untranslated(c):
        for requirement in c["requirements"]:
            requirement.pop("translations", None)

    edit_credential(
        kb_copy, "computing.yml", "sql-fundamentals-badge", untranslated
    )  # first to list DATA 120
    load_knowledge_base(kb_copy)
    [shared] = [r for r in Catalog().get("sql-fundamentals-badge").requirements if r.code == "DATA 120"]
    assert shared.translations["es"] == {"title": "Consultas a bases de datos con SQL"}


def test_a_bad_field_is_reported_with_file_credential_and_field(kb_copy):
    edit_credential(kb_copy, "computing.yml", "sql-fundamentals-badge", lambda c: c.update(type="diploma"))
    with pytest.raises(KnowledgeBaseError) as error:
        read_knowledge_base(kb_copy)
    message = str(error.value)
    assert "credentials/computing.yml" in message
    assert "credential 'sql-fundamentals-badge'" in message
    assert "field 'type'" in message and "diploma" in message


def test_every_problem_is_reported_not_just_the_first(kb_copy):
    edit_credential(kb_copy, "computing.yml", "sql-fundamentals-badge", lambda c: c.pop("name"))
    edit_credential(kb_copy, "health.yml", "health-informatics-badge", lambda c: c["cost"].update(amount=-5))
    with pytest.raises(KnowledgeBaseError) as error:
        read_knowledge_base(kb_copy)
    problems = [str(p) for p in error.value.problems]
    assert any("sql-fundamentals-badge" in p and "field 'name': is required" in p for p in problems)
    assert any("health-informatics-badge" in p and "field 'cost.amount'" in p for p in problems)


def test_a_dangling_stacking_reference_is_rejected(kb_copy):
    edit_credential(
        kb_copy,
        "computing.yml",
        "sql-fundamentals-badge",
        lambda c: c.update(stacks_into=[{"credential": "no-such-certificate"}]),
    )
    with pytest.raises(KnowledgeBaseError, match="unknown credential id 'no-such-certificate'"):
        read_knowledge_base(kb_copy)


def test_a_shared_code_with_different_titles_is_rejected(kb_copy):
    def retitle(c):
        c["requirements"][0]["title"] = "Something else entirely"

    code = next(c for c in read_knowledge_base(kb_copy).credentials if c["id"] == "data-visualization-badge")[
        "requirements"
    ][0]["code"]
    edit_credential(kb_copy, "computing.yml", "data-visualization-badge", retitle)
    with pytest.raises(KnowledgeBaseError, match=f"requirements '{code}'.*written identically"):
        read_knowledge_base(kb_copy)


def test_broken_yaml_names_the_file_and_line(kb_copy):
    (kb_copy / "faq.yml").write_text("faq:\n  - key: benefits\n    answer: [unclosed\n")
    with pytest.raises(KnowledgeBaseError, match=r"knowledge_base/faq.yml|kb/faq.yml"):
        read_knowledge_base(kb_copy)


def test_a_broken_catalog_loads_nothing(tmp_path, monkeypatch, kb_copy):
    use_database(monkeypatch, tmp_path / "db.sqlite")
    load_knowledge_base(KNOWLEDGE_BASE)
    edit_credential(
        kb_copy, "computing.yml", "sql-fundamentals-badge", lambda c: c.update(name="SQL Essentials")
    )
    edit_credential(kb_copy, "design.yml", "ux-research-badge", lambda c: c.update(format="carrier pigeon"))
    with pytest.raises(KnowledgeBaseError):
        load_knowledge_base(kb_copy)
    assert Catalog().get("sql-fundamentals-badge").name == "SQL Fundamentals"


def test_a_new_credential_is_loaded_and_a_removed_one_goes(tmp_path, monkeypatch, kb_copy):
    use_database(monkeypatch, tmp_path / "db.sqlite")

    def rename(c):
        c["id"] = "sql-for-analysts-badge"
        c["name"] = "SQL for Analysts"
        c["aliases"] = ["analyst sql badge"]
        c["stacks_into"] = []

    edit_credential(kb_copy, "computing.yml", "sql-fundamentals-badge", rename)
    load_knowledge_base(kb_copy)
    catalog = Catalog()
    assert catalog.get("sql-for-analysts-badge").name == "SQL for Analysts"
    assert catalog.get("sql-fundamentals-badge") is None
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Credential)) == len(catalog.credentials())


def test_what_the_actions_read_follows_a_reload_of_the_catalog(catalog_db, tmp_path):
    """Names and credentials are kept between turns, until the loader writes a new catalog."""
    before = {n.id: n for n in Catalog().names()}
    assert before["sql-fundamentals-badge"].name == "SQL Fundamentals"
    edited = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_BASE, edited)
    computing = edited / "credentials" / "computing.yml"
    computing.write_text(computing.read_text().replace("name: SQL Fundamentals\n", "name: SQL Foundations\n"))
    load_knowledge_base(edited)
    catalog = Catalog()
    assert {n.id: n.name for n in catalog.names()}["sql-fundamentals-badge"] == "SQL Foundations"
    assert catalog.get("sql-fundamentals-badge").name == "SQL Foundations"
    assert "SQL Foundations" in [c.name for c in catalog.credentials()]
    feeders = {c.name for target in catalog.credentials() for c in catalog.stacks_from(target.id)}
    assert "SQL Foundations" in feeders and "SQL Fundamentals" not in feeders
