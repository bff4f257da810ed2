"""What the channels let through, over REST and socket.io against the real servers: message size
and rate limits, sessions bound to their owner, no session token kept, CORS for the site only."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from tests.e2e.test_progress import SIGN_IN
from tests.support.servers import CONVERSATION_LIMIT, new_sender, texts
from tests.support.socketio_learner import SocketLearner

#: About one megabyte of a real question.
HUGE = "What do I need for the SQL badge? " * 30_000
SHORTER = "Please ask again in a shorter message"
TOO_FAST = "You're sending messages faster than I can answer"
FOREIGN = "https://attacker.example"


def post(bot_servers, sender: str, text: str, metadata: dict | None = None, headers: dict | None = None):
    body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata is not None else {})}
    return requests.post(
        f"{bot_servers.rasa_url}/webhooks/rest/webhook", json=body, headers=headers, timeout=120
    )


def user_texts(bot_servers, sender: str) -> list[str]:
    return [e.get("text") for e in bot_servers.tracker(sender)["events"] if e["event"] == "user"]


def test_concurrent_huge_messages_are_refused_unprocessed_and_the_assistant_keeps_answering(bot_servers):
    senders = [new_sender() for _ in range(4)]
    with ThreadPoolExecutor(6) as pool:
        rest = pool.map(lambda sender: post(bot_servers, sender, HUGE), senders)

        def over_socketio(_):
            with SocketLearner(bot_servers.rasa_url) as learner:
                return learner.reply_to(HUGE), learner.conversation_id

        sockets = list(pool.map(over_socketio, range(2)))
        rest = list(rest)
    for reply in rest:
        assert reply.status_code == 413
        assert SHORTER in texts(reply.json())
    for text, _ in sockets:
        assert SHORTER in text
    for conversation in senders + [conversation for _, conversation in sockets]:
        assert user_texts(bot_servers, conversation) == []  # nothing stored
    assert "SQL" in texts(bot_servers.chat("What do I need for the SQL badge?"))


def test_too_much_metadata_is_refused(bot_servers):
    sender = new_sender()
    reply = post(bot_servers, sender, "hello", {"padding": "x" * 10_000})
    assert reply.status_code == 413
    assert "more extra data than I accept" in texts(reply.json())
    assert user_texts(bot_servers, sender) == []


def test_a_conversation_sending_too_fast_is_told_to_wait_and_others_go_on(bot_servers):
    sender = new_sender()
    statuses = [post(bot_servers, sender, "x" * 5_000).status_code for _ in range(CONVERSATION_LIMIT)]
    assert set(statuses) == {413}
    refused = post(bot_servers, sender, "What do I need for the SQL badge?")
    assert refused.status_code == 429
    assert TOO_FAST in texts(refused.json())
    assert user_texts(bot_servers, sender) == []
    assert "SQL" in texts(bot_servers.chat("What do I need for the SQL badge?"))


def test_a_socket_cannot_join_or_post_into_another_learners_conversation(bot_servers, sign_in):
    with SocketLearner(bot_servers.rasa_url, {"token": sign_in("S1001")}) as owner:
        assert "Hi Maya, here's your progress:" in owner.reply_to("show my progress")
        # The conversation id as the advisor queue shows it, and a handle with a made-up signature.
        for stolen in (owner.conversation_id, f"{owner.conversation_id}.{'0' * 64}"):
            with SocketLearner(bot_servers.rasa_url, session_id=stolen) as intruder:
                assert intruder.conversation_id != owner.conversation_id
                assert SIGN_IN in intruder.reply_to("show my progress")
                intruder.client.emit("user_uttered", {"message": "hijacked", "session_id": owner.session_id})
                intruder.next_message()
                assert "Hi Maya" in owner.reply_to("show my progress")
                assert intruder.received.empty()  # the owner's reply went to the owner only
        assert "hijacked" not in user_texts(bot_servers, owner.conversation_id)
        handle = owner.session_id
    with SocketLearner(bot_servers.rasa_url, session_id=handle) as reloaded:  # the widget after a reload
        assert reloaded.conversation_id == owner.conversation_id


def test_no_session_token_is_kept_in_a_conversation(bot_servers, sign_in):
    token = sign_in("S1001")
    sender = new_sender()
    assert "Hi Maya" in texts(bot_servers.chat("show my progress", sender, token=token))
    with SocketLearner(bot_servers.rasa_url, {"token": token}) as learner:
        assert "Hi Maya" in learner.reply_to("show my progress")
        conversations = [sender, learner.conversation_id]
    for conversation in conversations:
        stored = json.dumps(bot_servers.tracker(conversation))
        assert token not in stored
        assert token.split(".")[2] not in stored  # not even the token's signature


def test_identity_fields_made_up_by_a_client_grant_nothing(bot_servers, sign_in):
    signed_in = new_sender()
    bot_servers.chat("show my progress", signed_in, token=sign_in("S1001"))
    [claim] = [
        e["metadata"]["identity"] for e in bot_servers.tracker(signed_in)["events"] if e["event"] == "user"
    ]
    sender = new_sender()
    for metadata in (
        {"identity": claim},  # a real claim, copied from another conversation
        {"identity": {**claim, "conversation": sender}},
        {"student_id": "S1001", "sub": "S1001", "user": "S1001"},
        {"token": "forged"},
    ):
        reply = post(bot_servers, sender, "show my progress", metadata)
        assert reply.status_code == 200
        assert SIGN_IN in texts(reply.json()) or "couldn't be verified" in texts(reply.json())
        assert "Maya" not in texts(reply.json())


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/status", "/conversations/x/tracker"])
def test_only_the_site_gets_a_cors_allowance(bot_servers, path):
    def preflight(origin: str):
        return requests.options(
            f"{bot_servers.rasa_url}{path}",
            timeout=10,
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )

    assert preflight(bot_servers.web_url).headers.get("Access-Control-Allow-Origin") == bot_servers.web_url
    assert "Access-Control-Allow-Origin" not in preflight(FOREIGN).headers


def test_a_foreign_page_can_neither_post_nor_open_a_socket(bot_servers):
    sender = new_sender()
    reply = post(bot_servers, sender, "show my progress", headers={"Origin": FOREIGN})
    assert reply.status_code == 403
    assert "Access-Control-Allow-Origin" not in reply.headers
    assert user_texts(bot_servers, sender) == []
    with pytest.raises(socketio.exceptions.ConnectionError):
        with SocketLearner(bot_servers.rasa_url, origin=FOREIGN):
            pass
    with SocketLearner(bot_servers.rasa_url, origin=bot_servers.web_url) as learner:
        assert learner.reply_to("hello")
