"""The advisor console over real HTTP: only advisors get in, a learner never reads a case, claims
are exclusive, the student's records are read with an audit entry, a reply is never lost, and
no other site can make an advisor's browser change anything (cross-site request forgery)."""

from __future__ import annotations

import json
import re
import time

import pytest
import requests
from sqlalchemy import select

from bot.catalog.loader import load_knowledge_base
from bot.db import create_schema, get_engine, session_scope
from bot.handoff import cases
from bot.handoff.cases import CaseRequest
from bot.handoff.rules import Reason
from bot.handoff.transcript import Line
from bot.identity.tokens import issue_token
from bot.models import AuditLogEntry
from bot.records.demo import load_demo_records
from tests.conftest import KNOWLEDGE_BASE
from tests.support.advisor_accounts import PASSWORD, make_advisor
from tests.support.processes import free_port
from tests.support.web_service import web_service
from tests.support.webhook_receiver import WebhookReceiver

ANN = "ann.lee@hvu.example.edu"
BO = "bo.park@hvu.example.edu"


@pytest.fixture(scope="module")
def webhook():
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def console(tmp_path_factory, webhook):
    """The web service on a database with the catalog, the demo students and two advisors.

    Nothing listens at its RASA_URL: the assistant's server is down. Its advisor webhook is ``webhook``.
    """
    work = tmp_path_factory.mktemp("console")
    url = f"sqlite:///{work / 'console.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MICROCRED_DATABASE_URL", url)
        get_engine.cache_clear()
        load_knowledge_base(KNOWLEDGE_BASE)
        load_demo_records()
        create_schema()
        make_advisor(ANN, "Ann Lee")
        make_advisor(BO, "Bo Park")
        env = {
            "MICROCRED_DATABASE_URL": url,
            "RASA_URL": f"http://127.0.0.1:{free_port()}",
            "RASA_API_TOKEN": "t",
            "MICROCRED_ADVISOR_WEBHOOK_URL": webhook.url,
        }
        with web_service(env, work / "web.log") as base:
            yield base
    get_engine.cache_clear()


def own(console: str) -> dict:
    """The header a browser sends with the console's own requests."""
    return {"Origin": console}


def sign_in(console: str, email: str) -> requests.Session:
    """A session as the console's page makes it: its own Origin on every request."""
    session = requests.Session()
    session.headers.update(own(console))
    reply = session.post(
        f"{console}/advisor/api/session", json={"email": email, "password": PASSWORD}, timeout=10
    )
    assert reply.status_code == 200, reply.text
    return session


def new_case(conversation: str, student_id: str | None = None) -> int:
    case, _ = cases.open_case(
        CaseRequest(
            conversation,
            Reason.REQUESTED,
            [Line("learner", "can I talk to a person?", time.time() - 60)],
            ["sql-fundamentals-badge"],
            student_id,
        )
    )
    return case.id


def case_paths(case_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", "/advisor/api/cases"),
        ("GET", f"/advisor/api/cases/{case_id}"),
        ("GET", f"/advisor/api/cases/{case_id}/student"),
        ("POST", f"/advisor/api/cases/{case_id}/claim"),
        ("POST", f"/advisor/api/cases/{case_id}/messages"),
        ("POST", f"/advisor/api/cases/{case_id}/resolve"),
    ]


def test_without_signing_in_nothing_about_cases_is_shown(console):
    case_id = new_case("anonymous-probe", "S1001")
    for method, path in case_paths(case_id):
        reply = requests.request(
            method, console + path, json={"text": "hi"}, headers=own(console), timeout=10
        )
        assert reply.status_code == 401, path
        assert reply.json() == {"error": "sign in to the advisor console"}
        assert "S1001" not in reply.text


def test_a_signed_in_student_is_refused_however_they_send_their_token(console):
    case_id = new_case("student-probe", "S1001")
    token = issue_token("S1001")
    for method, path in case_paths(case_id):
        as_bearer = requests.request(
            method,
            console + path,
            json={},
            timeout=10,
            headers={"Authorization": f"Bearer {token}", **own(console)},
        )
        as_cookie = requests.request(
            method,
            console + path,
            json={},
            headers=own(console),
            timeout=10,
            cookies={"microcred_advisor_session": token},
        )
        for reply in (as_bearer, as_cookie):
            assert reply.status_code == 403, path
            assert "advisor console is for advisors only" in reply.json()["error"]
    assert cases.get_case(case_id).status == "open"


