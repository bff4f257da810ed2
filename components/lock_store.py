"""``AtomicRedisLockStore``: Rasa's Redis lock store, safe when several processes share it.

Rasa's ticket lock is read, changed and written back in separate Redis calls. Two Rasa
processes touching one conversation at once (a learner's message in one, an advisor's
reply through the HTTP API in the other) can overwrite each other's ticket, or delete the
lock while the other waits: the reply then fails ("Could not acquire lock") or waits for
the lock's 60 s lifetime. Here each of those read-change-write steps holds a short Redis
mutex for the conversation, so they happen one at a time.

A ticket also stays alive while its message waits. Rasa counts every ticket's lifetime from
its issue, so a message sent just after a turn that a dying process cut off (its ticket
lives out its lifetime) expired almost when that turn's ticket did, and then waited for ever:
Rasa serves only tickets it holds. Here a waiting message renews its ticket each time it
looks again (tests/e2e/test_failover.py, tests/integration/test_lock_store.py).
"""

from __future__ import annotations

import asyncio
import time

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: Longest a read-change-write step may hold, or wait for, a conversation's mutex (seconds).
MUTEX_SECONDS = 5


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _mutex(self, conversation_id: str):
        return self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}", timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)

    async def _acquire_lock(
        self, conversation_id: str, ticket: int, wait_time_in_seconds: float
    ) -> TicketLock:
        """Rasa's wait for ``ticket``'s turn, renewing the ticket while it waits."""
        while True:
            lock = self.get_lock(conversation_id)
            if not lock:
                break
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)
            self._keep_waiting(conversation_id, ticket)
        raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")

    def _keep_waiting(self, conversation_id: str, ticket: int) -> None:
        """Give the waiting ``ticket`` a full lifetime again, and drop the tickets that expired."""
        with self._mutex(conversation_id):
            lock = self.get_lock(conversation_id)
            if lock:
                for waiting in lock.tickets:
                    if waiting.number == ticket:
                        waiting.expires = max(waiting.expires, time.time() + LOCK_LIFETIME)
                lock.remove_expired_tickets()
                self.save_lock(lock)
