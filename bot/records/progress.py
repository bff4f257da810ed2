"""A student's progress: per enrollment, what is done and what is left, and stacking toward larger credentials.

Pure domain: ``load_progress`` reads the student's records and the catalog through the
session it is given and returns plain values; nothing here writes or formats text. A
completed requirement counts for every credential that lists it; a requirement of kind
``credential`` (a component credential) is done once the student has earned that credential.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import Credential, Enrollment, Requirement, RequirementCompletion, StackingLink, Student

#: Enrollments are listed active first, then on hold or failed, then earned, then withdrawn.
STATUS_ORDER = {"InProgress": 0, "Enrolled": 0, "OnHold": 1, "Failed": 1, "Completed": 2, "Withdrew": 3}

#: Statuses in which the student is still working toward the credential.
ACTIVE_STATUSES = ("InProgress", "Enrolled")


@dataclass(frozen=True)
class RequirementState:
    code: str
    title: str
    kind: str
    credits: Decimal
    completed_on: dt.date | None
    #: The knowledge base's translations of the title ({language: {"title": ...}}), for ``localized``.
    translations: dict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CredentialRef:
    id: str
    name: str
    #: The knowledge base's translations of the name ({language: {"name": ...}}), for ``localized``.
    translations: dict | None = field(default=None, compare=False)


@dataclass(frozen=True)
class CredentialProgress:
    """One enrollment: the credential's requirements split into done and left, in catalog order."""

    credential: CredentialRef
    status: str
    enrolled_on: dt.date
    completed_on: dt.date | None
    completed: tuple[RequirementState, ...]
    remaining: tuple[RequirementState, ...]
    missing_prerequisites: tuple[CredentialRef, ...]

    @property
    def total(self) -> int:
        return len(self.completed) + len(self.remaining)

    @property
    def percent(self) -> int:
        return round(100 * len(self.completed) / self.total) if self.total else 0

    @property
    def credits_earned(self) -> Decimal:
        return sum((r.credits for r in self.completed), Decimal(0))

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def next_requirement(self) -> RequirementState | None:
        """What to take next: the first requirement left, once every prerequisite credential is earned."""
        if not self.is_active or self.missing_prerequisites or not self.remaining:
            return None
        return self.remaining[0]


@dataclass(frozen=True)
class StackingProgress:
    """How many of the credentials that stack into ``target`` the student has earned."""

    target: CredentialRef
    earned: tuple[CredentialRef, ...]
    in_progress: tuple[CredentialRef, ...]
    total: int
    source_type: str | None  # the catalog type all the stacking credentials share, if they do


@dataclass(frozen=True)
class StudentProgress:
    student_id: str
    given_name: str
    enrollments: tuple[CredentialProgress, ...]
    stacking: tuple[StackingProgress, ...]

    def enrollment(self, credential_id: str) -> CredentialProgress | None:
        return next((e for e in self.enrollments if e.credential.id == credential_id), None)

    def stacking_toward(self, credential_id: str) -> StackingProgress | None:
        return next((s for s in self.stacking if s.target.id == credential_id), None)


def _ref(credential: Credential) -> CredentialRef:
    return CredentialRef(credential.id, credential.name, credential.translations)


def _completed_on(
    req: Requirement, done: dict[str, RequirementCompletion], earned: dict[str, dt.date]
) -> dt.date | None:
    """When the student met ``req``: a component credential when they earned it."""
    if req.is_credential:
        return earned.get(req.code)
    return done[req.code].completed_on if req.code in done else None


def _credential_progress(
    session: Session,
    enrollment: Enrollment,
    done: dict[str, RequirementCompletion],
    earned: dict[str, dt.date],
) -> CredentialProgress:
    credential = enrollment.credential
    states = [
        RequirementState(
            code=req.code,
            title=req.title,
            kind=req.kind,
            credits=Decimal(req.credits or 0),
            completed_on=_completed_on(req, done, earned),
            translations=req.translations,
        )
        for req in credential.requirements
    ]
    missing = [session.get(Credential, pid) for pid in credential.prerequisite_ids if pid not in earned]
    return CredentialProgress(
        credential=_ref(credential),
        status=enrollment.status,
        enrolled_on=enrollment.enrolled_on,
        completed_on=enrollment.completed_on,
        completed=tuple(s for s in states if s.completed_on),
        remaining=tuple(s for s in states if not s.completed_on),
        missing_prerequisites=tuple(_ref(c) for c in missing),
    )


def _stacking(
    session: Session, enrollments: list[Enrollment], earned: dict[str, dt.date]
) -> list[StackingProgress]:
    """Progress toward every catalog credential an enrolled credential stacks into, unless already earned."""
    by_credential = {e.credential_id: e for e in enrollments}
    targets = dict.fromkeys(
        link.target_credential_id
        for e in enrollments
        if e.status != "Withdrew"
        for link in e.credential.stacking_links
        if link.target_credential_id and link.target_credential_id not in earned
    )
    out = []
    for target_id in targets:
        sources = list(
            session.scalars(
                select(Credential)
                .join(StackingLink, StackingLink.credential_id == Credential.id)
                .where(StackingLink.target_credential_id == target_id)
                .order_by(Credential.position)
            )
        )
        active = [
            c for c in sources if c.id in by_credential and by_credential[c.id].status in ACTIVE_STATUSES
        ]
        types = {c.type for c in sources}
        out.append(
            StackingProgress(
                target=_ref(session.get(Credential, target_id)),
                earned=tuple(_ref(c) for c in sources if c.id in earned),
                in_progress=tuple(_ref(c) for c in active),
                total=len(sources),
                source_type=types.pop() if len(types) == 1 else None,
            )
        )
    return out


def load_progress(session: Session, student_id: str) -> StudentProgress | None:
    """The progress of ``student_id``, or None if there is no such student."""
    student = session.get(Student, student_id)
    if student is None:
        return None
    enrollments = sorted(
        session.scalars(select(Enrollment).where(Enrollment.student_id == student_id)),
        key=lambda e: (STATUS_ORDER[e.status], e.enrolled_on, e.credential.position),
    )
    done = {
        c.requirement_code: c
        for c in session.scalars(
            select(RequirementCompletion).where(RequirementCompletion.student_id == student_id)
        )
    }
    earned = {
        e.credential_id: e.completed_on or e.enrolled_on for e in enrollments if e.status == "Completed"
    }
    return StudentProgress(
        student_id=student.id,
        given_name=student.given_name,
        enrollments=tuple(_credential_progress(session, e, done, earned) for e in enrollments),
        stacking=tuple(_stacking(session, enrollments, earned)),
    )
