"""What each Rasa worker does once it has loaded its agent, and when it stops.

Both channels' blueprints register these listeners (either may be the only channel in
credentials.yml); each listener does its work once however many register it: the heap frozen
(``bot.heap``), the action server reached over kept-alive connections
(``channels.action_endpoint``), and those connections closed when the worker stops.
"""

from __future__ import annotations

from sanic import Blueprint

from bot import heap
from channels.action_endpoint import close_action_connections, keep_action_connections_alive


def listen(blueprint: Blueprint) -> None:
    """Register the worker's listeners on a channel's blueprint."""
    blueprint.listener("after_server_start")(heap.freeze_after_start)
    blueprint.listener("after_server_start")(keep_action_connections_alive)
    blueprint.listener("after_server_stop")(close_action_connections)