def test_a_made_up_token_is_not_a_session(console):
    reply = requests.get(
        f"{console}/advisor/api/cases", headers={"Authorization": "Bearer made-up"}, timeout=10
    )
    assert reply.status_code == 401
    assert "sign in again" in reply.json()["error"]


def test_password_guessing_is_refused_after_five_failures_even_with_the_right_password(console):
    guessed = "guessed.at@hvu.example.edu"
    make_advisor(guessed, "Guessed At")
    attempt = lambda password: requests.post(  # noqa: E731
        f"{console}/advisor/api/session",
        json={"email": guessed, "password": password},
        headers=own(console),
        timeout=10,
    )
    assert [attempt(f"guess {n}").status_code for n in range(5)] == [401] * 5
    refused = attempt(PASSWORD)
    assert refused.status_code == 429
    assert "too many failed sign-ins" in refused.json()["error"]
    assert int(refused.headers["Retry-After"]) > 0
    assert sign_in(console, ANN)  # other accounts still sign in from the same address


def test_signing_in_sets_a_strict_http_only_cookie_and_gives_a_bearer_token(console):
    wrong = requests.post(
        f"{console}/advisor/api/session",
        json={"email": ANN, "password": "not it at all"},
        headers=own(console),
        timeout=10,
    )
    assert (wrong.status_code, wrong.json()) == (401, {"error": "wrong email or password"})
    reply = requests.post(
        f"{console}/advisor/api/session",
        json={"email": ANN, "password": PASSWORD},
        headers=own(console),
        timeout=10,
    )
    cookie = reply.headers["Set-Cookie"]
    assert re.search(r"microcred_advisor_session=[\w-]{40,};", cookie)
    for flag in ("HttpOnly", "SameSite=Strict", "Path=/advisor"):
        assert flag in cookie
    token = reply.json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    me = requests.get(f"{console}/advisor/api/session", headers=bearer, timeout=10)
    assert me.json()["advisor"]["name"] == "Ann Lee"
    signed_out = requests.delete(
        f"{console}/advisor/api/session", json={}, headers={**bearer, **own(console)}, timeout=10
    )
    assert signed_out.status_code == 200
    assert requests.get(f"{console}/advisor/api/cases", headers=bearer, timeout=10).status_code == 401


def test_sign_in_requests_that_are_not_json_get_a_clear_message(console):
    reply = requests.post(
        f"{console}/advisor/api/session",
        data="email=x",
        timeout=10,
        headers={"Content-Type": "application/x-www-form-urlencoded", **own(console)},
    )
    assert reply.status_code == 403
    assert reply.json()["error"] == "refused: send the request body as JSON (Content-Type: application/json)"
    reply = requests.post(
        f"{console}/advisor/api/session",
        data="{not json",
        timeout=10,
        headers={"Content-Type": "application/json", **own(console)},
    )
    assert (reply.status_code, reply.json()["error"]) == (400, "the request body is not valid JSON")
    reply = requests.post(
        f"{console}/advisor/api/session", json={"email": ANN}, headers=own(console), timeout=10
    )
    assert (reply.status_code, reply.json()["error"]) == (400, "missing password")


def test_two_advisors_claiming_the_same_case_cannot_both_have_it(console):
    case_id = new_case("claim-race")
    ann, bo = sign_in(console, ANN), sign_in(console, BO)
    queue = ann.get(f"{console}/advisor/api/cases", timeout=10).json()["cases"]
    assert any(c["id"] == case_id and c["status"] == "open" for c in queue)
    claimed = ann.post(f"{console}/advisor/api/cases/{case_id}/claim", json={}, timeout=10)
    assert claimed.json()["case"]["claimed_by"] == "Ann Lee"
    taken = bo.post(f"{console}/advisor/api/cases/{case_id}/claim", json={}, timeout=10)
    assert (taken.status_code, taken.json()["error"]) == (409, f"case #{case_id} is being handled by Ann Lee")
    replied = bo.post(f"{console}/advisor/api/cases/{case_id}/messages", json={"text": "hi"}, timeout=10)
    assert replied.status_code == 409


