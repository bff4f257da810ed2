"""Recommendations stay in the learner's field: a word two fields share ("data", "analyst")
does not carry a demo student's goal into another school's credentials."""

from __future__ import annotations

import pytest

from bot.catalog.repository import Catalog
from bot.db import session_scope
from bot.recommend.goals import parse_goal
from bot.recommend.learner import ANONYMOUS, learner_from_progress
from bot.recommend.service import recommend
from bot.records.progress import load_progress

HEALTH = "School of Nursing and Health Sciences"


@pytest.mark.parametrize(
    "student, goal",
    [
        ("S1001", "become a data analyst"),  # Business Analytics
        ("S1001", "analyst"),
        ("S1001", "I want to become a business analyst"),
        ("S1005", "become a business analyst"),  # Management
        ("S1008", "become a data analyst"),  # Data Science
        ("S1012", "I want to work as an analyst"),  # Economics
        ("S1004", "data and systems analyst"),  # Information Technology
    ],
)
def test_analyst_goals_outside_health_get_no_health_credential(records_db, student, goal):
    with session_scope() as session:
        learner = learner_from_progress(load_progress(session, student))
    result = recommend(Catalog(), parse_goal(goal), learner)
    providers = [Catalog().get(r.offer.id).provider for r in result.recommendations]
    assert providers, f"{student}: nothing recommended for {goal!r}"
    assert HEALTH not in providers, [r.offer.name for r in result.recommendations]


def test_a_health_goal_still_finds_the_health_data_credentials(records_db):
    result = recommend(Catalog(), parse_goal("become a healthcare data analyst"), ANONYMOUS)
    assert HEALTH in [Catalog().get(r.offer.id).provider for r in result.recommendations]
