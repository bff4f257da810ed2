"""Rasa input/output channels of this project (loaded by the Rasa server from credentials.yml).

Importing them loads the NLU's two large models, the sentence encoder (``bot.nlp.encoder``)
and the language detector's models (``bot.i18n.detect``): the Rasa server reads
credentials.yml before Sanic forks its worker processes (``SANIC_WORKERS``), so the workers
share the one copy the parent loaded (copy-on-write pages, never written) instead of loading
one each, about 250 MiB a worker. Everything loaded so far is then frozen (``bot.heap``); each
worker, once it has loaded its model, freezes that too and keeps its connections to the
action server open between calls (``channels.worker``). It also takes out three of Rasa's own
costs on every turn (``channels.rasa_costs``).
"""

import channels.rasa_costs  # noqa: F401
from bot import heap
from bot.catalog.loader import offered_languages
from bot.config import Settings
from bot.i18n import detect
from bot.nlp import encoder

encoder.load()
detect.load(offered_languages(Settings.from_env().knowledge_base_dir))
heap.freeze()
