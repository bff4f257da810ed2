"""Recommendations for a learner's stated goal: ``action_recommend_credentials`` and its form.

``recommendation_form`` asks only what the request leaves open: nothing for "I want to become
a data analyst", the goal for "what should I take?", and the learner's preferences too when
they have stated none. A signed-in student asking "what should I take next?" with no subject
is answered from their record: the next step of each credential under way. The ranking itself
is ``bot.recommend``.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import SpeaksLanguage, remember_credential, speak
from actions.identity import current_identity, own_progress
from bot.catalog.repository import Catalog
from bot.recommend.goals import Goal, is_no_preference, parse_goal
from bot.recommend.learner import ANONYMOUS, learner_from_progress
from bot.recommend.replies import recommendation_replies
from bot.recommend.service import recommend
from bot.replies.progress import asks_next_step, next_steps

INTENT = "recommend_credentials"
GOAL_ENTITIES = ("career_goal", "skill", "topic")
FORMAT_ENTITY = "delivery_format"
GOAL_SLOT = "learning_goal"
PREFERENCES_SLOT = "learning_preferences"
#: Why a student's records are read (the audit log says so).
PURPOSE = "recommend_credentials"


def _request_event(tracker: Tracker) -> dict:
    """The user message that asked for recommendations (or the latest one)."""
    for event in reversed(tracker.events):
        if (
            event.get("event") == "user"
            and (event.get("parse_data") or {}).get("intent", {}).get("name") == INTENT
        ):
            return event
    return {"text": tracker.latest_message.get("text"), "parse_data": tracker.latest_message}


def _entities(event: dict, names: tuple[str, ...]) -> list[str]:
    entities = (event.get("parse_data") or {}).get("entities") or []
    return [str(e["value"]) for e in entities if e.get("entity") in names and e.get("value")]


def _typed_text(event: dict) -> str:
    """What the learner wrote; a button payload ("/recommend_credentials") says nothing itself."""
    text = event.get("text") or ""
    return "" if text.startswith("/") else text


def _answers(tracker: Tracker) -> list[str]:
    """The form answers that say something ("no preference" says nothing)."""
    values = [tracker.get_slot(GOAL_SLOT), tracker.get_slot(PREFERENCES_SLOT)]
    return [
        v
        for v in values
        if isinstance(v, str) and v.strip() and not is_no_preference(v) and not v.startswith("/")
    ]


def request_goal(tracker: Tracker) -> Goal:
    """The goal as stated in the request alone, before any question."""
    event = _request_event(tracker)
    return parse_goal(_typed_text(event), _entities(event, GOAL_ENTITIES), _entities(event, (FORMAT_ENTITY,)))


def full_goal(tracker: Tracker) -> Goal:
    """The goal from the request and the answers to the form's questions together."""
    event = _request_event(tracker)
    text = ". ".join(part for part in [_typed_text(event), *_answers(tracker)] if part.strip())
    formats = _entities(event, (FORMAT_ENTITY,)) + [
        str(e["value"])
        for e in tracker.latest_message.get("entities", [])
        if e.get("entity") == FORMAT_ENTITY
    ]
    return parse_goal(text, _entities(event, GOAL_ENTITIES), formats)


def _next_step_question(tracker: Tracker, request: Goal) -> bool:
    """ "What should I take next?" with no subject, from a signed-in student."""
    return not request.has_topic and asks_next_step(request.text) and current_identity(tracker).verified


def _stale_answers(tracker: Tracker) -> list[str]:
    """Form slots still holding an answer given before the current request (say, to a form an
    advisor request interrupted): they must not answer this one."""
    request = _request_event(tracker)
    events = tracker.events
    start = next((i for i in range(len(events) - 1, -1, -1) if events[i] is request), len(events))
    fresh = {e.get("name") for e in events[start:] if e.get("event") == "slot"}
    return [
        slot
        for slot in (GOAL_SLOT, PREFERENCES_SLOT)
        if tracker.get_slot(slot) is not None and slot not in fresh
    ]


class ValidateRecommendationForm(SpeaksLanguage, FormValidationAction):
    """Decides which of the form's questions the request still needs answered."""

    def name(self) -> str:
        return "validate_recommendation_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        stale = _stale_answers(tracker)
        tracker.slots.update({slot: None for slot in stale})
        return [SlotSet(slot, None) for slot in stale] + await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[str]:
        request = request_goal(tracker)
        if request.has_topic or _next_step_question(tracker, request):
            return []
        answer = tracker.get_slot(GOAL_SLOT)
        stated = not request.constraints.is_empty() or (
            isinstance(answer, str) and not parse_goal(answer).constraints.is_empty()
        )
        return [GOAL_SLOT] if stated else [GOAL_SLOT, PREFERENCES_SLOT]


class ActionRecommendCredentials(SpeaksLanguage, Action):
    def name(self) -> str:
        return "action_recommend_credentials"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> list[dict[str, Any]]:
        events = [SlotSet(GOAL_SLOT, None), SlotSet(PREFERENCES_SLOT, None)]
        progress = own_progress(tracker, PURPOSE)  # one audited read for the whole answer
        if progress and _next_step_question(tracker, request_goal(tracker)):
            under_way = [e for e in progress.enrollments if e.is_active]
            if under_way:
                speak(dispatcher, next_steps(progress, under_way))
                return events
        learner = learner_from_progress(progress) if progress else ANONYMOUS
        result = recommend(Catalog(), full_goal(tracker), learner)
        for reply in recommendation_replies(result):
            speak(dispatcher, reply)
        if result.recommendations:
            events += remember_credential(tracker, result.recommendations[0].offer.id)
        return events
