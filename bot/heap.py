"""Keeping the garbage collector off what a server loads once (``gc.freeze``).

A Rasa worker holds about 550,000 objects once its model is loaded (TensorFlow's and Rasa's
modules, the sentence encoder, the language models, the model's components), and each of
CPython's full collections walks all of them: 550-570 ms measured here, spent on whichever
message is being answered when one runs, every few dozen turns. Objects frozen are never
walked again, nor written to by the collector, so the pages Rasa's workers share with the
parent process that forked them stay shared. What is made afterwards is collected as before.
The cost: reference cycles among frozen objects are never freed, so a model replaced while Rasa
runs (its ``PUT /model``) would leave some of the old one behind; here a new model means new
Rasa processes (``make run``, the prepare Job and a rollout in production).
"""

from __future__ import annotations

import functools
import gc
import logging

logger = logging.getLogger(__name__)


def freeze() -> None:
    """Collect what is garbage now, then keep the collector off every object left."""
    gc.collect()
    gc.freeze()
    logger.info("the garbage collector no longer walks the %d objects loaded", gc.get_freeze_count())


@functools.cache
def _freeze_worker() -> None:
    """``freeze``, once in each worker (the parent never calls it, so a forked worker's cache is empty)."""
    freeze()


async def freeze_after_start(*_: object) -> None:
    """``freeze`` as a Sanic listener (``after_server_start``: a Rasa worker has loaded its model),
    once however many channels' blueprints register it."""
    _freeze_worker()
