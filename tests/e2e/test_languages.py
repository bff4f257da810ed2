"""Whole conversations in Spanish and in French over REST, as the widget talks to the bot:
a question from the FAQ, the requirements of a named credential and its cost, a signed-in
student's progress, a recommendation for a goal, and a handoff whose advisor reply reaches
the conversation, every reply in the learner's language and marked with it. Then the
language following the learner: a whole message in another language switches it, a short
one or a button keeps it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.e2e.test_handoff import said_to_learner
from tests.support.advisor_api import case_of
from tests.support.servers import buttons, new_sender, texts


@dataclass(frozen=True)
class Conversation:
    """What a learner writes in one language, and words the replies must hold."""

    hello: str
    greeting: str
    faq: str
    faq_answer: str
    requirements: str
    requirements_answer: tuple[str, ...]
    cost: str
    cost_answer: str
    progress: str
    progress_answer: tuple[str, ...]
    goal: str
    recommendation: tuple[str, ...]
    human: str
    case_opened: str
    waiting: str
    resumed: str


CONVERSATIONS = {
    "es": Conversation(
        hello="hola",
        greeting="Soy el asistente de servicios estudiantiles",
        faq="¿Qué es una microcredencial?",
        faq_answer="Una microcredencial es una acreditación breve",
        requirements="¿Qué requisitos tiene el SQL Fundamentals?",
        requirements_answer=(
            "Para obtener Fundamentos de SQL (insignia digital acumulable)",
            "Requisitos previos: ninguno.",
        ),
        cost="¿Cuánto cuesta?",
        cost_answer="Fundamentos de SQL cuesta 350 US$ en total.",
        progress="muéstrame mi progreso",
        progress_answer=("Hola, Noah. Este es tu progreso:", "Fundamentos de SQL: 2 de 3 completados (67 %)"),
        goal="Quiero ser analista de datos",
        recommendation=("Te sugiero estas", "Certificado en Análisis de Datos"),
        human="Quiero hablar con una persona, por favor",
        case_opened="He abierto el caso n.º",
        waiting="Gracias, tu asesor verá este mensaje",
        resumed="El asesor ha terminado de ayudarte y ya estoy de vuelta.",
    ),
    "fr": Conversation(
        hello="bonjour",
        greeting="Je suis l'assistant des services aux étudiants",
        faq="Qu'est-ce qu'une microcertification ?",
        faq_answer="Une microcertification est une reconnaissance courte et ciblée",
        requirements="De quoi ai-je besoin pour le badge SQL Fundamentals ?",
        requirements_answer=(
            "Pour obtenir Les bases de SQL (badge numérique cumulable)",
            "Prérequis : aucun.",
        ),
        cost="Combien ça coûte ?",
        cost_answer="350 $US",
        progress="montrez-moi ma progression",
        progress_answer=("Bonjour Noah, voici votre progression", "2 exigences remplies sur 3 (67 %)"),
        goal="Je veux devenir analyste de données",
        recommendation=("que je vous suggère", "Certificat en analyse de données"),
        human="Je voudrais parler à un conseiller, s'il vous plaît",
        case_opened="J'ai ouvert le dossier n°",
        waiting="Merci, votre conseiller verra ce message",
        resumed="Le conseiller a fini de vous aider, et me revoilà.",
    ),
}


def said(messages: list[dict], language: str) -> str:
    """The replies' text (no-break spaces as spaces), once every reply is checked to be marked
    with ``language``."""
    assert messages, "the assistant said nothing"
    assert [m.get("language") for m in messages] == [language] * len(messages), messages
    return texts(messages).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_a_whole_conversation_in_the_learners_language(bot_servers, sign_in, advisor, language):
    words, sender, token = CONVERSATIONS[language], new_sender(), sign_in("S1012")

    def chat(text: str) -> list[dict]:
        return bot_servers.chat(text, sender, token=token, language=language)

    assert words.greeting in said(chat(words.hello), language)
    assert words.faq_answer in said(chat(words.faq), language)
    requirements = said(chat(words.requirements), language)
    assert all(part in requirements for part in words.requirements_answer), requirements
    assert words.cost_answer in said(chat(words.cost), language)
    progress = said(chat(words.progress), language)
    assert all(part in progress for part in words.progress_answer), progress
    recommended = said(chat(words.goal), language)
    assert all(part in recommended for part in words.recommendation), recommended

    assert words.case_opened in said(chat(words.human), language)
    case = case_of(bot_servers, advisor, sender)
    assert case["language"] == language
    base = f"{bot_servers.web_url}/advisor/api/cases/{case['id']}"
    assert advisor.post(f"{base}/claim", json={}, timeout=10).status_code == 200
    reply = {
        "es": "Hola Noah, soy Casey. ¿En qué te ayudo?",
        "fr": "Bonjour Noah, ici Casey. Je vous écoute.",
    }
    assert advisor.post(f"{base}/messages", json={"text": reply[language]}, timeout=30).status_code == 201
    assert said_to_learner(bot_servers, sender)[-1] == ("advisor", reply[language])
    assert words.waiting in said(chat("?"), language)
    assert advisor.post(f"{base}/resolve", json={}, timeout=30).status_code == 200
    assert words.resumed in said_to_learner(bot_servers, sender)[-1][1]


@pytest.mark.parametrize("language", sorted(CONVERSATIONS))
def test_the_widgets_greeting_payload_comes_back_in_the_pages_language(bot_servers, language):
    greeting = bot_servers.chat("/greet", language=language)
    assert CONVERSATIONS[language].greeting in said(greeting, language)
    assert [b["payload"] for b in buttons(greeting)][0] == "/list_credentials"


def test_a_whole_message_in_another_language_switches_the_conversation(bot_servers):
    sender = new_sender()
    english = bot_servers.chat("what do I need for the SQL badge?", sender, language="en")
    assert "To earn the SQL Fundamentals" in said(english, "en")
    spanish = bot_servers.chat("¿Cuánto cuesta?", sender, language="en")
    assert "Fundamentos de SQL cuesta 350 US$" in said(spanish, "es")
    assert said(bot_servers.chat("ok", sender), "es")
    french = bot_servers.chat("Combien de temps faut-il pour le badge SQL Fundamentals ?", sender)
    assert "Les bases de SQL dure environ" in said(french, "fr")
    back = bot_servers.chat("how long does it take?", sender)
    assert "SQL Fundamentals takes about" in said(back, "en")


def test_a_button_keeps_the_conversations_language(bot_servers):
    sender = new_sender()
    listed = bot_servers.chat("¿Qué credenciales ofrecen?", sender)
    said(listed, "es")
    first = buttons(listed)[0]
    assert "Requisitos previos" in said(bot_servers.chat(first["payload"], sender), "es")


def test_a_buttons_english_payload_keeps_the_conversations_language(bot_servers):
    """The preference buttons send words ("free only"): clicked in Spanish, the answer stays Spanish."""
    sender = new_sender()
    said(bot_servers.chat("Quiero aprender algo nuevo, ¿qué me recomiendas?", sender, language="es"), "es")
    said(bot_servers.chat("free only", sender, language="es", button=True), "es")
