"""Harbor Valley advising assistant: the plain-Python domain layer.

Nothing under ``bot/`` imports Rasa or rasa_sdk (except ``bot.channels``, the Rasa
input channel): catalog queries, progress, ranking and handoff logic live here and
are tested without a running bot.
"""
