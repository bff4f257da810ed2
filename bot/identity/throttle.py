"""Slow down password guessing on the advisor console: after too many failed sign-ins within a
window, further attempts for the same key (an account, an address) are refused for a while.

Kept in memory: the web service is one process (see the README's production notes); a
restart forgets the counts, which only ever lets a guesser start over, never locks anyone out.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable

#: Failed sign-ins allowed within WINDOW seconds, per account and per address (a shared
#: address, such as an office's, has several advisors behind it).
ACCOUNT_FAILURES = 5
ADDRESS_FAILURES = 20
WINDOW = 15 * 60


class SignInThrottle:
    def __init__(
        self, max_failures: int, window: float = WINDOW, clock: Callable[[], float] = time.monotonic
    ):
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def wait_seconds(self, key: str) -> int:
        """0 when an attempt for ``key`` may go ahead; else the seconds until one may."""
        now = self.clock()
        with self._lock:
            failures = self._recent(key, now)
            if len(failures) < self.max_failures:
                return 0
            return max(1, math.ceil(failures[0] + self.window - now))

    def failed(self, key: str) -> None:
        now = self.clock()
        with self._lock:
            self._recent(key, now).append(now)

    def forget(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
