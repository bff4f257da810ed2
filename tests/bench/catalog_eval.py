"""Another institution's catalog through the chat (issue 11's targets), part of ``make bench``.

With the second test catalog (``tests/catalogs/``) loaded and a model trained on it, every
credential is asked about its facts in wordings the templates do not use (one or two facts
a question), and every career of the catalog is stated as a goal, each in a new conversation
over REST against the real servers. Reported: the share of fact questions whose reply holds
every fact asked (as the catalog has it), and the share of careers whose reply names, among
its first three recommendations, a credential listing that career.
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path

from bot.catalog.loader import read_knowledge_base
from bot.nlp.vocabulary import DELIVERY_FORMATS, LEVELS, label
from bot.replies.formatting import money, number
from tests.support.second_catalog import SECOND_CATALOG, trained_models
from tests.support.servers import new_sender, running_servers, texts

#: One wording a fact, and what the reply must then say (from the catalog's own entry).
FACTS = {
    "cost": ("what would the {name} cost me?", lambda c: money_of(c)),
    "duration": ("how many weeks does the {name} last?", lambda c: f"{number(c['duration_weeks'])} weeks"),
    "workload": (
        "how much time per week should I set aside for the {name}?",
        lambda c: f"{number(c['workload_hours_per_week'])} hours a week",
    ),
    "provider": ("which department runs the {name}?", lambda c: c["provider"]),
    "level": ("is the {name} for beginners?", lambda c: label(LEVELS, c["level"])),
    "format": ("can I do the {name} from home?", lambda c: label(DELIVERY_FORMATS, c["format"])),
}
#: Questions asking two facts at once.
PAIRS = {("cost", "duration"): "how much is the {name} and how long does it take?"}
GOAL = "I'd like to work as a {career}, what should I take?"


def money_of(credential: dict) -> str:
    return money(Decimal(str(credential["cost_amount"])), credential["cost_currency"])


def fact_questions(credentials: list[dict]) -> list[tuple[str, list[str]]]:
    """(question, the facts its reply must hold) for every credential."""
    questions = []
    for c in credentials:
        for wording, fact in FACTS.values():
            questions.append((wording.format(name=c["name"]), [fact(c)]))
        for keys, wording in PAIRS.items():
            questions.append((wording.format(name=c["name"]), [FACTS[k][1](c) for k in keys]))
    return questions


def first_named(reply: str, credentials: list[dict], count: int = 3) -> list[dict]:
    """The credentials a reply names, in the order it first names them."""
    placed = sorted((reply.find(c["name"]), i) for i, c in enumerate(credentials) if c["name"] in reply)
    return [credentials[i] for _, i in placed[:count]]


def evaluate() -> dict:
    kb = read_knowledge_base(SECOND_CATALOG)
    credentials = kb.credentials
    careers = sorted({career for c in credentials for career in c.get("careers", [])}, key=str.lower)
    with tempfile.TemporaryDirectory() as work:
        with running_servers(Path(work), knowledge_base=SECOND_CATALOG, models=trained_models()) as servers:
            facts = [
                (q, expected, texts(servers.chat(q, new_sender())))
                for q, expected in fact_questions(credentials)
            ]
            goals = [
                (career, texts(servers.chat(GOAL.format(career=career), new_sender()))) for career in careers
            ]
    fact_misses = [
        f"{q!r}: wanted {expected}" for q, expected, reply in facts if not all(e in reply for e in expected)
    ]
    goal_misses = [
        career
        for career, reply in goals
        if not any(career in c.get("careers", []) for c in first_named(reply, credentials))
    ]
    return {
        "catalog": kb.institution["name"],
        "credentials": len(credentials),
        "fact_questions": len(facts),
        "facts_share": round(1 - len(fact_misses) / len(facts), 3),
        "career_goals": len(goals),
        "career_top3_share": round(1 - len(goal_misses) / len(goals), 3),
        "fact_misses": fact_misses,
        "career_misses": goal_misses,
    }


if __name__ == "__main__":
    print(json.dumps(evaluate(), indent=2))
