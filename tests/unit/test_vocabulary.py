"""The words learners use for the catalog's closed vocabularies."""

from __future__ import annotations

from bot.nlp.vocabulary import attributes_asked


def test_the_attributes_a_message_asks_about_are_read_from_its_words_in_order():
    assert attributes_asked("how long is it, and is it free?") == ["duration", "cost"]
    assert attributes_asked("How much does it cost?") == ["cost"]
    assert attributes_asked("when is the next cohort") == ["start_date"]
    assert attributes_asked("who teaches it, and how many hours a week?") == ["provider", "workload"]
    assert attributes_asked("tell me about it") == []
    assert attributes_asked("is the startup badge any good") == []  # whole words only
