"""The turn guard ends every turn: after a reply nothing else claims, and when a turn runs away."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.catalog.loader import read_knowledge_base
from bot.catalog.training_data import responses
from bot.config import PROJECT_ROOT
from bot.conversation.turn_guard import LISTEN, MAX_ACTIONS_PER_TURN, OFFER, Decision, Turn, decide
from components.turn_guard import TurnGuardPolicy, current_turn
from tests.conftest import KNOWLEDGE_BASE


def test_a_turn_that_has_run_no_action_of_its_own_is_left_to_the_policies():
    assert decide(Turn(actions=())) is None
    assert decide(Turn(actions=("action_extract_slots",))) is None


def test_a_turn_that_has_answered_ends_unless_a_rule_or_story_says_more():
    assert decide(Turn(actions=("action_extract_slots", "utter_greet"))) == Decision(LISTEN, False)


def test_a_runaway_turn_gets_one_advisor_offer_then_ends():
    looping = ("action_handle_fallback",) * MAX_ACTIONS_PER_TURN
    assert decide(Turn(actions=looping)) == Decision(OFFER, True)
    assert decide(Turn(actions=(*looping, OFFER))) == Decision(LISTEN, True)


@pytest.fixture(scope="module")
def domain() -> Domain:
    """The domain as Rasa trains it: domain.yml and the responses ``python -m bot nlu build`` writes."""
    generated = Domain.from_dict({"responses": responses(read_knowledge_base(KNOWLEDGE_BASE))})
    return Domain.load(PROJECT_ROOT / "domain.yml").merge(generated)


@pytest.fixture
def policy(tmp_path) -> TurnGuardPolicy:
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**TurnGuardPolicy.get_default_config()}
    return TurnGuardPolicy.create(config, LocalModelStorage(tmp_path), Resource("guard"), context)


def tracker_with(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("learner", [ActionExecuted("action_listen"), *events])


def proposed(
    policy: TurnGuardPolicy, tracker: DialogueStateTracker, domain: Domain
) -> tuple[str | None, float]:
    prediction = policy.predict_action_probabilities(tracker, domain)
    if prediction.max_confidence == 0:
        return None, 0.0
    return domain.action_names_or_texts[prediction.max_confidence_index], prediction.max_confidence


def test_the_turn_is_read_back_to_the_last_listen(domain):
    tracker = tracker_with(UserUttered("hi"), ActionExecuted("utter_greet"), BotUttered("Hi!"))
    assert current_turn(tracker) == Turn(actions=("utter_greet",))


def test_after_an_answer_the_policy_proposes_listening_just_above_the_core_fallback(policy, domain):
    tracker = tracker_with(
        UserUttered("evenings?"), ActionExecuted("action_handle_fallback"), BotUttered("Sorry")
    )
    action, confidence = proposed(policy, tracker, domain)
    assert action == LISTEN and 0.3 < confidence < 1.0
    assert proposed(policy, tracker_with(UserUttered("hi")), domain) == (None, 0.0)


def test_a_runaway_turn_is_stopped_before_rasas_circuit_breaker(policy, domain):
    loop = [
        e
        for _ in range(MAX_ACTIONS_PER_TURN)
        for e in (ActionExecuted("action_handle_fallback"), BotUttered("Sorry"))
    ]
    tracker = tracker_with(UserUttered("evenings?"), *loop)
    assert proposed(policy, tracker, domain) == (OFFER, 1.0)
    tracker.update(ActionExecuted(OFFER))
    assert proposed(policy, tracker, domain) == (LISTEN, 1.0)
