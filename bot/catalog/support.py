"""Pick the support resources a question is about, by their keywords."""

from __future__ import annotations

from bot.models import SupportResource
from bot.nlp.pipeline import lemmas


def matching_resources(question: str, resources: list[SupportResource]) -> list[SupportResource]:
    """Resources whose keywords or kind the question mentions; all of them when none is named."""
    asked = set(lemmas(question))
    text = " ".join(lemmas(question))

    def mentioned(resource: SupportResource) -> bool:
        phrases = [*resource.keywords, resource.kind.replace("_", " ")]
        return any(
            (" ".join(lemmas(p)) in text) if " " in p.strip() else bool(set(lemmas(p)) & asked)
            for p in phrases
        )

    chosen = [r for r in resources if mentioned(r)]
    return chosen or resources
