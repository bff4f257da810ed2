"""Follow-ups about the credential last discussed, told apart from general questions."""

from __future__ import annotations

import pytest

from bot.catalog.follow_up import refers_back


@pytest.mark.parametrize(
    "text",
    [
        "how much does it cost?",
        "and how much is it?",
        "how long is it?",
        "is this one online?",
        "does it stack into anything bigger?",
        "what are the requirements?",
        "and the start date?",
        "what about prerequisites?",
        "how long?",
        "price?",
        "how do I enroll in this certificate?",
        "can I take the badge online",
        '/how_to_enroll{"attribute":"cost"}',
    ],
)
def test_follow_ups_refer_back_to_the_credential_discussed(text):
    assert refers_back(text)


@pytest.mark.parametrize(
    "text",
    [
        "How can I register?",
        "how do I enroll",
        "do I need to be a student to take them?",
        "Can I earn credits by completing a short course?",
        "what do I need to get a certificate",
    ],
)
def test_general_questions_do_not(text):
    assert not refers_back(text)
