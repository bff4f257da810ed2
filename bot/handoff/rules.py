"""When a conversation goes to an advisor, and why.

A learner asking for a person, accepting the advisor offered after two misses, or raising a
sensitive topic (distress, a complaint or appeal, financial hardship, an accommodation) is
escalated. The reason decides the case's place in the advisors' queue and the words the
learner hears.
"""

from __future__ import annotations

import enum


class Reason(str, enum.Enum):
    REQUESTED = "requested"
    REPEATED_MISSES = "repeated_misses"
    DISTRESS = "distress"
    COMPLAINT = "complaint"
    FINANCIAL_HARDSHIP = "financial_hardship"
    ACCOMMODATION = "accommodation"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def priority(self) -> int:
        """Lower is more urgent: distress first, then the other sensitive topics."""
        if self is Reason.DISTRESS:
            return 0
        return 1 if self in SENSITIVE_INTENTS.values() else 2


LABELS = {
    Reason.REQUESTED: "Asked for an advisor",
    Reason.REPEATED_MISSES: "The assistant did not understand twice",
    Reason.DISTRESS: "Distress",
    Reason.COMPLAINT: "Complaint or appeal",
    Reason.FINANCIAL_HARDSHIP: "Financial hardship",
    Reason.ACCOMMODATION: "Accommodation request",
}

#: The intent of a learner in distress (also given to crisis words: ``bot.handoff.crisis``).
DISTRESS_INTENT = "express_distress"
#: Intents that go straight to a person, whatever else the learner said.
SENSITIVE_INTENTS = {
    DISTRESS_INTENT: Reason.DISTRESS,
    "complain": Reason.COMPLAINT,
    "financial_hardship": Reason.FINANCIAL_HARDSHIP,
    "request_accommodation": Reason.ACCOMMODATION,
}

REQUEST_INTENT = "request_human"
#: The response that offers an advisor after the second low-confidence message in a row.
OFFER_RESPONSE = "utter_offer_advisor"


def escalation_reason(intent: str | None, previous_action: str | None) -> Reason | None:
    """Why the message with ``intent`` (answering ``previous_action``) goes to an advisor, or None."""
    if intent in SENSITIVE_INTENTS:
        return SENSITIVE_INTENTS[intent]
    if intent == REQUEST_INTENT:
        return Reason.REQUESTED
    if intent == "affirm" and previous_action == OFFER_RESPONSE:
        return Reason.REPEATED_MISSES
    return None
