"""``CrisisLanguageClassifier``: a message in crisis words is ``express_distress``, whatever else.

It runs last in the NLU pipeline, after the ``FallbackClassifier``, so neither a low
confidence nor another intent keeps such a message from the distress rule (an advisor, the
crisis line). Which words count is ``bot.handoff.crisis``.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.handoff.crisis import mentions_crisis
from bot.handoff.rules import DISTRESS_INTENT


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisLanguageClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisLanguageClassifier:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if mentions_crisis(message.get(TEXT) or ""):
                distress = {"name": DISTRESS_INTENT, "confidence": 1.0}
                ranking = [
                    i for i in message.get(INTENT_RANKING_KEY) or [] if i.get("name") != DISTRESS_INTENT
                ]
                message.set(INTENT, distress, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [distress, *ranking], add_to_output=True)
        return messages
