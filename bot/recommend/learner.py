"""Who is asking, as plain data: signed in or not, and the credentials they hold or are taking."""

from __future__ import annotations

from dataclasses import dataclass

from bot.records.progress import ACTIVE_STATUSES, StudentProgress

#: The enrollment status of an earned credential; the statuses of one not to suggest again.
EARNED = "Completed"
UNDER_WAY = (*ACTIVE_STATUSES, "OnHold")


@dataclass(frozen=True)
class LearnerContext:
    signed_in: bool = False
    earned: frozenset[str] = frozenset()
    enrolled: frozenset[str] = frozenset()

    @property
    def started(self) -> frozenset[str]:
        """Credentials earned or under way: never recommended again."""
        return self.earned | self.enrolled


ANONYMOUS = LearnerContext()


def learner_from_progress(progress: StudentProgress) -> LearnerContext:
    """A signed-in student's context from their records: earned, and still under way."""
    earned = {e.credential.id for e in progress.enrollments if e.status == EARNED}
    under_way = {e.credential.id for e in progress.enrollments if e.status in UNDER_WAY}
    return LearnerContext(signed_in=True, earned=frozenset(earned), enrolled=frozenset(under_way))
