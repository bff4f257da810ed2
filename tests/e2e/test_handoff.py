"""Handoff to a human advisor, end to end: a REST learner asks for a person, the case reaches the
advisor console with the transcript, the advisor's reply reaches the learner, the assistant stays
quiet until the case is resolved and answers again afterwards; advisors hear of the case through
the webhook, and a webhook that is down loses nothing; advisor replies reach socket.io learners
whichever Rasa process holds their socket."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from bot.handoff.transcript import from_events
from bot.i18n import t
from tests.support.advisor_api import case_of, cli
from tests.support.servers import new_sender, texts
from tests.support.socketio_learner import SocketLearner

#: What each message gets while an advisor has the conversation (in English).
WAITING = t("handoff.waiting")


def transcript(servers, session: requests.Session, case_id: int) -> list[tuple[str, str]]:
    shown = session.get(f"{servers.web_url}/advisor/api/cases/{case_id}", timeout=30).json()
    assert shown["warning"] is None  # read live from Rasa
    return [(line["sender"], line["text"]) for line in shown["transcript"]]


def wait_until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def said_to_learner(servers, sender: str) -> list[tuple[str, str]]:
    """What the assistant and the advisor said in the conversation, from Rasa's tracker."""
    lines = from_events(servers.tracker(sender)["events"])
    return [(line.sender, line.text) for line in lines if line.sender != "learner"]


def test_a_learner_reaches_an_advisor_and_then_the_assistant_again(bot_servers, advisor):
    sender = new_sender()
    bot_servers.chat("what do I need to earn the SQL badge?", sender)
    told = texts(bot_servers.chat("I'd like to talk to a real person please", sender))
    assert "I've opened case #" in told
    assert "won't need to repeat yourself" in told

    case = case_of(bot_servers, advisor, sender)
    assert (case["status"], case["reason"]) == ("open", "requested")
    assert case["credentials"] == [{"id": "sql-fundamentals-badge", "name": "SQL Fundamentals"}]
    lines = transcript(bot_servers, advisor, case["id"])
    assert lines[0] == ("learner", "what do I need to earn the SQL badge?")
    assert lines[1][0] == "assistant" and "SQL Fundamentals" in lines[1][1]
    assert ("learner", "I'd like to talk to a real person please") in lines

    waiting = bot_servers.chat("hello? is anyone there?", sender)
    assert texts(waiting) == WAITING and waiting[0]["custom"] == {"handoff": "waiting"}
    assert ("learner", "hello? is anyone there?") in transcript(bot_servers, advisor, case["id"])

    base = f"{bot_servers.web_url}/advisor/api/cases/{case['id']}"
    assert advisor.post(f"{base}/claim", json={}, timeout=10).status_code == 200
    sent = advisor.post(
        f"{base}/messages", json={"text": "Hi, I'm Casey from advising. How can I help?"}, timeout=30
    )
    assert sent.status_code == 201, sent.text
    pushed = [e for e in bot_servers.tracker(sender)["events"] if e["event"] == "bot"][-1]
    assert pushed["text"] == "Hi, I'm Casey from advising. How can I help?"
    assert pushed["data"]["custom"]["from"] == "advisor"
    assert pushed["data"]["custom"]["advisor"] == "Casey Ng"

    assert texts(bot_servers.chat("what does the SQL badge cost?", sender)) == WAITING
    assert said_to_learner(bot_servers, sender)[-1] == (
        "advisor",
        "Hi, I'm Casey from advising. How can I help?",
    )

    resolved = advisor.post(f"{base}/resolve", json={}, timeout=30)
    assert resolved.json()["case"]["status"] == "resolved"
    assert "I'm back" in said_to_learner(bot_servers, sender)[-1][1]
    queue = advisor.get(f"{bot_servers.web_url}/advisor/api/cases", timeout=10).json()["cases"]
    assert case["id"] not in [c["id"] for c in queue]

    answer = texts(bot_servers.chat("what does the SQL badge cost?", sender))
    assert "SQL Fundamentals" in answer


