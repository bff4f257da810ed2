"""The advising assistant's plain-Python domain layer: nothing under ``bot/`` imports Rasa.

Packages, lowest first; each imports only from those below it (``pyproject.toml``'s
import-linter contract, checked by ``make lint``):

- ``models`` (SQLAlchemy tables), with ``config``, ``db`` and ``clock``;
- ``nlp``: spaCy pipeline, sentence encoder, the vocabulary of attributes and types;
- ``conversation``: what a turn must do before and after the NLU, and the review log;
- ``catalog``: schema, loading, queries, name resolution, constraints, NLU training data;
- ``records`` (student records and progress) and ``identity`` (tokens, claims, advisor accounts);
- ``replies``: what the assistant says about the catalog and progress, as plain data;
- ``recommend`` (ranking for a goal) and ``handoff`` (cases for advisors).

Above them, outside ``bot/``: ``actions/`` (rasa-sdk), ``channels/`` and ``components/`` (Rasa
server plug-ins) and ``web/`` (the site and advisor console).
"""
