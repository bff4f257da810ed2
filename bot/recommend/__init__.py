"""Recommendations: parse a learner's stated goal and rank catalog credentials against it.

``goals`` reads the learner's words (with ``bot.catalog.constraints``), ``terms`` and ``synonyms`` turn words
into comparable stems, ``offers`` is the plain-data view of the catalog, ``ranking`` scores and
explains, and ``evaluation`` measures the ranking on ``tests/eval/goals.yml``.
"""
