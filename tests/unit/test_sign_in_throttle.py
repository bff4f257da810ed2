"""The sign-in throttle on its own, with a clock the test moves."""

from __future__ import annotations

from bot.identity.throttle import SignInThrottle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_attempts_are_refused_after_the_limit_until_the_oldest_failure_leaves_the_window():
    clock = Clock()
    throttle = SignInThrottle(3, window=600, clock=clock)
    for _ in range(3):
        assert throttle.wait_seconds("ann") == 0
        throttle.failed("ann")
        clock.now += 10
    assert throttle.wait_seconds("ann") == 570  # the first failure leaves the window at 1600
    assert throttle.wait_seconds("bo") == 0  # other keys are not affected
    clock.now = 1600
    assert throttle.wait_seconds("ann") == 0


def test_forgetting_a_key_lets_it_try_again_at_once():
    throttle = SignInThrottle(2, clock=Clock())
    throttle.failed("ann")
    throttle.failed("ann")
    assert throttle.wait_seconds("ann") > 0
    throttle.forget("ann")
    assert throttle.wait_seconds("ann") == 0
