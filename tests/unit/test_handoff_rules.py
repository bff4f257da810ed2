"""When a conversation goes to an advisor, and what the learner is told about it."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.handoff.contact import find_contact
from bot.handoff.messages import handoff_reply
from bot.handoff.office_hours import OfficeHours, OfficeHoursError
from bot.handoff.rules import Reason, escalation_reason

OFFICE = OfficeHours.parse("Mon-Fri 09:00-17:00", "America/Los_Angeles")
CRISIS = "call or text 988"
# Monday 23 November 2026: 10:00 and 20:00 in Los Angeles (UTC-8).
MONDAY_MORNING = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)
MONDAY_NIGHT = datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc)
FRIDAY_NIGHT = datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "intent, reason",
    [
        ("request_human", Reason.REQUESTED),
        ("express_distress", Reason.DISTRESS),
        ("complain", Reason.COMPLAINT),
        ("financial_hardship", Reason.FINANCIAL_HARDSHIP),
        ("request_accommodation", Reason.ACCOMMODATION),
    ],
)
def test_requests_and_sensitive_topics_escalate_whatever_came_before(intent, reason):
    assert escalation_reason(intent, None) is reason
    assert escalation_reason(intent, "action_list_credentials") is reason


def test_yes_to_the_advisor_offer_escalates_but_a_yes_elsewhere_does_not():
    assert escalation_reason("affirm", "utter_offer_advisor") is Reason.REPEATED_MISSES
    assert escalation_reason("affirm", "utter_greet") is None
    assert escalation_reason("deny", "utter_offer_advisor") is None


@pytest.mark.parametrize("intent", ["list_credentials", "greet", "faq", None])
def test_ordinary_questions_stay_with_the_assistant(intent):
    assert escalation_reason(intent, None) is None


def test_distress_is_first_in_the_queue_then_sensitive_topics_then_requests():
    assert Reason.DISTRESS.priority < Reason.COMPLAINT.priority == Reason.ACCOMMODATION.priority
    assert Reason.FINANCIAL_HARDSHIP.priority < Reason.REQUESTED.priority == Reason.REPEATED_MISSES.priority


def reply(reason=Reason.REQUESTED, now=MONDAY_MORNING, signed_in=False, reused=False, office=OFFICE) -> str:
    return "\n".join(handoff_reply(reason, 7, reused, signed_in, office, CRISIS, now))


def test_the_learner_hears_the_case_number_and_that_they_need_not_repeat_themselves():
    text = reply()
    assert "case #7" in text
    assert "won't need to repeat yourself" in text
    assert "reply will appear here" in text


def test_during_office_hours_the_learner_expects_an_answer_shortly():
    text = reply(now=MONDAY_MORNING)
    assert "Advisors are working now" in text
    assert "shortly" in text


def test_outside_office_hours_the_learner_is_told_when_advisors_are_back():
    night = reply(now=MONDAY_NIGHT)
    assert "expect an answer from Tuesday, November 24 at 09:00 (Pacific Time)." in night
    assert "They work Monday to Friday, 09:00 to 17:00 (Pacific Time)." in night
    assert "expect an answer from Monday, November 30 at 09:00 (Pacific Time)" in reply(now=FRIDAY_NIGHT)


def test_distress_comes_with_the_crisis_line_and_again_when_advisors_are_away():
    daytime = reply(Reason.DISTRESS, now=MONDAY_MORNING)
    assert CRISIS in daytime
    assert "sorry" in daytime
    night = reply(Reason.DISTRESS, now=MONDAY_NIGHT)
    assert night.count(CRISIS) == 2


@pytest.mark.parametrize(
    "reason, words",
    [
        (Reason.COMPLAINT, "formal process"),
        (Reason.FINANCIAL_HARDSHIP, "payment plans"),
        (Reason.ACCOMMODATION, "accessibility services"),
    ],
)
def test_sensitive_topics_get_a_caring_concrete_message(reason, words):
    text = reply(reason)
    assert words in text
    assert CRISIS not in text


def test_anonymous_learners_are_invited_to_leave_a_contact_and_students_told_progress_is_shared():
    assert "email address or phone number" in reply(signed_in=False)
    signed_in = reply(signed_in=True)
    assert "see your credential progress" in signed_in
    assert "email address" not in signed_in


def test_asking_again_says_the_learner_is_already_in_the_queue():
    assert "already in the queue for an advisor (case #7)" in reply(reused=True)


def test_without_readable_office_hours_the_learner_is_still_told_what_happens():
    assert "as soon as one is available" in reply(office=None)


def test_office_hours_are_read_in_their_time_zone():
    assert OFFICE.is_open(MONDAY_MORNING)
    assert not OFFICE.is_open(MONDAY_NIGHT)
    assert OFFICE.describe(MONDAY_MORNING) == "Monday to Friday, 09:00 to 17:00 (Pacific Time)"
    split = OfficeHours.parse("Mon-Thu 09:00-17:00, Fri 09:00-12:00", "Europe/London")
    assert split.describe(MONDAY_MORNING) == (
        "Monday to Thursday, 09:00 to 17:00; Friday, 09:00 to 12:00 (GMT+00:00)"
    )
    friday_afternoon = datetime(2026, 11, 27, 13, 0, tzinfo=timezone.utc)
    assert not split.is_open(friday_afternoon)
    assert split.next_opening(friday_afternoon) == datetime(2026, 11, 30, 9, 0, tzinfo=split.zone)


@pytest.mark.parametrize(
    "spec, zone, message",
    [
        ("weekdays 9 to 5", "America/Los_Angeles", "write them like 'Mon-Fri 09:00-17:00'"),
        ("Mon-Fri 17:00-09:00", "America/Los_Angeles", "ends before it starts"),
        ("Fri-Mon 09:00-17:00", "America/Los_Angeles", "runs backwards"),
        ("Mon-Fri 09:00-25:00", "America/Los_Angeles", "not a time of day"),
        ("Mon-Fri 09:00-17:00", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("", "America/Los_Angeles", "no office hours"),
    ],
)
def test_unreadable_office_hours_are_reported_clearly(spec, zone, message):
    with pytest.raises(OfficeHoursError, match=message.replace("(", r"\(").replace(")", r"\)")):
        OfficeHours.parse(spec, zone)


def test_a_contact_the_learner_typed_is_found_but_dates_and_ids_are_not_taken_for_phones():
    assert find_contact(["my exam on 2026-11-23 went badly", "I'm S1001"]) is None
    assert find_contact(["reach me at jo.smith+hvu@example.org please"]) == "jo.smith+hvu@example.org"
    assert find_contact(["call +1 (555) 010-4200", "or mail me: jo@example.org"]) == "jo@example.org"
    assert find_contact(["mail jo@example.org or call 555 010 4200"]) == "555 010 4200"


def test_a_message_while_the_advisor_is_awaited_is_acknowledged_and_crisis_words_get_the_crisis_line():
    from bot.handoff.messages import waiting_acknowledgement

    assert waiting_acknowledgement("hello? anyone there?", "call 988") == (
        "Thanks, your advisor will see this message with the rest of our conversation."
    )
    assert "call 988" in waiting_acknowledgement("I want to kill myself", "call 988")
