"""The turn guard: every learner message gets a reply, and every turn ends.

Rasa predicts one action after another until one of them is ``action_listen``. When no rule
or story says what follows an action, its RulePolicy proposes the core fallback action again,
and again, until Rasa's circuit breaker stops the turn after ten actions. Because that turn
never ended in ``action_listen``, Rasa then counts its actions against every later message
too, and the conversation never answers again.

From the actions a turn has run so far, the guard decides:

- once the turn has run an action of its own, ending it is the default: ``action_listen`` is
  proposed just above the core fallback's confidence, so any rule or story still wins, and the
  core fallback answers only a message nothing else answered;
- after too many actions in one turn, whatever the cause, one apology with the advisor offer,
  then the end of the turn, proposed above every other policy.
"""

from __future__ import annotations

from dataclasses import dataclass

LISTEN = "action_listen"
#: The advisor offer ("would you like me to connect you with an advisor?"); the rules that
#: follow it take the learner's yes or no.
OFFER = "utter_offer_advisor"
#: Rasa's circuit breaker stops a turn at ten actions; the guard steps in before that.
MAX_ACTIONS_PER_TURN = 7
#: What Rasa runs itself at the start of every turn, before any policy is asked.
TURN_START = "action_extract_slots"


@dataclass(frozen=True)
class Turn:
    """What the current turn has done: the actions since the last ``action_listen``, in order."""

    actions: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    """The action the guard proposes; ``overriding`` ones win over every policy, the others
    only over the core fallback."""

    action: str
    overriding: bool


def decide(turn: Turn) -> Decision | None:
    """What the guard proposes next in ``turn``, or ``None`` to leave it to the policies."""
    if len(turn.actions) >= MAX_ACTIONS_PER_TURN:
        if turn.actions[-1] == OFFER:
            return Decision(LISTEN, overriding=True)
        return Decision(OFFER, overriding=True)
    if any(action != TURN_START for action in turn.actions):
        return Decision(LISTEN, overriding=False)
    return None
