"""Constraints read from a learner's words, and the filter they apply to credentials."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from bot.catalog.constraints import Constraints, formats_for, parse_constraints, split_constraints


def credential(cost=0, format="online", hours=5, level="introductory", public=True):
    return SimpleNamespace(
        cost_amount=Decimal(cost),
        format=format,
        workload_hours_per_week=hours,
        level=level,
        open_to_public=public,
    )


@pytest.mark.parametrize(
    "text, cost",
    [
        ("something free about leadership", 0),
        ("I don't want to pay anything", 0),
        ("under $500 please", 500),
        ("budget is 800", 800),
        ("can spend $1,200 max", 1200),
        ("less than 300 dollars", 300),
        ("between $300 and $600", 600),
        ("$2k tops", 2000),
    ],
)
def test_cost_limits_are_read_from_the_learners_words(text, cost):
    assert parse_constraints(text).max_cost == Decimal(cost)


@pytest.mark.parametrize(
    "text", ["in my free time i want to learn python", "feel free to suggest anything", "budgeting skills"]
)
def test_free_time_and_budgeting_are_not_a_price_limit(text):
    assert parse_constraints(text).max_cost is None


@pytest.mark.parametrize(
    "text, hours",
    [
        ("I have about 5 hours a week", 5),
        ("only 10 hrs/week", 10),
        ("ten hours per week", 10),
        ("4-6 hours a week", 6),
    ],
)
def test_hours_per_week(text, hours):
    assert parse_constraints(text).max_hours_per_week == hours


@pytest.mark.parametrize(
    "text, formats",
    [
        ("online only", {"online"}),
        ("remote classes please", {"online"}),
        ("I'd study from home", {"online"}),
        ("in person", {"in_person", "hybrid"}),
        ("not online, I learn better with people", {"in_person", "hybrid"}),
        ("hybrid would be best", {"hybrid"}),
    ],
)
def test_delivery_formats_including_a_negated_one(text, formats):
    assert parse_constraints(text).formats == frozenset(formats)


def test_level_and_access_phrases():
    assert parse_constraints("total beginner, no experience").level == "introductory"
    assert parse_constraints("something more advanced").level == "advanced"
    assert parse_constraints("I'm not a student, is it open to the public?").open_to_public is True
    # A credential's name is not a level: "advanced manufacturing" is a field.
    assert parse_constraints("advanced manufacturing").level is None


def test_split_blanks_the_constraint_phrases_and_keeps_the_goal():
    constraints, rest = split_constraints("something free and online about leadership")
    assert constraints == Constraints(max_cost=Decimal(0), formats=frozenset({"online"}))
    assert "leadership" in rest and "free" not in rest and "online" not in rest


def test_allows_filters_on_every_stated_constraint():
    free_online = parse_constraints("free and online")
    assert free_online.allows(credential(cost=0, format="online"))
    assert not free_online.allows(credential(cost=250, format="online"))
    assert not free_online.allows(credential(cost=0, format="hybrid"))
    assert not parse_constraints("5 hours a week").allows(credential(hours=8))
    assert not parse_constraints("open to the public").allows(credential(public=False))
    assert not parse_constraints("beginner").allows(credential(level="advanced"))
    assert Constraints().allows(credential(cost=5000, format="in_person", hours=20, public=False))


def test_merge_describe_and_entity_formats():
    merged = parse_constraints("under $500").merge(Constraints(formats=formats_for("remote")))
    assert merged.max_cost == 500 and merged.formats == frozenset({"online"})
    assert parse_constraints("free, online, 6 hours a week").describe() == [
        "free",
        "online",
        "up to 6 hours a week",
    ]
    assert formats_for("on campus") == frozenset({"in_person", "hybrid"})
    assert formats_for("by carrier pigeon") is None