def test_a_sensitive_topic_goes_to_an_advisor_with_care(bot_servers, advisor):
    sender = new_sender()
    told = texts(bot_servers.chat("I'm so overwhelmed, I can't cope anymore", sender))
    assert "988" in told
    case = case_of(bot_servers, advisor, sender)
    assert (case["reason"], case["priority"]) == ("distress", 0)
    assert texts(bot_servers.chat("please help", sender)) == WAITING
    # Crisis words while the advisor is awaited get the crisis line again, not only "thanks".
    assert "988" in texts(bot_servers.chat("I want to kill myself", sender))


def test_crisis_words_the_nlu_never_learned_still_reach_an_advisor_with_the_crisis_line(bot_servers, advisor):
    sender = new_sender()
    told = texts(bot_servers.chat("honestly I just want to die, none of this matters", sender))
    assert "988" in told
    assert case_of(bot_servers, advisor, sender)["reason"] == "distress"


def test_advisors_hear_of_a_case_through_the_webhook_as_it_opens(bot_servers, advisor):
    sender = new_sender()
    bot_servers.chat("can I speak with an advisor?", sender)
    delivered = bot_servers.webhook.case_for(sender)
    assert delivered is not None, "the webhook never received the case"
    assert delivered["id"] == case_of(bot_servers, advisor, sender)["id"]
    assert ("learner", "can I speak with an advisor?") in [
        (line["sender"], line["text"]) for line in delivered["transcript"]
    ]


def test_a_webhook_that_is_down_loses_nothing_and_gets_the_case_later(bot_servers, advisor):
    webhook, sender = bot_servers.webhook, new_sender()
    webhook.down = True
    try:
        told = texts(bot_servers.chat("I need to talk to a real person please", sender))
        assert "advisor" in told
        failed = wait_until(
            lambda: case_of(bot_servers, advisor, sender)["notification"]["status"] == "failed"
        )
        assert failed, "the failed notification was not recorded on the case"
        kept = case_of(bot_servers, advisor, sender)
        assert kept["status"] == "open" and kept["notification"]["attempts"] >= 3
        assert webhook.case_for(sender, seconds=0) is None
    finally:
        webhook.down = False

    sent = cli(bot_servers, "handoff", "retry-notifications", MICROCRED_ADVISOR_WEBHOOK_URL=webhook.url)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert webhook.case_for(sender)["id"] == kept["id"]
    assert case_of(bot_servers, advisor, sender)["notification"]["status"] == "sent"


def test_a_learner_cannot_read_the_case_queue(bot_servers):
    sender = new_sender()
    bot_servers.chat("talk to a person", sender)
    for headers in ({}, {"Authorization": f"Bearer {sender}"}):
        reply = requests.get(f"{bot_servers.web_url}/advisor/api/cases", headers=headers, timeout=10)
        assert reply.status_code == 401
        assert sender not in reply.text


def test_advisor_replies_reach_learners_whichever_rasa_process_holds_their_socket(bot_servers, advisor):
    """Several Rasa processes serve the bot: a learner's socket lives in one, and the advisor's
    reply arrives through the HTTP API at any. Every learner still gets their own reply live."""

    def learner_gets_the_reply(number: int) -> tuple[dict, str]:
        with SocketLearner(bot_servers.rasa_url) as learner:
            learner.say("can I talk to a human advisor please")
            learner.first_message_where(lambda m: "I've opened case #" in m.get("text", ""))
            base = f"{bot_servers.web_url}/advisor/api/cases/{case_of(bot_servers, advisor, learner.conversation_id)['id']}"
            reply = f"Hello learner {number}, this is Casey."
            assert advisor.post(f"{base}/claim", json={}, timeout=10).status_code == 200
            sent = advisor.post(f"{base}/messages", json={"text": reply}, timeout=30)
            assert sent.status_code == 201, sent.text
            pushed = learner.first_message_where(lambda m: "custom" in m)
            advisor.post(f"{base}/resolve", json={}, timeout=30)
            return pushed, reply

    with ThreadPoolExecutor(6) as pool:
        for pushed, reply in pool.map(learner_gets_the_reply, range(6)):
            assert (pushed.get("text"), pushed["custom"].get("from")) == (reply, "advisor")
