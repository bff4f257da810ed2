"""A message the assistant is unsure of gets "Did you mean ...?" buttons over REST; choosing one
answers it, and both the offer and the choice are logged for staff review."""

from __future__ import annotations

from sqlalchemy import select

from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.models import SuggestionOffer
from tests.support.servers import buttons, new_sender, texts

UNSURE = "the nursing one hmm"  # the NLU is unsure; the nursing credential is near


def test_an_unclear_message_offers_suggestions_and_the_chosen_one_is_answered_and_logged(bot_servers):
    catalog = Catalog()
    sender = new_sender()
    reply = bot_servers.chat(UNSURE, sender)
    offered = [b for b in buttons(reply) if b["payload"].startswith("/choose_suggestion")]
    assert "Did you mean" in texts(reply) and 1 <= len(offered) <= 3

    choice = offered[0]
    answer = texts(bot_servers.chat(choice["payload"], sender))
    name = choice["payload"].split('"suggestion":"')[1].rstrip('"}')
    kind, key = name.split(":")
    if kind == "faq":
        assert " ".join(catalog.faq_answer(key).answer.split())[:60] in answer
    else:
        assert catalog.get(key).name in answer

    with session_scope() as session:
        logged = session.scalars(
            select(SuggestionOffer).where(SuggestionOffer.conversation_id == sender)
        ).one()
    assert logged.text == UNSURE
    assert logged.offered.split(",")[0] == name and logged.chosen == name


def test_a_suggestion_naming_nothing_we_offer_asks_to_rephrase(bot_servers):
    reply = texts(bot_servers.chat('/choose_suggestion{"suggestion":"faq:no_such_entry"}'))
    assert "say it another way" in reply
