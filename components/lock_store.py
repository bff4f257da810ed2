"""``AtomicRedisLockStore``: Rasa's Redis lock store, safe when several processes share it.

Rasa's ticket lock is read, changed and written back in separate Redis calls. Two Rasa
processes touching one conversation at once (a learner's message in one, an advisor's
reply through the HTTP API in the other) can overwrite each other's ticket, or delete the
lock while the other waits: the reply then fails ("Could not acquire lock") or waits for
the lock's 60 s lifetime. Here each of those read-change-write steps holds a short Redis
mutex for the conversation, so they happen one at a time.
"""
from __future__ import annotations

from typing import Text

from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: Longest a read-change-write step may hold, or wait for, a conversation's mutex (seconds).
MUTEX_SECONDS = 5


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _mutex(self, conversation_id: Text):
        return self.red.lock(
            f"{self.key_prefix}mutex:{conversation_id}", timeout=MUTEX_SECONDS, blocking_timeout=MUTEX_SECONDS
        )

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: Text) -> None:
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
