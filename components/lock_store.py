"""``AtomicRedisLockStore``: Rasa's Redis lock store, safe when several processes share it.

Rasa's ticket lock is read, changed and written back in separate Redis calls. Two Rasa
processes touching one conversation at once (a learner's message in one, an advisor's
reply through the HTTP API in the other) can overwrite each other's ticket, or delete the
lock while the other waits: the reply then fails ("Could not acquire lock") or waits for
the lock's 60 s lifetime. Here each of those read-change-write steps is one Lua script,
which Redis runs whole, one at a time: issuing a ticket, giving one back (and deleting the
lock when no ticket is left), renewing a waiting one. One round trip each, where Rasa's steps
took two or three and a mutex around them two more; and a ticket issued with none live ahead
of it holds the lock at once, without the read Rasa makes to find that out. A turn takes two
round trips when its conversation is free, where Rasa's took seven.

A ticket also stays alive while its message waits. Rasa counts every ticket's lifetime from
its issue, so a message sent just after a turn that a dying process cut off (its ticket
lives out its lifetime) expired almost when that turn's ticket did, and then waited for ever:
Rasa serves only tickets it holds. Here a waiting message renews its ticket each time it
looks again (tests/e2e/test_failover.py, tests/integration/test_lock_store.py).

The lock is stored as Rasa stores it (``TicketLock.dumps``: the conversation id and each
ticket as a JSON string), so Rasa's own ``get_lock`` reads it; a ticket has expired once the
time is past its ``expires``, as in ``Ticket.has_expired``.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

#: The tickets of the lock at KEYS[1] that have not expired at ARGV "now", as JSON strings;
#: ``renew`` (a ticket number or nil) gets a lifetime from now first. Shared by the scripts.
_LIVE_TICKETS = """
local function live_tickets(raw, now, renew, lifetime)
  local kept = {}
  if not raw then return kept end
  for _, text in ipairs(cjson.decode(raw).tickets or {}) do
    local ticket = cjson.decode(text)
    if renew ~= nil and ticket.number == renew then
      ticket.expires = math.max(ticket.expires, now + lifetime)
      text = cjson.encode(ticket)
    end
    if not (now > ticket.expires) then table.insert(kept, text) end
  end
  return kept
end
local function save(key, conversation_id, tickets)
  redis.call('SET', key, cjson.encode({conversation_id = conversation_id, tickets = tickets}))
end
"""

#: ARGV: conversation id, now, lifetime. The next ticket's number (0 when none is left), and
#: whether it is the first live one: the lock is its ticket's at once.
_ISSUE = (
    _LIVE_TICKETS
    + """
local now, lifetime = tonumber(ARGV[2]), tonumber(ARGV[3])
local tickets = live_tickets(redis.call('GET', KEYS[1]), now, nil, 0)
local number = 0
if #tickets > 0 then number = cjson.decode(tickets[#tickets]).number + 1 end
table.insert(tickets, cjson.encode({number = number, expires = now + lifetime}))
save(KEYS[1], ARGV[1], tickets)
return {number, #tickets == 1 and 1 or 0}
"""
)

#: ARGV: conversation id, now, the ticket given back. The lock goes once no ticket is left.
_GIVE_BACK = (
    _LIVE_TICKETS
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local number = tonumber(ARGV[3])
local tickets = {}
for _, text in ipairs(live_tickets(raw, tonumber(ARGV[2]), nil, 0)) do
  if cjson.decode(text).number ~= number then table.insert(tickets, text) end
end
if #tickets == 0 then redis.call('DEL', KEYS[1]) else save(KEYS[1], ARGV[1], tickets) end
return #tickets
"""
)

#: ARGV: conversation id, now, the waiting ticket, lifetime. Drops the expired ones too.
_RENEW = (
    _LIVE_TICKETS
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local tickets = live_tickets(raw, tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
save(KEYS[1], ARGV[1], tickets)
return #tickets
"""
)


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)
        self._issue = self.red.register_script(_ISSUE)
        self._give_back = self.red.register_script(_GIVE_BACK)
        self._renew = self.red.register_script(_RENEW)

    def _key(self, conversation_id: str) -> str:
        return self.key_prefix + conversation_id

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        return self._issued(conversation_id, lock_lifetime)[0]

    def _issued(self, conversation_id: str, lock_lifetime: float) -> tuple[int, bool]:
        """A new ticket's number, and whether no live ticket is ahead of it."""
        now = time.time()
        number, first = self._issue(
            keys=[self._key(conversation_id)], args=[conversation_id, now, lock_lifetime]
        )
        return int(number), bool(first)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncIterator[TicketLock]:
        """Rasa's lock, taken at once, without reading it back, when no live ticket is ahead."""
        ticket, first = self._issued(conversation_id, lock_lifetime)
        try:
            if first:
                yield TicketLock(conversation_id, deque([Ticket(ticket, time.time() + lock_lifetime)]))
            else:
                yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            self.cleanup(conversation_id, ticket)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._give_back(keys=[self._key(conversation_id)], args=[conversation_id, time.time(), ticket_number])

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
        self._renew(
            keys=[self._key(conversation_id)], args=[conversation_id, time.time(), ticket, LOCK_LIFETIME]
        )
