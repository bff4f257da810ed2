"""Background work of the web service: retrying advisor notifications that have not got through."""

from __future__ import annotations

import asyncio
import logging

from sanic import Blueprint, Sanic

from bot.config import Settings
from bot.db import create_schema
from bot.handoff.notify import retry_due

logger = logging.getLogger(__name__)

#: Seconds between two looks for undelivered notifications (each case also waits its back-off).
RETRY_INTERVAL = 10

TASK = "advisor-notification-retries"

blueprint = Blueprint("advisor_tasks")


async def retry_notifications_forever(settings: Settings, interval: float = RETRY_INTERVAL) -> None:
    while True:
        try:
            await asyncio.to_thread(retry_due, settings)
        except Exception:  # keep retrying: a bad moment of the database must not end the loop
            logger.exception("retrying advisor notifications failed")
        await asyncio.sleep(interval)


@blueprint.listener("before_server_start")
async def prepare_database(_app: Sanic, _loop) -> None:
    create_schema()


@blueprint.listener("after_server_start")
async def start_retry_loop(app: Sanic, _loop) -> None:
    app.add_task(retry_notifications_forever(app.ctx.settings), name=TASK)


@blueprint.listener("before_server_stop")
async def stop_retry_loop(app: Sanic, _loop) -> None:
    await app.cancel_task(TASK, raise_exception=False)
