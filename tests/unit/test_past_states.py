"""``channels.past_states`` gives the policies the states Rasa's own replay gives, on every
conversation the project's stories, rules and test stories describe, at each of their events,
for each way the rule and memoization policies ask, and no caller's changes reach another."""

from __future__ import annotations

import copy

import pytest
from rasa.shared.core.constants import RULE_ONLY_LOOPS, RULE_ONLY_SLOTS
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.core.training_data.structures import StoryGraph

from bot.config import PROJECT_ROOT
from channels import past_states

RASAS = past_states.rasas_states_for_tracker_history
DOMAIN = Domain.load(PROJECT_ROOT / "domain.yml")
RULE_ONLY = {RULE_ONLY_SLOTS: [s.name for s in DOMAIN.slots[:3]], RULE_ONLY_LOOPS: DOMAIN.form_names[:1]}
ASKED = [
    {},  # the rule policy
    {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY},  # the memoization policy
    {"omit_unset_slots": True},
    {"omit_unset_slots": True, "ignore_rule_only_turns": True, "rule_only_data": None},
]


def _conversations() -> list[DialogueStateTracker]:
    reader = YAMLStoryReader(DOMAIN)
    steps = []
    for path in ("data/stories.yml", "data/rules.yml", "tests/test_stories.yml"):
        steps += reader.read_from_file(PROJECT_ROOT / path)
    trackers = TrainingDataGenerator(
        StoryGraph(steps), DOMAIN, remove_duplicates=False, augmentation_factor=0
    ).generate()
    as_written = [list(t.events) for t in trackers]
    return [
        DialogueStateTracker.from_events(f"c{n}", events, DOMAIN.slots)
        for n, events in enumerate(as_written + [_rule_turns_hidden(e) for e in as_written])
    ]


def _rule_turns_hidden(events: list[Event]) -> list[Event]:
    """The same events with every other action's turn marked rule-only, as the Rasa server marks
    the actions its rule policy predicts from rules no story has."""
    actions = (n for n, e in enumerate(events) if isinstance(e, ActionExecuted))
    hidden = set(list(actions)[1::2])
    return [
        ActionExecuted(e.action_name, e.policy, e.confidence, e.timestamp, hide_rule_turn=True)
        if n in hidden
        else e
        for n, e in enumerate(events)
    ]


CONVERSATIONS = _conversations()


def test_there_are_conversations_with_rule_only_turns_to_compare():
    assert len(CONVERSATIONS) > 40
    assert any(getattr(e, "hide_rule_turn", False) for t in CONVERSATIONS for e in t.events)


@pytest.mark.parametrize("asked", ASKED)
def test_every_conversation_at_every_event_gets_rasas_states(asked):
    for conversation in CONVERSATIONS:
        growing = DialogueStateTracker(conversation.sender_id, DOMAIN.slots)
        for event in conversation.events:
            growing.update(event)
            expected = RASAS(DOMAIN, growing, **asked)
            assert past_states.states_for_tracker_history(DOMAIN, growing, **asked) == expected
            for other in ASKED:  # the other policies asking about the same tracker
                assert past_states.states_for_tracker_history(DOMAIN, growing, **other) == RASAS(
                    DOMAIN, growing, **other
                )


def test_a_caller_changing_its_states_changes_no_one_elses():
    conversation = max(CONVERSATIONS, key=lambda t: len(t.events))
    first = past_states.states_for_tracker_history(DOMAIN, conversation)
    expected = copy.deepcopy(first)
    for state in first:
        for sub in state.values():
            sub.clear()
    assert past_states.states_for_tracker_history(DOMAIN, conversation) == expected
