"""Five of Rasa 3.6's costs on every turn, taken out without changing what it does.

- Each action-server response is checked against Rasa's JSON schema with
  ``jsonschema.validate``, which checks the schema itself first, again on every call: profiled
  at 10 users, about a tenth of a Rasa worker's time; and each event against all 23 branches of
  the schema's ``oneOf``. Here the schema is checked once, and each event against the branch
  of its own name; a response that fails is checked against the whole schema as before, and
  one that breaks it fails with Rasa's own message.
- Each event read back (a conversation from the tracker store, the events an action returns)
  finds its class by walking every subclass of ``Event`` (``Event.resolve_by_type``), about a
  twentieth of the time: here the walk is done once per event name.
- The model's graph runs through dask's scheduler, three times a turn or more: here the
  processor runs it node after node (``channels.graph_runner``), for each model it loads.
- Before each prediction the rule and memoization policies replay the conversation three
  times over to build its past states: here it is replayed once (``channels.past_states``).
- Each parsed message asks whether the domain is empty (``Domain.is_empty``), which builds an
  empty domain from scratch to compare with, about a hundredth of the time: here the empty
  domain is built once.

Imported with the channels, so in the Rasa server only (``credentials.yml``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import rasa.core.processor
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from channels import past_states
from channels.graph_runner import SequentialGraphRunner

_resolve_by_walking = Event.resolve_by_type


def _validator(schema: dict[str, Any]) -> Any:
    validator = validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


@cache
def _event_validators() -> dict[str, Any]:
    """A validator for each event name: Rasa's event schema with, of its ``oneOf``, the one branch
    whose ``event`` is that name; none at all, so that every response goes to the whole schema,
    if two branches named the same event (Rasa's do not)."""
    schema = RemoteAction.action_response_format_spec()["properties"]["events"]["items"]
    common = {key: value for key, value in schema.items() if key != "oneOf"}
    names = [branch["properties"]["event"]["const"] for branch in schema["oneOf"]]
    if len(set(names)) != len(names):
        return {}
    return {
        name: _validator({"allOf": [common, branch]})
        for name, branch in zip(names, schema["oneOf"], strict=True)
    }


def _valid_response(result: Any) -> bool:
    """Whether ``result`` meets Rasa's response schema, each event checked against its own
    branch of the schema's ``oneOf`` only: an event meeting its branch meets no other, since each
    names a different event, so exactly one, as ``oneOf`` asks. False sends it to the whole schema."""
    if not isinstance(result, dict):
        return False
    events, responses = result.get("events", []), result.get("responses", [])
    if not isinstance(events, list) or not isinstance(responses, list):
        return False
    validators = _event_validators()
    return all(isinstance(r, dict) for r in responses) and all(
        isinstance(e, dict) and e.get("event") in validators and validators[e["event"]].is_valid(e)
        for e in events
    )


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result``, without checking the schema itself on every call."""
    if _valid_response(result):
        return True
    return _original_validate(self, result)  # Rasa's whole schema: it raises, with Rasa's message


@cache
def _event_class(type_name: str) -> type[Event] | None:
    """The first subclass of ``Event`` named ``type_name``, as Rasa's walk finds it."""
    return next((c for c in all_subclasses(Event) if c.type_name == type_name), None)


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type``, each name's class found once (Rasa's own for any other name)."""
    return _event_class(type_name) or _resolve_by_walking(type_name, default)


@cache
def _empty_domain() -> dict[str, Any]:
    return Domain.empty().as_dict()


def _is_empty(self: Domain) -> bool:
    """``Domain.is_empty``, against an empty domain built once."""
    return self.as_dict() == _empty_domain()


_original_validate = RemoteAction._validate_action_result
RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
Domain.is_empty = _is_empty  # type: ignore[method-assign]
Domain.states_for_tracker_history = past_states.states_for_tracker_history  # type: ignore[method-assign]
rasa.core.processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[misc]
