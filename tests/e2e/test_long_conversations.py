"""Long conversations over REST keep being answered, message by message, after any number of
misses, advisor offers and handoffs (``tests/support/long_conversation.py``)."""

from __future__ import annotations

from tests.support.advisor_api import answer_and_resolve, case_of, open_case_holding
from tests.support.long_conversation import GIBBERISH, Learner, forty_messages
from tests.support.servers import buttons, new_sender, texts


class RestLearner(Learner):
    def __init__(self, servers) -> None:
        super().__init__()
        self.servers, self.sender, self.reply = servers, new_sender(), []

    def _send(self, text: str) -> str:
        self.reply = self.servers.chat(text, self.sender)
        return texts(self.reply)

    def _click(self, title_words: str) -> str:
        [button] = [b for b in buttons(self.reply) if title_words in b["title"]]
        return self._send(button["payload"])


def test_forty_messages_with_misses_offers_and_handoffs_are_each_answered(bot_servers, advisor):
    learner = RestLearner(bot_servers)

    def resolve(marker: str, reason: str) -> None:
        case = open_case_holding(bot_servers, advisor, marker)
        assert (case["conversation_id"], case["reason"]) == (learner.sender, reason)
        answer_and_resolve(bot_servers, advisor, case, "Hi, this is Casey from advising.")

    forty_messages(learner, resolve)


def test_a_conversation_answers_after_any_number_of_misses(bot_servers):
    learner = RestLearner(bot_servers)
    for round_ in range(12):
        learner.miss(GIBBERISH[round_ % len(GIBBERISH)])
        learner.say("I work full time, is there something I can do in the evenings?")
    learner.ask("what do I need for the SQL badge?", "SQL")


def test_crisis_words_reach_an_advisor_even_after_many_misses(bot_servers, advisor):
    learner = RestLearner(bot_servers)
    for text in GIBBERISH[:4]:
        learner.miss(text)
    assert "988" in learner.say("suicidal")
    assert case_of(bot_servers, advisor, learner.sender)["reason"] == "distress"


def test_a_long_conversation_keeps_what_its_first_turns_settled(bot_servers, advisor):
    """Rasa is handed a long session's last turns only (components/dialogue_window.py): the
    credential discussed before them still answers "how much does it cost?", and the case an
    advisor gets holds the whole session."""
    sender = new_sender()
    assert "SQL" in texts(bot_servers.chat("what do I need for the SQL badge?", sender))
    for text in ["what is a micro-credential", "where can I get tutoring", "thanks"] * 2:
        assert texts(bot_servers.chat(text, sender))
    assert "SQL Fundamentals" in texts(bot_servers.chat("how much does it cost?", sender))
    bot_servers.chat("can I speak with an advisor?", sender)
    delivered = bot_servers.webhook.case_for(sender)
    assert delivered is not None, "the webhook never received the case"
    lines = [(line["sender"], line["text"]) for line in delivered["transcript"]]
    assert lines[0] == ("learner", "what do I need for the SQL badge?")
    assert [text for who, text in lines if who == "learner"][-2:] == [
        "how much does it cost?",
        "can I speak with an advisor?",
    ]
