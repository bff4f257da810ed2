"""``TurnGuardPolicy``: the dialogue policy that ends every turn (see ``bot.conversation.turn_guard``).

It reads the current turn from the tracker and proposes what the guard decides: a listen just
above the core fallback's confidence once the turn has run an action, or, when a turn runs too many
actions, the advisor offer and then a listen above every other policy (its priority is the
highest). Otherwise it proposes nothing. It learns nothing from the training data.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation.turn_guard import Turn, decide


def current_turn(tracker: DialogueStateTracker) -> Turn:
    """The actions since the last ``action_listen`` (or session start), as Rasa's circuit
    breaker counts them."""
    actions: list[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name in (ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME):
                break
            actions.append(event.action_name or "")
    return Turn(actions=tuple(reversed(actions)))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class TurnGuardPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Above RulePolicy's 6, so an overriding decision wins a tie at confidence 1.0.
        # listen_confidence must sit above RulePolicy's core_fallback_threshold (config.yml).
        return {"priority": 7, "listen_confidence": 0.35}

    def train(self, training_trackers: list[Any], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        decision = decide(current_turn(tracker))
        if decision is not None:
            confidence = 1.0 if decision.overriding else self.config["listen_confidence"]
            probabilities[domain.index_for_action(decision.action)] = confidence
        return self._prediction(probabilities)
