"""Measure the recommender on ``tests/eval/goals.yml``: ``python -m bot.recommend.evaluation``.

A goal passes when every expected credential is in the top three and no excluded one is;
a goal that expects nothing passes when the answer is "no match". The knowledge base is
loaded into an in-memory SQLite database and read as the action server reads its own.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import create_engine

from bot.catalog.loader import load_knowledge_base
from bot.catalog.repository import Catalog
from bot.config import PROJECT_ROOT, Settings
from bot.recommend.goals import parse_goal
from bot.recommend.learner import ANONYMOUS, LearnerContext
from bot.recommend.offers import offer_from_credential
from bot.recommend.ranking import Ranker
from bot.recommend.synonyms import Synonyms

GOALS_FILE = PROJECT_ROOT / "tests" / "eval" / "goals.yml"


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    learner: LearnerContext = ANONYMOUS


@dataclass(frozen=True)
class Outcome:
    case: Case
    got: tuple[str, ...]

    @property
    def passed(self) -> bool:
        if not self.case.expected:
            return not self.got
        return set(self.case.expected) <= set(self.got) and not set(self.case.excluded) & set(self.got)


def read_cases(path: Path = GOALS_FILE) -> list[Case]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    cases = []
    for item in raw["goals"]:
        learner = ANONYMOUS
        if "learner" in item:
            record = item["learner"] or {}
            learner = LearnerContext(
                signed_in=True,
                earned=frozenset(record.get("earned", [])),
                enrolled=frozenset(record.get("enrolled", [])),
            )
        cases.append(Case(item["text"], tuple(item["expected"]), tuple(item.get("excluded", [])), learner))
    return cases


def knowledge_base_ranker(directory: Path | None = None) -> Ranker:
    """A ranker over the catalog in the knowledge-base YAML."""
    engine = create_engine("sqlite://")
    kb = load_knowledge_base(Path(directory or Settings.from_env().knowledge_base_dir), engine)
    return Ranker([offer_from_credential(c) for c in Catalog(engine).credentials()], Synonyms(kb.synonyms))


def evaluate(ranker: Ranker, cases: list[Case]) -> list[Outcome]:
    return [Outcome(case, tuple(ranker.recommend(parse_goal(case.text), case.learner).ids)) for case in cases]


def top_three_share(goals: Path = GOALS_FILE, directory: Path | None = None) -> float:
    """The share of goals whose expected credentials are in the top three (0.0 to 1.0)."""
    outcomes = evaluate(knowledge_base_ranker(directory), read_cases(goals))
    return sum(o.passed for o in outcomes) / len(outcomes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=Path, default=GOALS_FILE)
    parser.add_argument("--dir", type=Path, default=None, help="knowledge-base folder")
    parser.add_argument("--verbose", action="store_true", help="print every goal, not just misses")
    args = parser.parse_args(argv)
    ranker = knowledge_base_ranker(args.dir)
    outcomes = evaluate(ranker, read_cases(args.goals))
    for outcome in outcomes:
        if args.verbose or not outcome.passed:
            mark = "ok  " if outcome.passed else "MISS"
            print(
                f"{mark} {outcome.case.text!r}\n     expected {list(outcome.case.expected)}, got {list(outcome.got)}"
            )
    passed = sum(o.passed for o in outcomes)
    print(
        f"recommendations: {passed}/{len(outcomes)} goals with the expected credentials in the top three "
        f"({passed / len(outcomes):.0%})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
