"""Recommendations as chat replies: plain text and buttons (no Rasa here)."""

from __future__ import annotations

from bot.catalog.links import credential_link
from bot.recommend.ranking import RecommendationResult
from bot.replies.reply import ADVISOR_BUTTON, Reply, payload

LIST_BUTTON = {"title": "What do you offer?", "payload": "/list_credentials"}


def recommendation_replies(result: RecommendationResult) -> list[Reply]:
    """An introduction and one reply per recommendation, or a "no match" with an advisor offered."""
    wanted = result.goal.constraints.describe()
    if result.no_match:
        limits = f" ({', '.join(wanted)})" if wanted else ""
        return [
            Reply(
                f"I couldn't find a credential in our catalog that fits what you're looking for{limits}. "
                "An advisor can look at your goals with you and suggest a path.",
                [ADVISOR_BUTTON, LIST_BUTTON],
            )
        ]
    fit = f" ({', '.join(wanted)})" if wanted else ""
    count = len(result.recommendations)
    intro = "Here is what I'd suggest" if count == 1 else f"Here are {count} credentials I'd suggest"
    replies = [Reply(f"{intro}{fit}:")]
    for n, recommendation in enumerate(result.recommendations, start=1):
        offer = recommendation.offer
        replies.append(
            Reply(
                f"{n}. {credential_link(offer)}: {recommendation.reason}.",
                [
                    {
                        "title": f"Requirements of {offer.name}",
                        "payload": payload("ask_requirements", offer.id),
                    },
                    {"title": f"Enroll in {offer.name}", "payload": payload("how_to_enroll", offer.id)},
                ],
            )
        )
    return replies
