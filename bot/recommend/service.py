"""Recommendations against the loaded catalog: the entry point for the Rasa action."""

from __future__ import annotations

from functools import lru_cache

from bot.catalog.repository import Catalog
from bot.models import Credential
from bot.recommend.goals import Goal
from bot.recommend.learner import LearnerContext
from bot.recommend.offers import offer_from_credential
from bot.recommend.ranking import Ranker, RecommendationResult
from bot.recommend.synonyms import Synonyms, load_synonyms


@lru_cache(maxsize=2)
def ranker_for(credentials: tuple[Credential, ...], synonyms: Synonyms) -> Ranker:
    """One ranker per catalog snapshot: rebuilt only when the loaded catalog changes."""
    return Ranker([offer_from_credential(c) for c in credentials], synonyms)


def recommend(catalog: Catalog, goal: Goal, learner: LearnerContext, limit: int = 3) -> RecommendationResult:
    """The best credentials in the loaded catalog for this goal and learner."""
    return ranker_for(catalog.credentials(), load_synonyms()).recommend(goal, learner, limit)
