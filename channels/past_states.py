"""A conversation's past dialogue states, replayed once per prediction instead of once per policy.

Before each prediction the rule policy asks for the tracker's states twice (once to match
rules on the message's text, once on its intent) and the memoization policy once more, each
time through ``Domain.states_for_tracker_history``: Rasa replays every event of the
conversation onto a fresh tracker and builds a state at each action, three times over the
same events. Profiled at 10 users that was about a tenth of a Rasa worker's time.

``states_for_tracker_history`` here replays the tracker once and keeps, for the last tracker
it saw (the same object, the same number of events, the same last event), what each prior
tracker looked like: its state, whether its turn is rule-only, and its previous action. Each
call then runs Rasa's own selection over those (rule-only turns hidden for the memoization
policy, rule-only slots and loops removed) on copies, so no caller's changes reach another.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker


class _Prior(NamedTuple):
    """The tracker before one action, as far as the states need it."""

    state: State
    rule_turn: bool  # the action's turn is in rules only (``hide_rule_turn``)
    keeps_hiding: bool  # a follow-up action or the active loop's own action
    previous_action: dict[str, Any] | None


class _Replay(NamedTuple):
    domain: Domain
    tracker: DialogueStateTracker
    length: int
    last_event: object
    omit_unset_slots: bool
    priors: tuple[_Prior, ...]


_last: _Replay | None = None

#: Rasa's own, which this module's answers the same as (``tests/unit/test_past_states.py``).
rasas_states_for_tracker_history = Domain.states_for_tracker_history


def _replayed(domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool) -> tuple[_Prior, ...]:
    """The tracker's priors, from the last replay if it was of this very tracker as it is now."""
    global _last
    events = tracker.events
    last_event = events[-1] if events else None
    seen = _last
    if (
        seen is not None
        and seen.domain is domain
        and seen.tracker is tracker
        and seen.length == len(events)
        and seen.last_event is last_event
        and seen.omit_unset_slots == omit_unset_slots
    ):
        return seen.priors
    priors = tuple(
        _Prior(
            domain.get_active_state(prior, omit_unset_slots=omit_unset_slots),
            rule_turn,
            bool(prior.followup_action) or prior.latest_action_name == prior.active_loop_name,
            domain._get_prev_action_sub_state(prior),
        )
        for prior, rule_turn in tracker.generate_all_prior_trackers()
    )
    _last = _Replay(domain, tracker, len(events), last_event, omit_unset_slots, priors)
    return priors


def _copy(state: State) -> State:
    return {kind: dict(sub) if isinstance(sub, dict) else sub for kind, sub in state.items()}  # type: ignore[misc]


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """``Domain.states_for_tracker_history``, over the tracker's replay (``_replayed``)."""
    states: list[State] = []
    last_ml_action = None
    turn_was_hidden = False
    for prior in _replayed(self, tracker, omit_unset_slots):
        if ignore_rule_only_turns:
            if not turn_was_hidden:
                last_ml_action = prior.previous_action
            if not prior.keeps_hiding:
                turn_was_hidden = prior.rule_turn
            if turn_was_hidden:
                continue
        state = _copy(prior.state)
        if ignore_rule_only_turns:
            self._remove_rule_only_features(state, rule_only_data)
            if states:
                self._substitute_rule_only_user_input(state, states[-1])
            if last_ml_action:
                state[PREVIOUS_ACTION] = dict(last_ml_action)  # type: ignore[typeddict-item]
        states.append(self._clean_state(state))
    return states
