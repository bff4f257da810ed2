"""Crisis words reach an advisor as distress, whatever the classifiers made of the message."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.handoff.crisis import mentions_crisis
from components.crisis_language import CrisisLanguageClassifier


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "i dont want to live anymore",
        "I've been having suicidal thoughts",
        "honestly i just want to die",
        "I have been hurting myself again",
        "I can\u2019t go on like this",
    ],
)
def test_crisis_wordings_are_recognised(text):
    assert mentions_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "is there a course on suicide prevention",
        "this statistics course is killing me",
        "what does the crisis support badge cover",
        "I could die for a coffee",
    ],
)
def test_questions_and_figures_of_speech_are_not_crises(text):
    assert not mentions_crisis(text)


def classified(text: str, intent: str, confidence: float) -> Message:
    ranking = [{"name": intent, "confidence": confidence}, {"name": "express_distress", "confidence": 0.01}]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    [processed] = CrisisLanguageClassifier().process([message])
    return processed


def test_a_crisis_message_becomes_distress_even_after_a_low_confidence_fallback():
    message = classified("i want to die", "nlu_fallback", 0.45)
    assert message.get("intent") == {"name": "express_distress", "confidence": 1.0}
    assert [i["name"] for i in message.get("intent_ranking")] == ["express_distress", "nlu_fallback"]


def test_other_messages_keep_what_the_classifiers_said():
    message = classified("how much is the SQL badge", "ask_credential_info", 0.98)
    assert message.get("intent") == {"name": "ask_credential_info", "confidence": 0.98}
