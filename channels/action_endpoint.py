"""The Rasa server's calls to the action server, over connections kept open between turns.

Rasa 3.6 opens a new HTTP client session for every call to the action server
(``EndpointConfig.request``): a new connection pool, a look-up of the server's host name on
a thread, a new TCP connection, all closed after the one call, and a turn makes one call or
more. Here each Rasa worker keeps one session for the action server, whose connections
outlive a call: the same requests, headers, parameters and timeouts, on connections reused
while they are busy. An idle connection is closed by the worker after KEEPALIVE_SECONDS,
before the action server's own keep-alive timeout (Sanic's 5 s) could close it under a call
about to be sent on it; a connection the server has closed anyway (a restart) is seen closed
before it is reused, and the call goes out on a new one. The call's JSON (the tracker's events,
about 30 kB) is written by ujson, which Sanic already uses to read it: the same JSON in a
little under half the time of the standard library's.

``keep_action_connections_alive`` is a listener of the channels' blueprints: once a worker has
loaded its agent, its action endpoint (the agent's and its processor's) becomes a
``KeptAliveEndpoint``; ``close_action_connections`` closes the session when the worker stops.
"""

from __future__ import annotations

import functools
from typing import Any

import aiohttp
import ujson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

KEEPALIVE_SECONDS = 2.0
"""How long a worker keeps an idle connection to the action server open."""

_json = functools.partial(ujson.dumps, ensure_ascii=False, escape_forward_slashes=False)


class _Borrowed:
    """A session lent to ``EndpointConfig.request``'s ``async with``, which must not close it."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_: object) -> None:
        return None


class KeptAliveEndpoint(EndpointConfig):
    """An ``EndpointConfig`` whose requests share one session, made in the worker's event loop."""

    _session: aiohttp.ClientSession | None = None

    @classmethod
    def of(cls, endpoint: EndpointConfig) -> KeptAliveEndpoint:
        return cls(
            url=endpoint.url,
            params=endpoint.params,
            headers=endpoint.headers,
            basic_auth=endpoint.basic_auth,
            token=endpoint.token,
            token_name=endpoint.token_name,
            cafile=endpoint.cafile,
            type=endpoint.type,
            **endpoint.kwargs,
        )

    def session(self) -> Any:
        """The shared session (the one ``EndpointConfig.session`` would make, with kept-alive connections)."""
        if self._session is None or self._session.closed:
            auth = (
                aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth
                else None
            )
            self._session = aiohttp.ClientSession(
                headers=self.headers,
                auth=auth,
                timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
                json_serialize=_json,
            )
        return _Borrowed(self._session)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()


async def keep_action_connections_alive(app: Any, *_: object) -> None:
    """Give the worker's agent (and its processor) a ``KeptAliveEndpoint`` for the action server."""
    agent = getattr(app.ctx, "agent", None)
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or isinstance(endpoint, KeptAliveEndpoint):
        return
    agent.action_endpoint = KeptAliveEndpoint.of(endpoint)
    if agent.processor is not None:
        agent.processor.action_endpoint = agent.action_endpoint


async def close_action_connections(app: Any, *_: object) -> None:
    endpoint = getattr(getattr(app.ctx, "agent", None), "action_endpoint", None)
    if isinstance(endpoint, KeptAliveEndpoint):
        await endpoint.close()
