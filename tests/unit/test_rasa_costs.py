"""Rasa with ``channels.rasa_costs`` does what it did without: an action server's response
that breaks Rasa's schema is still refused with Rasa's message, every stored event
reads back as the same event, and only an empty domain is empty."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.utils.common import all_subclasses

import channels.rasa_costs  # noqa: F401

ACTION = RemoteAction("action_check_progress", None)


def test_a_valid_action_response_passes():
    response = {
        "events": [{"event": "slot", "name": "language", "value": "es"}],
        "responses": [{"text": "Hola"}],
    }
    assert ACTION._validate_action_result(response) is True


def test_an_action_response_that_breaks_the_schema_is_refused_with_rasas_message():
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        ACTION._validate_action_result({"events": [{"no_event_key": 1}], "responses": "not a list"})


def test_every_event_type_resolves_to_the_class_rasas_walk_finds():
    for cls in all_subclasses(Event):
        expected = next(c for c in all_subclasses(Event) if c.type_name == cls.type_name)
        assert Event.resolve_by_type(cls.type_name) is expected


def test_unknown_event_names_keep_rasas_answers():
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_stored_events_read_back_the_same():
    events = [
        ActionExecuted("action_session_start", timestamp=1.0),
        SessionStarted(timestamp=1.1),
        UserUttered("hola", {"name": "greet", "confidence": 0.9}, timestamp=2.0),
        SlotSet("language", "es", timestamp=2.1),
    ]
    assert [Event.from_parameters(e.as_dict()) for e in events] == events


def test_responses_are_judged_as_rasas_whole_schema_judges_them():
    from jsonschema import Draft7Validator
    from rasa.shared.core.events import (
        ActiveLoop,
        AllSlotsReset,
        BotUttered,
        ConversationPaused,
        ConversationResumed,
        FollowupAction,
        Restarted,
    )

    from channels.rasa_costs import _valid_response

    whole = Draft7Validator(RemoteAction.action_response_format_spec())
    events = [
        e.as_dict()
        for e in (
            SlotSet("credential", "sql-fundamentals-badge"),
            ActionExecuted("action_listen"),
            UserUttered("hi", {"name": "greet", "confidence": 1.0}),
            BotUttered("Hello", {"buttons": []}),
            FollowupAction("action_listen"),
            ConversationPaused(),
            ConversationResumed(),
            ActiveLoop("recommendation_form"),
            AllSlotsReset(),
            Restarted(),
            SessionStarted(),
        )
    ]
    valid = [{"events": events, "responses": [{"text": "Hola"}]}, {"events": []}, {}, {"responses": []}]
    invalid = [
        {"events": [{"event": "no_such_event"}]},
        {"events": [{"name": "language", "value": "es"}]},
        {"events": [{"event": "slot", "name": "language", "timestamp": "noon"}]},
        {"events": {"event": "slot"}},
        {"events": ["slot"]},
        {"responses": ["Hola"]},
        {"responses": {"text": "Hola"}},
        ["not", "an", "object"],
    ]
    assert [_valid_response(r) for r in valid] == [True] * len(valid)
    assert [whole.is_valid(r) for r in valid] == [True] * len(valid)
    assert [_valid_response(r) or whole.is_valid(r) for r in invalid] == [False] * len(invalid)


def test_only_an_empty_domain_counts_as_empty():
    from rasa.shared.core.domain import Domain

    from bot.config import PROJECT_ROOT

    assert Domain.empty().is_empty()
    assert Domain.from_dict({}).is_empty()
    assert not Domain.load(PROJECT_ROOT / "domain.yml").is_empty()
    assert not Domain.from_dict({"intents": ["greet"]}).is_empty()