def test_advisors_see_the_students_progress_before_claiming_then_only_the_holder_and_reads_are_audited(
    console,
):
    case_id = new_case("context", "S1001")
    ann, bo = sign_in(console, ANN), sign_in(console, BO)
    queued = next(
        c for c in ann.get(f"{console}/advisor/api/cases", timeout=10).json()["cases"] if c["id"] == case_id
    )
    assert queued["learner"]["name"] == "Maya Chen"
    assert queued["credentials"] == [{"id": "sql-fundamentals-badge", "name": "SQL Fundamentals"}]
    before = bo.get(f"{console}/advisor/api/cases/{case_id}/student", timeout=10)
    assert before.json()["student"]["progress"]["given_name"] == "Maya"
    ann.post(f"{console}/advisor/api/cases/{case_id}/claim", json={}, timeout=10)
    assert bo.get(f"{console}/advisor/api/cases/{case_id}/student", timeout=10).status_code == 409
    student = ann.get(f"{console}/advisor/api/cases/{case_id}/student", timeout=10).json()["student"]
    assert student["as_of"] == "now"
    assert student["progress"]["given_name"] == "Maya"
    enrollments = {e["credential"]: e for e in student["progress"]["enrollments"]}
    assert enrollments["SQL Fundamentals"]["status"] == "Completed"
    assert enrollments["Data Visualization Basics"]["status"] == "InProgress"
    with session_scope() as session:
        entries = session.scalars(
            select(AuditLogEntry)
            .where(AuditLogEntry.purpose == f"handoff case #{case_id}")
            .order_by(AuditLogEntry.id)
        ).all()
        assert [(e.actor_kind, e.actor_id, e.student_id, e.conversation_id) for e in entries] == [
            ("advisor", BO, "S1001", "context"),
            ("advisor", ANN, "S1001", "context"),
        ]


def test_when_the_assistant_is_down_a_reply_is_kept_and_the_case_stays_open(console):
    case_id = new_case("rasa-down")
    ann = sign_in(console, ANN)
    ann.post(f"{console}/advisor/api/cases/{case_id}/claim", json={}, timeout=10)
    sent = ann.post(
        f"{console}/advisor/api/cases/{case_id}/messages", json={"text": "Hi, I'm Ann."}, timeout=10
    )
    assert sent.status_code == 502
    assert sent.json()["error"].startswith("Your reply is saved on the case but did not reach the learner")
    shown = ann.get(f"{console}/advisor/api/cases/{case_id}", timeout=10).json()
    assert shown["warning"].startswith("Showing the conversation as stored when the case opened")
    assert [(line["sender"], line["text"]) for line in shown["transcript"]] == [
        ("learner", "can I talk to a person?"),
        ("advisor", "Hi, I'm Ann."),
    ]
    resolved = ann.post(f"{console}/advisor/api/cases/{case_id}/resolve", json={}, timeout=10)
    assert resolved.status_code == 502
    assert "The case stays open" in resolved.json()["error"]
    assert cases.get_case(case_id).status == "claimed"


def test_the_console_page_and_its_scripts_are_served_locally(console):
    page = requests.get(f"{console}/advisor", timeout=10)
    assert page.status_code == 200
    assert '<label for="email">Email</label>' in page.text
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert assets and all(a.startswith("/advisor/static/") for a in assets)
    for asset in assets:
        assert requests.get(console + asset, timeout=10).status_code == 200


def test_the_web_service_notifies_advisors_of_cases_nobody_has_been_told_about(console, webhook):
    case_id = new_case("told-by-the-web-service")
    deadline = time.monotonic() + 30
    while case_id not in [body["case"]["id"] for body in webhook.received] and time.monotonic() < deadline:
        time.sleep(0.2)
    delivered = {body["case"]["id"]: body["case"] for body in webhook.received}
    assert delivered[case_id]["conversation_id"] == "told-by-the-web-service"
    assert cases.get_case(case_id).notification_status == "sent"


