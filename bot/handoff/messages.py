"""What the learner is told when their conversation goes to an advisor.

Caring and concrete: why a person is better here, what happens next, and roughly when,
from the advisors' office hours. Distress always comes with the crisis line.
"""

from __future__ import annotations

from datetime import datetime

from bot.handoff.crisis import mentions_crisis
from bot.handoff.office_hours import OfficeHours
from bot.handoff.rules import Reason

#: What each message gets while an advisor has the conversation (the assistant says nothing else).
WAITING = "Thanks, your advisor will see this message with the rest of our conversation."
WAITING_IN_CRISIS = (
    "Your advisor will see this message. If you are in danger or thinking about hurting yourself, "
    "please {crisis_line} right now."
)

OPENINGS = {
    Reason.REQUESTED: "Of course. I'm connecting you with an advisor.",
    Reason.REPEATED_MISSES: "Okay, I'm connecting you with an advisor.",
    Reason.DISTRESS: (
        "I'm really sorry you're going through this, and I'm glad you told me. "
        "If you are in danger or thinking about hurting yourself, please {crisis_line} right now. "
        "I'm also asking an advisor to reach out to you."
    ),
    Reason.COMPLAINT: (
        "I'm sorry this happened. A complaint or an appeal deserves a person's attention, so I'm "
        "passing it to an advisor who can look into it and explain the formal process."
    ),
    Reason.FINANCIAL_HARDSHIP: (
        "I'm sorry money is tight right now. An advisor can go through your options with you in "
        "confidence, such as payment plans and funding."
    ),
    Reason.ACCOMMODATION: (
        "Thank you for telling me. An advisor will help you arrange accommodations with accessibility "
        "services; you don't need to share any medical details in this chat."
    ),
}


def when_to_expect(office: OfficeHours | None, now: datetime) -> str:
    if office is None:
        return "An advisor will answer here as soon as one is available."
    hours = office.describe(now)
    if office.is_open(now):
        return f"Advisors are working now ({hours}), so you should hear back here shortly."
    opening = office.next_opening(now)
    return (
        f"Advisors are away right now (they work {hours}), so expect an answer "
        f"from {opening:%A %-d %B at %H:%M %Z}."
    )


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
        opening = (
            f"You're already in the queue for an advisor (case #{case_id}). "
            "They will see this message too, so you won't need to repeat yourself."
        )
    else:
        opening = (
            OPENINGS[reason].format(crisis_line=crisis_line)
            + f" I've opened case #{case_id}, and the advisor will see our whole conversation,"
            " so you won't need to repeat yourself."
        )
    next_steps = [
        when_to_expect(office, now),
        "Keep this chat open: their reply will appear here, and I'll stay quiet until they're done.",
    ]
    if reason is Reason.DISTRESS and not (office and office.is_open(now)):
        next_steps.append(f"If you need to talk to someone before then, please {crisis_line}.")
    if signed_in:
        next_steps.append("As you're signed in, the advisor will also see your credential progress.")
    else:
        next_steps.append(
            "If you might leave before they answer, type an email address or phone number and the "
            "advisor can reach you there."
        )
    return [opening, " ".join(next_steps)]


def waiting_acknowledgement(text: str, crisis_line: str) -> str:
    """The short reply to a learner's message while their case waits for an advisor: crisis
    words get the crisis line again."""
    return WAITING_IN_CRISIS.format(crisis_line=crisis_line) if mentions_crisis(text) else WAITING
