"""A student's progress as plain JSON for an advisor: per enrollment what is done and left, and stacking."""

from __future__ import annotations

from bot.records.progress import StudentProgress


def progress_summary(progress: StudentProgress) -> dict:
    return {
        "student_id": progress.student_id,
        "given_name": progress.given_name,
        "enrollments": [
            {
                "credential_id": e.credential.id,
                "credential": e.credential.name,
                "status": e.status,
                "percent": e.percent,
                "completed": len(e.completed),
                "total": e.total,
                "credits_earned": float(e.credits_earned),
                "next": e.next_requirement.title if e.next_requirement else None,
                "remaining": [f"{r.code} {r.title}" for r in e.remaining],
                "missing_prerequisites": [c.name for c in e.missing_prerequisites],
            }
            for e in progress.enrollments
        ],
        "stacking": [
            {"target": s.target.name, "earned": len(s.earned), "total": s.total} for s in progress.stacking
        ],
    }
