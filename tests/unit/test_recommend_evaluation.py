"""The benchmark goals (tests/eval/goals.yml): learners find what fits them in the top three."""

from __future__ import annotations

from bot.recommend.evaluation import GOALS_FILE, read_cases, top_three_share


def test_the_goal_set_is_large_and_names_real_credentials():
    from bot.catalog.loader import read_knowledge_base
    from tests.support.servers import KNOWLEDGE_BASE

    ids = {c["id"] for c in read_knowledge_base(KNOWLEDGE_BASE).credentials}
    cases = read_cases(GOALS_FILE)
    assert len(cases) >= 45
    assert all(set(case.expected) | set(case.excluded) <= ids for case in cases)


def test_at_least_85_percent_of_goals_get_their_credential_in_the_top_three():
    assert top_three_share() >= 0.85
