"""Handing a conversation to a human advisor.

``rules`` decides when and why to escalate, ``office_hours`` when advisors answer,
``messages`` what the learner is told, ``transcript`` turns tracker events into a readable
conversation, ``cases`` keeps the cases and their messages, ``notify`` tells advisors
through the webhook, ``rasa_api`` talks back into the conversation, and ``context`` is what
an advisor sees of a student. Advisors' accounts and sessions are in ``bot.identity``.
"""
