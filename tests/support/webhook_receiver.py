"""A real HTTP server on 127.0.0.1 standing in for the advisors' webhook: it records every case
it is sent, and can be told to answer 503 to the first few deliveries, or while it is ``down``."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class WebhookReceiver:
    def __init__(self, fail_first: int = 0, port: int = 0):
        self.fail_first = fail_first
        self.down = False
        self.requests: list[dict] = []  # every delivery tried, failed ones included
        self.received: list[dict] = []  # the bodies it accepted
        self.deliveries: list[tuple[dict, bytes]] = []  # (headers, raw body) of every request
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                body = json.loads(raw)
                receiver.requests.append(body)
                receiver.deliveries.append((dict(self.headers), raw))
                failing = receiver.down or len(receiver.requests) <= receiver.fail_first
                if not failing:
                    receiver.received.append(body)
                self.send_response(503 if failing else 204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/advisors"

    def __enter__(self) -> WebhookReceiver:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, count: int, seconds: float = 10) -> list[dict]:
        """The accepted bodies once there are ``count`` of them (or whatever arrived in ``seconds``)."""
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.received

    def case_for(self, conversation_id: str, seconds: float = 20) -> dict | None:
        """The case of ``conversation_id`` once it has been delivered (None if not in ``seconds``)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for body in list(self.received):
                if body["case"]["conversation_id"] == conversation_id:
                    return body["case"]
            time.sleep(0.05)
        return None
