"""Helpers for the handoff tests: an advisor account (the empty database is ``handoff_db``)."""

from __future__ import annotations

from bot.identity.advisors import create_advisor
from bot.models import Advisor

PASSWORD = "a long enough password"


def make_advisor(email: str = "ann.lee@hvu.example.edu", name: str = "Ann Lee") -> Advisor:
    return create_advisor(email, name, PASSWORD)