FOREIGN = "https://evil.example"


def forgeries(console: str, body: dict) -> dict[str, dict]:
    """Requests another page could make an advisor's browser send, as keyword arguments for requests."""
    as_json = json.dumps(body)
    return {
        "foreign origin": {"json": body, "headers": {"Origin": FOREIGN}},
        "foreign referer, no origin": {
            "json": body,
            "headers": {"Origin": None, "Referer": f"{FOREIGN}/page"},
        },
        "opaque origin": {"json": body, "headers": {"Origin": "null"}},
        "neither origin nor referer": {"json": body, "headers": {"Origin": None}},
        "look-alike host": {"json": body, "headers": {"Origin": console + ".evil.example"}},
        "text/plain naming JSON": {
            "data": as_json,
            "headers": {"Content-Type": "text/plain; x=application/json"},
        },
        "text/plain": {"data": as_json, "headers": {"Content-Type": "text/plain"}},
        "form-encoded": {"data": body or {"x": "1"}},
        "multipart": {"files": {"body": ("body.json", as_json, "application/json")}},
    }


def test_cross_site_requests_are_refused_on_every_state_changing_endpoint_and_change_nothing(console):
    ann = sign_in(console, ANN)
    waiting, held = new_case("csrf-waiting"), new_case("csrf-held")
    assert ann.post(f"{console}/advisor/api/cases/{held}/claim", json={}, timeout=10).status_code == 200
    endpoints = {
        "sign-in": ("POST", "/advisor/api/session", {"email": ANN, "password": PASSWORD}),
        "sign-out": ("DELETE", "/advisor/api/session", {}),
        "claim": ("POST", f"/advisor/api/cases/{waiting}/claim", {}),
        "reply": ("POST", f"/advisor/api/cases/{held}/messages", {"text": "forged reply"}),
        "resolve": ("POST", f"/advisor/api/cases/{held}/resolve", {}),
    }
    for endpoint, (method, path, body) in endpoints.items():
        for forgery, request in forgeries(console, body).items():
            reply = ann.request(method, console + path, timeout=10, **request)
            assert reply.status_code == 403, (endpoint, forgery, reply.text)
            assert reply.json()["error"].startswith("refused: "), (endpoint, forgery)
            assert "Set-Cookie" not in reply.headers and "token" not in reply.json()
    assert cases.get_case(waiting).status == "open"
    assert cases.get_case(held).status == "claimed"
    assert cases.get_case(held).messages == []
    assert ann.get(f"{console}/advisor/api/session", timeout=10).status_code == 200  # still signed in


def test_refusals_say_what_is_wrong(console):
    url = f"{console}/advisor/api/session"
    foreign = requests.post(url, json={}, headers={"Origin": FOREIGN}, timeout=10).json()["error"]
    assert foreign == f"refused: the request comes from {FOREIGN}, not from the advisor console ({console})"
    anonymous = requests.post(url, json={}, timeout=10).json()["error"]
    assert anonymous == "refused: the request does not say which page sent it (no Origin or Referer header)"
    # The console's own page is accepted by its Referer too, when a browser sends no Origin.
    by_referer = requests.post(
        url, json={"email": ANN, "password": "wrong"}, headers={"Referer": f"{console}/advisor/"}, timeout=10
    )
    assert by_referer.status_code == 401


def test_behind_a_proxy_the_configured_public_origin_is_the_consoles_own(tmp_path):
    public = "https://advising.hvu.example"
    env = {
        "MICROCRED_SITE_URL": public,
        "RASA_URL": f"http://127.0.0.1:{free_port()}",
        "MICROCRED_DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.db'}",
    }
    with web_service(env, tmp_path / "web.log") as base:
        url = f"{base}/advisor/api/session"
        attempt = {"email": "nobody@hvu.example.edu", "password": "wrong"}
        assert requests.post(url, json=attempt, headers={"Origin": public}, timeout=10).status_code == 401
        assert (
            requests.post(url, json=attempt, headers={"Origin": f"{public}:443"}, timeout=10).status_code
            == 401
        )
        internal = requests.post(url, json=attempt, headers={"Origin": base}, timeout=10)
        assert internal.status_code == 403
