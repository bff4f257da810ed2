"""Recommendations against the catalog in the database: the entry point for the Rasa action."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy.orm import Session

from bot.recommend.goals import Goal
from bot.recommend.learner import LearnerContext
from bot.recommend.offers import Offer, load_offers
from bot.recommend.ranking import Ranker, RecommendationResult
from bot.recommend.synonyms import Synonyms, load_synonyms


@lru_cache(maxsize=2)
def ranker_for(offers: tuple[Offer, ...], synonyms: Synonyms) -> Ranker:
    """One ranker per catalog snapshot: rebuilt only when the loaded catalog changes."""
    return Ranker(list(offers), synonyms)


def recommend(session: Session, goal: Goal, learner: LearnerContext, limit: int = 3) -> RecommendationResult:
    """The best credentials in the loaded catalog for this goal and learner."""
    ranker = ranker_for(tuple(load_offers(session)), load_synonyms())
    return ranker.recommend(goal, learner, limit)
