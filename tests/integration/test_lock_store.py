"""The lock store two Rasa processes share: one turn at a time per conversation, none lost."""

from __future__ import annotations

import asyncio
import threading

from rasa.utils.endpoints import EndpointConfig

from components.lock_store import AtomicRedisLockStore
from tests.support.redis_server import running_redis

TURNS = 25


def test_two_processes_take_turns_on_one_conversation_without_losing_a_turn(tmp_path):
    """Each thread stands for a Rasa process with its own connection, as in production."""
    inside, overlaps, finished, failures = [], [], [], []

    def process(name: str, port: int) -> None:
        store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=0, type="custom"))

        async def turns() -> None:
            for turn in range(TURNS):
                async with store.lock("learner-1", wait_time_in_seconds=0.005):
                    inside.append(name)
                    if len(inside) > 1:
                        overlaps.append((name, turn))
                    await asyncio.sleep(0.002)
                    inside.remove(name)
                finished.append(name)

        try:
            asyncio.run(turns())
        except Exception as error:  # a LockError here is the bug this store fixes
            failures.append(repr(error))

    with running_redis(tmp_path) as port:
        threads = [threading.Thread(target=process, args=(name, port)) for name in ("A", "B", "C")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        leftover = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=0)).get_lock(
            "learner-1"
        )

    assert failures == []
    assert overlaps == []
    assert len(finished) == 3 * TURNS
    assert leftover is None


def test_a_message_behind_a_turn_whose_process_died_is_served_when_that_turn_expires(tmp_path):
    """The dead process's ticket is never cleaned up; the next message, sent at once, waits out
    that ticket's lifetime and is then served, though its own ticket was issued with the same
    lifetime (Rasa let it expire with the dead one and then waited for ever)."""
    lifetime = 1.0

    async def next_message(store: AtomicRedisLockStore) -> str:
        async with store.lock("learner-2", lock_lifetime=lifetime, wait_time_in_seconds=0.3):
            return "served"

    with running_redis(tmp_path) as port:
        store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=0))
        store.issue_ticket("learner-2", lifetime)  # the turn in flight when its process died
        outcome = asyncio.run(asyncio.wait_for(next_message(store), timeout=30))
        leftover = store.get_lock("learner-2")

    assert outcome == "served"
    assert leftover is None


def test_the_lock_is_stored_as_rasas_own_store_reads_and_writes_it(tmp_path):
    """A process running Rasa's own lock store (say, mid-upgrade) reads our tickets, and ours its."""
    from rasa.core.lock_store import RedisLockStore

    with running_redis(tmp_path) as port:
        ours = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=0))
        rasas = RedisLockStore(host="127.0.0.1", port=port, db=0)
        first = ours.issue_ticket("learner-3")
        second = rasas.issue_ticket("learner-3")
        third = ours.issue_ticket("learner-3")
        serving = rasas.get_lock("learner-3").now_serving
        ours.cleanup("learner-3", first)
        after_first = [t.number for t in rasas.get_lock("learner-3").tickets]
        ours.cleanup("learner-3", second)
        ours.cleanup("learner-3", third)
        leftover = rasas.get_lock("learner-3")

    assert (first, second, third) == (0, 1, 2)
    assert serving == 0
    assert after_first == [1, 2]
    assert leftover is None


def test_a_free_conversation_is_locked_at_once_and_a_busy_one_waits_its_turn(tmp_path):
    """The lock taken without reading it back is the one stored: Rasa's own store sees it held,
    and a message sent meanwhile waits until the turn gives it back."""
    from rasa.core.lock_store import RedisLockStore

    async def turns(ours: AtomicRedisLockStore, rasas: RedisLockStore) -> list:
        seen = []

        async def second() -> None:
            async with ours.lock("learner-4", wait_time_in_seconds=0.01) as lock:
                seen.append(
                    ("second", [t.number for t in lock.tickets], rasas.get_lock("learner-4").now_serving)
                )

        async with ours.lock("learner-4") as lock:
            seen.append(("first", [t.number for t in lock.tickets], rasas.get_lock("learner-4").now_serving))
            waiting = asyncio.create_task(second())
            await asyncio.sleep(0.05)
            seen.append(("first still", rasas.get_lock("learner-4").now_serving))
        await waiting
        seen.append(("after", rasas.get_lock("learner-4")))
        return seen

    with running_redis(tmp_path) as port:
        ours = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=port, db=0))
        seen = asyncio.run(turns(ours, RedisLockStore(host="127.0.0.1", port=port, db=0)))

    assert seen == [("first", [0], 0), ("first still", 0), ("second", [1], 1), ("after", None)]
