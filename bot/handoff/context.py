"""What an advisor sees of the student behind a case: their live progress, read with an audit-log entry.

Anonymous learners have no records. If the student's records are gone, the summary kept
on the case when it opened is shown instead.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.handoff.summary import progress_summary
from bot.models import Advisor, HandoffCase
from bot.records.audit import Actor, read_progress


def student_context(case: HandoffCase, advisor: Advisor, engine: Engine | None = None) -> dict | None:
    """The student's progress for ``advisor`` (logged in the audit log), or None for an anonymous learner."""
    if case.student_id is None:
        return None
    progress = read_progress(
        case.student_id,
        Actor("advisor", advisor.email),
        case.conversation_id,
        f"handoff case #{case.id}",
        engine,
    )
    if progress is not None:
        return {"as_of": "now", "progress": progress_summary(progress)}
    return {"as_of": "handoff", "progress": case.progress_summary}
