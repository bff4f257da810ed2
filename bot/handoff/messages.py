"""What the learner is told when their conversation goes to an advisor, in the conversation's language.

Caring and concrete: why a person is better here, what happens next, and roughly when,
from the advisors' office hours. Distress always comes with the crisis line (the
deployment's own words, ``MICROCRED_CRISIS_LINE``, inside the translated sentences).
"""

from __future__ import annotations

from datetime import datetime

from bot.handoff.crisis import mentions_crisis
from bot.handoff.office_hours import OfficeHours
from bot.handoff.rules import Reason
from bot.i18n import formats, t


def when_to_expect(office: OfficeHours | None, now: datetime) -> str:
    if office is None:
        return t("handoff.expect.unknown")
    hours = office.describe(now)
    if office.is_open(now):
        return t("handoff.expect.open", hours=hours)
    return t("handoff.expect.closed", hours=hours, opening=formats.weekday_time(office.next_opening(now)))


def handoff_reply(
    reason: Reason,
    case_id: int,
    reused: bool,
    signed_in: bool,
    office: OfficeHours | None,
    crisis_line: str,
    now: datetime,
) -> list[str]:
    """The messages that tell the learner their case exists, what happens next and when.

    ``office`` is None when the office hours are not known (misconfigured).
    """
    if reused:
        opening = t("handoff.reused", case_id=case_id)
    else:
        opening = (
            t(f"handoff.openings.{reason.value}", crisis_line=crisis_line)
            + " "
            + t("handoff.opened", case_id=case_id)
        )
    next_steps = [when_to_expect(office, now), t("handoff.keep_open")]
    if reason is Reason.DISTRESS and not (office and office.is_open(now)):
        next_steps.append(t("handoff.crisis_meanwhile", crisis_line=crisis_line))
    next_steps.append(t("handoff.signed_in") if signed_in else t("handoff.leave_contact"))
    return [opening, " ".join(next_steps)]


def waiting_acknowledgement(text: str, crisis_line: str) -> str:
    """The short reply to a learner's message while their case waits for an advisor: crisis
    words get the crisis line again."""
    if mentions_crisis(text):
        return t("handoff.waiting_in_crisis", crisis_line=crisis_line)
    return t("handoff.waiting")
