"""Three of Rasa 3.6's costs on every turn, taken out without changing what it does.

- Each action-server response is checked against Rasa's JSON schema with
  ``jsonschema.validate``, which checks the schema itself first, again on every call: profiled
  at 10 users, about a tenth of a Rasa worker's time. Here the schema is checked once and its
  validator kept; a response that breaks it fails as before, with Rasa's own message.
- Each event read back (a conversation from the tracker store, the events an action returns)
  finds its class by walking every subclass of ``Event`` (``Event.resolve_by_type``), about a
  twentieth of the time: here the walk is done once per event name.
- The model's graph runs through dask's scheduler, three times a turn or more: here the
  processor runs it node after node (``channels.graph_runner``), for each model it loads.

Imported with the channels, so in the Rasa server only (``credentials.yml``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import rasa.core.processor
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from channels.graph_runner import SequentialGraphRunner

_resolve_by_walking = Event.resolve_by_type


@cache
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the schema checked once."""
    if _response_validator().is_valid(result):
        return True
    return _original_validate(self, result)  # raises, with Rasa's own message


@cache
def _event_class(type_name: str) -> type[Event] | None:
    """The first subclass of ``Event`` named ``type_name``, as Rasa's walk finds it."""
    return next((c for c in all_subclasses(Event) if c.type_name == type_name), None)


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """``Event.resolve_by_type``, each name's class found once (Rasa's own for any other name)."""
    return _event_class(type_name) or _resolve_by_walking(type_name, default)


_original_validate = RemoteAction._validate_action_result
RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
rasa.core.processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[misc]
