"""A Rasa process dies in the middle of a learner's turn, then every Rasa process is restarted (a
rolling update): the learner loses no turn and no handoff case. What "lost" means here, as the
learner sees it: the message in flight when the process died gets no answer (the widget shows
"Try again") and is not half-kept; sent again, the other process serves it; every message the
learner was answered for, and the case they were told the number of, are still there for the
assistant and the advisor. Runs on both topologies (tests/support/servers.py), so the conversations
survive in Redis (``make run``) and in PostgreSQL (production) alike."""

from __future__ import annotations

import http.client
import json
import os
import signal
from urllib.parse import urlsplit

import pytest
import requests

from bot.i18n import t
from tests.e2e.test_handoff import transcript, wait_until
from tests.support.advisor_api import answer_and_resolve, case_of
from tests.support.process_sockets import children, connection_owner, unread_bytes
from tests.support.servers import RASA_WORKERS, new_sender, texts

#: What each message gets while an advisor has the conversation (in English).
ACKNOWLEDGED = t("handoff.waiting")

ASKED = "what do I need to earn the SQL badge?"
HANDOFF = "I'd like to talk to a real person please"
WAITING = "hello? is anyone there?"
#: A turn cut off by a dying process leaves its ticket on the conversation's lock until the ticket's
#: lifetime (Rasa's 60 s) ends: the learner's next message waits that long at most.
RETRY_SECONDS = 180


def learner_lines(servers, session: requests.Session, case_id: int) -> list[str]:
    return [text for sender, text in transcript(servers, session, case_id) if sender == "learner"]


def kill_the_process_serving(servers, sender: str, message: str) -> None:
    """Send ``message`` and kill the Rasa process handling it while its turn waits on the action
    server (stopped meanwhile, so the turn cannot finish first); the learner gets no answer."""
    rasa_port, actions_port = urlsplit(servers.rasa_url).port, urlsplit(servers.actions_url).port
    workers = children(servers.processes["Rasa server"].pid)
    assert len(workers) == RASA_WORKERS
    actions_group = servers.processes["action server"].pid
    connection = http.client.HTTPConnection("127.0.0.1", rasa_port, timeout=RETRY_SECONDS)
    connection.connect()
    os.killpg(actions_group, signal.SIGSTOP)
    try:
        body = json.dumps({"sender": sender, "message": message})
        connection.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        assert wait_until(lambda: unread_bytes(actions_port) > 0), "the turn never reached the action server"
        owner = connection_owner(workers, rasa_port, connection.sock.getsockname()[1])
        assert owner is not None, "no Rasa process holds the learner's request"
        os.kill(owner, signal.SIGKILL)
        with pytest.raises((http.client.HTTPException, ConnectionError)):
            connection.getresponse()
    finally:
        os.killpg(actions_group, signal.SIGCONT)
        connection.close()


def test_a_rasa_process_dying_mid_turn_and_a_restart_lose_no_turn_and_no_case(bot_servers, advisor):
    sender = new_sender()
    assert "SQL Fundamentals" in texts(bot_servers.chat(ASKED, sender))

    kill_the_process_serving(bot_servers, sender, HANDOFF)

    # The learner sends it again ("Try again"); the Rasa process left serves it.
    again = requests.post(
        f"{bot_servers.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": HANDOFF},
        timeout=RETRY_SECONDS,
    )
    again.raise_for_status()
    told = texts(again.json())
    case = case_of(bot_servers, advisor, sender)  # exactly one case for the conversation
    assert f"case #{case['id']}" in told
    assert learner_lines(bot_servers, advisor, case["id"]) == [ASKED, HANDOFF]
    assert texts(bot_servers.chat(WAITING, sender)) == ACKNOWLEDGED
    assert learner_lines(bot_servers, advisor, case["id"]) == [ASKED, HANDOFF, WAITING]

    bot_servers.restart("Rasa server")
    assert len(children(bot_servers.processes["Rasa server"].pid)) == RASA_WORKERS

    # After the restart the conversation is still paused and still the advisor's.
    assert texts(bot_servers.chat("are you still there?", sender)) == ACKNOWLEDGED
    assert case_of(bot_servers, advisor, sender)["id"] == case["id"]
    assert (
        answer_and_resolve(bot_servers, advisor, case, "Robin here, sorry for the wait.")["status"]
        == "resolved"
    )
    assert "SQL Fundamentals" in texts(bot_servers.chat("what does the SQL badge cost?", sender))

    said = [e["text"] for e in bot_servers.tracker(sender)["events"] if e["event"] == "user"]
    assert said == [ASKED, HANDOFF, WAITING, "are you still there?", "what does the SQL badge cost?"]
    assert bot_servers.webhook.case_for(sender) is not None  # advisors heard of the case


def test_the_action_server_restarting_between_turns_costs_the_learner_no_answer(bot_servers):
    """The Rasa processes keep their connections to the action server open between turns
    (channels/action_endpoint.py); the action server stopping closes the ones they hold (it
    stops within their two idle seconds), and once it is back every conversation's next turn
    goes out on a new connection and is answered."""
    senders = [new_sender() for _ in range(2 * RASA_WORKERS)]
    for sender in senders:
        assert "SQL Fundamentals" in texts(bot_servers.chat(ASKED, sender))

    bot_servers.restart("action server")

    for sender in senders:
        assert "$" in texts(bot_servers.chat("how much does it cost?", sender))
