"""The conversation's language: which language a whole message is surely written in
(``bot.i18n.detect``), measured on the held-out learner messages, and what the NLU component
makes of it with the widget's language (``components/language_identifier.py``)."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.config import PROJECT_ROOT
from bot.i18n.detect import identify
from components.language_identifier import LanguageIdentifier

OFFERED = ("en", "es", "fr")


def heldout() -> list[tuple[str, str]]:
    data = yaml.safe_load((PROJECT_ROOT / "tests/eval/nlu_heldout.yml").read_text(encoding="utf-8"))
    return [(lang, text) for lang in OFFERED for texts in data[lang].values() for text in texts]


def test_on_the_heldout_messages_it_is_never_wrong_and_decides_nine_in_ten():
    said = [(lang, identify(text, OFFERED)) for lang, text in heldout()]
    wrong = [(lang, found) for lang, found in said if found and found != lang]
    decided = Counter(lang for lang, found in said if found)
    total = Counter(lang for lang, _ in said)
    assert wrong == []
    assert sum(decided.values()) / len(said) >= 0.9
    assert all(decided[lang] / total[lang] >= 0.8 for lang in OFFERED), (decided, total)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Cuánto cuesta el certificado?", "es"),
        ("Quiero hablar con un asesor", "es"),
        ("Combien coûte le certificat ?", "fr"),
        ("Je voudrais parler à un conseiller", "fr"),
        ("what do I need for the SQL badge?", "en"),
        ("muchas gracias", "es"),
        ("merci beaucoup", "fr"),
    ],
)
def test_a_whole_message_names_its_language(text, language):
    assert identify(text, OFFERED) == language


@pytest.mark.parametrize("text", ["ok", "SQL", "merci", "hello", "👍", "12345"])
def test_a_word_it_is_unsure_of_changes_nothing(text):
    assert identify(text, OFFERED) is None


def test_with_one_language_offered_nothing_is_detected():
    assert identify("¿Cuánto cuesta el certificado?", ["en"]) is None


def language_entity(text: str, metadata: dict | None = None, entities: list | None = None, offered=OFFERED):
    message = Message(data={TEXT: text, "metadata": metadata or {}, ENTITIES: entities or []})
    LanguageIdentifier(offered).process([message])
    found = [e for e in message.get(ENTITIES, []) if e["entity"] == "language"]
    return found[0]["value"] if found else None


def test_what_the_learner_writes_wins_over_the_widgets_language():
    assert language_entity("¿Qué necesito para la insignia de SQL?", {"language": "en"}) == "es"
    assert language_entity("what do I need for the SQL badge?", {"language": "fr"}) == "en"


def test_a_short_reply_keeps_the_widgets_language():
    assert language_entity("ok", {"language": "fr-CA"}) == "fr"
    assert language_entity("ok") is None


def test_buttons_carry_only_the_widgets_language():
    assert language_entity('/ask_requirements{"credential":"x"}', {"language": "es"}) == "es"
    assert language_entity("free only", {"language": "es", "button": True}) == "es"


def test_credential_names_are_no_language():
    name = "Data Analytics Certificate"
    text = f"{name} ?"
    tagged = [{"entity": "credential", "start": 0, "end": len(name), "value": "x"}]
    assert language_entity(text, {"language": "es"}, tagged) == "es"


def test_an_institution_with_one_language_gets_no_language_entity():
    assert language_entity("¿Cuánto cuesta?", {"language": "es"}, offered=("en",)) is None
