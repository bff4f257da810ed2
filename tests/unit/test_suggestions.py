"""'Did you mean ...?' suggestions: the FAQ entries and credentials nearest an unclear message."""

from __future__ import annotations

from bot.catalog.repository import Catalog
from bot.replies.suggestions import parse_choice, suggest


def suggested(text: str) -> list[tuple[str, str]]:
    catalog = Catalog()
    return [(s.kind, s.key) for s in suggest(text, catalog.faq_entries(), catalog.credentials())]


def test_an_unclear_question_about_paying_suggests_the_funding_faq(catalog_db):
    assert ("faq", "funding") in suggested("money help for the program??")


def test_a_question_in_spanish_or_french_finds_the_english_entry_it_means(catalog_db):
    assert ("credential", "sql-fundamentals-badge") in suggested("la insignia de SQL")
    assert ("faq", "withdrawal_refund") in suggested("remboursement si j'annule")


def test_at_most_three_suggestions_each_a_button_naming_what_it_offers(catalog_db):
    catalog = Catalog()
    offered = suggest("data analysis with spreadsheets", catalog.faq_entries(), catalog.credentials())
    assert 1 <= len(offered) <= 3
    for suggestion in offered:
        title = (
            catalog.get(suggestion.key).name
            if suggestion.kind == "credential"
            else catalog.faq_answer(suggestion.key).question
        )
        assert suggestion.button == {
            "title": title,
            "payload": f'/choose_suggestion{{"suggestion":"{suggestion.kind}:{suggestion.key}"}}',
        }
        assert parse_choice(suggestion.name) == (suggestion.kind, suggestion.key)


def test_a_choice_that_names_nothing_we_offer_is_not_read():
    assert parse_choice("weather:today") is None
    assert parse_choice("faq:") is None


def test_nothing_is_suggested_for_an_empty_message(catalog_db):
    assert suggested("   ") == []
