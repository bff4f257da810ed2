"""Ranking on a small catalog built here: what fits a goal, in what order, and why."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.recommend.goals import parse_goal
from bot.recommend.learner import ANONYMOUS, LearnerContext
from bot.recommend.offers import Offer
from bot.recommend.ranking import Ranker
from bot.recommend.synonyms import Synonyms


def offer(id: str, name: str, **fields) -> Offer:
    defaults = dict(
        type="digital_badge",
        model="stackable",
        level="introductory",
        description=f"{name}.",
        cost_amount=Decimal(400),
        cost_currency="USD",
        format="online",
        workload_hours_per_week=5,
        open_to_public=True,
    )
    return Offer(id=id, name=name, **{**defaults, **fields})


CATALOG = [
    offer(
        "queries-badge",
        "Database Queries",
        skills=("SQL", "relational databases"),
        careers=("data analyst", "database assistant"),
        requirement_titles=("Writing Queries",),
        stacks_into=("analytics-cert",),
    ),
    offer(
        "charts-badge",
        "Charts and Dashboards",
        skills=("data visualization", "dashboard design"),
        careers=("data analyst", "reporting analyst"),
        format="in_person",
        stacks_into=("analytics-cert",),
    ),
    offer(
        "analytics-cert",
        "Analytics Certificate",
        type="certificate",
        level="intermediate",
        description="A job-ready analytics program with a capstone.",
        skills=("SQL", "data visualization", "statistics"),
        careers=("data analyst", "business analyst"),
        cost_amount=Decimal(2400),
        workload_hours_per_week=8,
        degrees=("B.S. in Data Science",),
    ),
    offer(
        "coding-badge",
        "Coding Basics",
        skills=("Python", "programming fundamentals"),
        careers=("junior developer",),
    ),
    offer(
        "models-badge",
        "Predictive Models",
        level="intermediate",
        skills=("machine learning", "model evaluation"),
        careers=("machine learning engineer", "data scientist"),
        prerequisite_ids=("coding-badge",),
    ),
    offer(
        "team-badge",
        "Leading Teams",
        model="open",
        description="A free online course on leading a small team.",
        skills=("leadership", "giving feedback"),
        careers=("team lead", "supervisor"),
        cost_amount=Decimal(0),
    ),
    offer(
        "campus-leaders-badge",
        "Campus Leaders",
        model="embedded",
        description="Earned by enrolled students who lead a student organisation.",
        skills=("leadership", "event planning"),
        careers=("team lead",),
        cost_amount=Decimal(0),
        open_to_public=False,
        format="hybrid",
    ),
    offer(
        "ward-informatics-cert",
        "Clinical Informatics Certificate",
        type="certificate",
        level="advanced",
        description="For registered nurses moving into informatics.",
        skills=("EHR optimization", "clinical decision support"),
        careers=("nursing informaticist",),
        cost_amount=Decimal(2800),
    ),
]

SYNONYMS = Synonyms(
    [
        ["analyst", "analytics", "analysis"],
        ["nurse", "rn", "registered nurse"],
        ["machine learning", "ml", "ai"],
    ]
)


@pytest.fixture(scope="module")
def ranker() -> Ranker:
    return Ranker(CATALOG, SYNONYMS)


def ids(ranker: Ranker, text: str, learner: LearnerContext = ANONYMOUS) -> list[str]:
    return ranker.recommend(parse_goal(text), learner).ids


def test_a_career_goal_brings_the_credentials_for_that_career_with_a_reason(ranker):
    result = ranker.recommend(parse_goal("I want to become a data analyst"), ANONYMOUS)
    assert len(result.recommendations) == 3
    assert set(result.ids) == {"queries-badge", "charts-badge", "analytics-cert"}
    queries = next(r for r in result.recommendations if r.offer.id == "queries-badge")
    assert (
        queries.reason
        == "Teaches SQL and relational databases for data analyst roles; stacks into the Analytics Certificate"
    )


def test_word_families_synonyms_and_typos_meet_the_catalog_wording(ranker):
    assert ids(ranker, "analytics")[0] in {"queries-badge", "charts-badge", "analytics-cert"}
    assert ids(ranker, "i'm an RN and want to move into informatics")[0] == "ward-informatics-cert"
    assert ids(ranker, "datbase querys")[0] == "queries-badge"
    assert ids(ranker, "leadership for supervisors")[0] == "team-badge"


def test_constraints_filter_the_recommendations(ranker):
    assert "charts-badge" not in ids(ranker, "data analyst, online only")
    assert "analytics-cert" not in ids(ranker, "data analyst under $500")
    assert "analytics-cert" not in ids(ranker, "data analyst, I have 5 hours a week")
    free = ranker.recommend(parse_goal("something free and online about leadership"), ANONYMOUS)
    assert free.ids == ["team-badge"]
    assert "free" in free.recommendations[0].reason and "online" in free.recommendations[0].reason


def test_what_a_student_already_earned_or_is_taking_is_left_out(ranker):
    student = LearnerContext(
        signed_in=True, earned=frozenset({"queries-badge"}), enrolled=frozenset({"charts-badge"})
    )
    assert ids(ranker, "I want to become a data analyst", student) == ["analytics-cert"]


def test_a_credential_with_an_unmet_prerequisite_is_replaced_by_the_prerequisite(ranker):
    result = ranker.recommend(parse_goal("machine learning"), ANONYMOUS)
    assert result.ids[0] == "coding-badge"
    assert "models-badge" not in result.ids
    assert "the Predictive Models requires it" in result.recommendations[0].reason
    # Once the prerequisite is earned, the credential itself is recommended.
    student = LearnerContext(signed_in=True, earned=frozenset({"coding-badge"}))
    assert ids(ranker, "machine learning", student)[0] == "models-badge"


def test_the_next_step_on_a_pathway_the_student_is_on_comes_first(ranker):
    anonymous = ranker.recommend(parse_goal("data analyst"), ANONYMOUS)
    on_pathway = ranker.recommend(
        parse_goal("data analyst"), LearnerContext(signed_in=True, earned=frozenset({"queries-badge"}))
    )
    assert anonymous.ids[0] != "charts-badge"
    assert on_pathway.ids[0] in {"charts-badge", "analytics-cert"}
    assert "next step" in on_pathway.recommendations[0].reason


def test_an_anonymous_learner_is_steered_to_credentials_open_to_the_public(ranker):
    assert ids(ranker, "become a team lead")[0] == "team-badge"
    student = ids(ranker, "student organisation leadership", LearnerContext(signed_in=True))
    assert student[0] == "campus-leaders-badge"
    anonymous = ranker.recommend(parse_goal("student organisation leadership"), ANONYMOUS)
    assert anonymous.ids == ["team-badge", "campus-leaders-badge"]
    assert anonymous.recommendations[1].reason.endswith("only for enrolled students")


def test_nothing_fits_is_an_explicit_no_match(ranker):
    assert ranker.recommend(parse_goal("I want to be an astronaut"), ANONYMOUS).no_match
    assert ranker.recommend(parse_goal("data analyst, free and in person"), ANONYMOUS).no_match


def test_a_goal_without_a_topic_still_gets_starting_points_within_the_constraints(ranker):
    goal = parse_goal("recommend me something free")
    assert not goal.has_topic
    result = ranker.recommend(goal, ANONYMOUS)
    assert result.ids[0] == "team-badge"
    assert all(r.offer.cost_amount == 0 for r in result.recommendations)
