"""The forty-message conversation of ``tests/support/long_conversation.py`` in the chat widget: each
message is answered in the page, misses and handoffs included."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.advisor_api import answer_and_resolve, open_case_holding
from tests.support.long_conversation import Learner, forty_messages

#: The sender label above each message in the log ("Assistant:").
SENDER_LABEL = re.compile(r"^[\w ,]+:$")


def without_labels(reply: str) -> str:
    return "\n".join(line for line in reply.splitlines() if not SENDER_LABEL.match(line.strip()))


class WidgetLearner(Learner):
    def __init__(self, site) -> None:
        super().__init__()
        self.site = site

    def _send(self, text: str) -> str:
        return without_labels(self.site.ask(text))

    def _click(self, title_words: str) -> str:
        [title] = [t for t in self.site.choices() if title_words in t]
        return without_labels(self.site.click_choice(title))


def test_forty_messages_in_the_widget_are_each_answered(site, bot_servers, advisor):
    site.open_chat()
    site.greeting()

    def resolve(marker: str, reason: str) -> None:
        case = open_case_holding(bot_servers, advisor, marker)
        assert case["reason"] == reason
        reply = f"Hi, this is Casey from advising about case {case['id']}."
        answer_and_resolve(bot_servers, advisor, case, reply)
        expect(site.messages("advisor").last).to_contain_text(reply)

    forty_messages(WidgetLearner(site), resolve)
