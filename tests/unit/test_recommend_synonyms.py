"""The editable synonym file: validated when loaded, and matched as whole phrases."""

from __future__ import annotations

import pytest

from bot.catalog.schema import KnowledgeBaseError, validate_synonyms
from bot.recommend.synonyms import Synonyms, load_synonyms, read_synonyms
from bot.recommend.terms import words
from tests.support.servers import KNOWLEDGE_BASE


def matched(synonyms: Synonyms, text: str) -> list[str]:
    return [m.phrase.text for m in synonyms.matches(words(text))]


def test_the_project_synonym_file_is_valid_and_names_no_credential():
    synonyms = load_synonyms(KNOWLEDGE_BASE)
    assert len(synonyms.groups) > 20
    phrases = {p.text.casefold() for group in synonyms.groups for p in group}
    from bot.catalog.loader import read_knowledge_base

    names = {c["name"].casefold() for c in read_knowledge_base(KNOWLEDGE_BASE).credentials}
    assert not phrases & names


def test_every_problem_is_reported_with_its_group():
    with pytest.raises(KnowledgeBaseError) as error:
        validate_synonyms(
            "synonyms.yml",
            {"synonyms": [["nurse"], ["ux", "user experience"], ["UX", "usability"], ["a", ""]]},
        )
    message = str(error.value)
    assert "group 1: must list at least two phrases" in message
    assert "group 3: 'UX' is also listed in group 2" in message
    assert "group 4: '' is not a phrase" in message


def test_a_broken_file_says_so(tmp_path):
    (tmp_path / "synonyms.yml").write_text("synonyms: [nurse, rn\n")
    with pytest.raises(KnowledgeBaseError, match="is not valid YAML"):
        read_synonyms(tmp_path / "synonyms.yml")
    (tmp_path / "synonyms.yml").write_text("nurse: rn\n")
    with pytest.raises(KnowledgeBaseError, match="must be a list of synonym groups"):
        read_synonyms(tmp_path / "synonyms.yml")


def test_longest_phrase_wins_and_capitals_protect_acronyms():
    synonyms = Synonyms(
        [["coding", "programming"], ["medical coding", "billing"], ["IT", "information technology"]]
    )
    assert matched(synonyms, "I want to do medical coding") == ["medical coding"]
    assert matched(synonyms, "I want a job in IT") == ["IT"]
    assert matched(synonyms, "i want to learn it") == []
