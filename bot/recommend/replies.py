"""Recommendations as chat replies in the conversation's language: plain text and buttons (no Rasa here)."""

from __future__ import annotations

from dataclasses import replace

from bot.catalog.links import credential_link
from bot.catalog.localized import localized
from bot.i18n import t
from bot.recommend.ranking import RecommendationResult
from bot.replies.reply import Reply, advisor_button, payload


def list_button() -> dict:
    """The button that lists the catalog, titled in the conversation's language."""
    return {"title": t("recommend.buttons.list"), "payload": "/list_credentials"}


def recommendation_replies(result: RecommendationResult) -> list[Reply]:
    """An introduction and one reply per recommendation, or a "no match" with an advisor offered."""
    wanted = ", ".join(result.goal.constraints.describe())
    if result.no_match:
        text = t("recommend.no_match_wanted", wanted=wanted) if wanted else t("recommend.no_match")
        return [Reply(text, [advisor_button(), list_button()])]
    count = len(result.recommendations)
    intro = t("recommend.intro_wanted", count, wanted=wanted) if wanted else t("recommend.intro", count)
    replies = [Reply(intro)]
    for n, recommendation in enumerate(result.recommendations, start=1):
        offer = recommendation.offer
        name = localized(offer, "name")
        replies.append(
            Reply(
                t(
                    "recommend.item",
                    n=n,
                    link=credential_link(replace(offer, name=name)),
                    reason=recommendation.reason,
                ),
                [
                    {
                        "title": t("recommend.buttons.requirements", name=name),
                        "payload": payload("ask_requirements", offer.id),
                    },
                    {
                        "title": t("recommend.buttons.enroll", name=name),
                        "payload": payload("how_to_enroll", offer.id),
                    },
                ],
            )
        )
    return replies
