"""Student records: students, their enrollments and completed requirements, and the audit log.

Enrollments and completions point into the catalog with ``ON DELETE RESTRICT``: the
catalog loader cannot drop a credential or requirement that a student record still uses.
"""
from __future__ import annotations

import re
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from bot.models.base import Base
from bot.clock import utcnow

#: What a student id looks like ("S1001").
STUDENT_ID = re.compile(r"S\d{4,9}")

#: The Open Badges 3.0 result statuses an enrollment can have.
ENROLLMENT_STATUSES = ("Completed", "Enrolled", "Failed", "InProgress", "OnHold", "Withdrew")


class Student(Base):
    __tablename__ = "students"

    id = Column(String(20), primary_key=True)
    given_name = Column(String(100), nullable=False)
    family_name = Column(String(100), nullable=False)
    email = Column(String(254), nullable=False, unique=True)
    program = Column(String(200), nullable=False)

    enrollments = relationship("Enrollment", back_populates="student", cascade="all, delete-orphan")
    completions = relationship("RequirementCompletion", back_populates="student", cascade="all, delete-orphan")


class Enrollment(Base):
    """A student's enrollment in one catalog credential."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("student_id", "credential_id"),
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in ENROLLMENT_STATUSES) + ")",
            name="enrollment_status",
        ),
    )

    id = Column(Integer, primary_key=True)
    student_id = Column(ForeignKey("students.id", ondelete="CASCADE"), nullable=False, index=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="RESTRICT"), nullable=False, index=True)
    status = Column(String(20), nullable=False)
    enrolled_on = Column(Date, nullable=False)
    completed_on = Column(Date, nullable=True)

    student = relationship("Student", back_populates="enrollments")
    credential = relationship("Credential", lazy="joined")


class RequirementCompletion(Base):
    """A requirement a student has met; it counts for every credential that lists it."""

    __tablename__ = "requirement_completions"
    __table_args__ = (UniqueConstraint("student_id", "requirement_code"),)

    id = Column(Integer, primary_key=True)
    student_id = Column(ForeignKey("students.id", ondelete="CASCADE"), nullable=False, index=True)
    requirement_code = Column(ForeignKey("requirements.code", ondelete="RESTRICT"), nullable=False, index=True)
    completed_on = Column(Date, nullable=False)
    result = Column(String(40), nullable=True)

    student = relationship("Student", back_populates="completions")
    requirement = relationship("Requirement", lazy="joined")


class AuditLogEntry(Base):
    """One read of a student's records: who read which records, when, in which conversation, why.

    ``student_id`` is deliberately not a foreign key: the log outlives the records it describes.
    """

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    accessed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    actor_kind = Column(String(20), nullable=False)
    actor_id = Column(String(100), nullable=False)
    student_id = Column(String(20), nullable=False, index=True)
    records = Column(String(200), nullable=False)
    conversation_id = Column(String(200), nullable=True, index=True)
    purpose = Column(String(100), nullable=False)
