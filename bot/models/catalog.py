"""The credential catalog, FAQ and support resources, as loaded from the knowledge base."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    Float,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import relationship

from bot.models.base import Base

#: The requirement kind that is another credential of the catalog, earned on its own.
CREDENTIAL_KIND = "credential"


class Credential(Base):
    __tablename__ = "credentials"

    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False, unique=True)
    type = Column(String(40), nullable=False)
    model = Column(String(40), nullable=False)
    level = Column(String(40), nullable=False)
    description = Column(Text, nullable=False)
    provider = Column(String(200), nullable=False)
    duration_weeks = Column(Integer, nullable=False)
    workload_hours_per_week = Column(Integer, nullable=False)
    cost_cents = Column(Integer, nullable=False)
    cost_currency = Column(String(3), nullable=False)
    format = Column(String(20), nullable=False)
    open_to_public = Column(Boolean, nullable=False)
    next_start = Column(Date, nullable=True)
    credit_value = Column(Float, nullable=False)
    enrollment_url = Column(String(500), nullable=False)
    prerequisite_notes = Column(Text, nullable=True)
    position = Column(Integer, nullable=False)
    #: The knowledge base's translations of this entry's texts: {language: {field: text}}.
    translations = Column(JSON, nullable=True)

    aliases = relationship("CredentialAlias", cascade="all, delete-orphan", lazy="selectin")
    requirement_links = relationship(
        "CredentialRequirement",
        cascade="all, delete-orphan",
        order_by="CredentialRequirement.position",
        lazy="selectin",
    )
    prerequisite_links = relationship(
        "CredentialPrerequisite",
        cascade="all, delete-orphan",
        foreign_keys="CredentialPrerequisite.credential_id",
        lazy="selectin",
    )
    stacking_links = relationship(
        "StackingLink",
        cascade="all, delete-orphan",
        foreign_keys="StackingLink.credential_id",
        order_by="StackingLink.position",
        lazy="selectin",
    )
    skill_rows = relationship(
        "CredentialSkill", cascade="all, delete-orphan", order_by="CredentialSkill.position", lazy="selectin"
    )
    career_rows = relationship(
        "CredentialCareer", cascade="all, delete-orphan", order_by="CredentialCareer.position", lazy="selectin"
    )

    @property
    def requirements(self) -> list["Requirement"]:
        return [link.requirement for link in self.requirement_links]

    @property
    def skills(self) -> list[str]:
        return [row.skill for row in self.skill_rows]

    @property
    def careers(self) -> list[str]:
        return [row.career for row in self.career_rows]

    @property
    def alias_names(self) -> list[str]:
        return [row.alias for row in self.aliases]

    @property
    def translated_names(self) -> list[str]:
        """Its name in the knowledge base's other languages, as learners may type it."""
        names = [texts.get("name") for texts in (self.translations or {}).values()]
        known = {n.casefold() for n in [self.name, *self.alias_names]}
        return [n for n in dict.fromkeys(names) if n and n.casefold() not in known]

    @property
    def prerequisite_ids(self) -> list[str]:
        return [link.prerequisite_id for link in self.prerequisite_links]

    @property
    def cost_amount(self) -> Decimal:
        return Decimal(self.cost_cents) / 100

    @property
    def is_free(self) -> bool:
        return self.cost_cents == 0


class CredentialAlias(Base):
    __tablename__ = "credential_aliases"

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False, unique=True)


class Requirement(Base):
    """A course, assessment, project or competency, or a component credential (kind
    ``credential``, coded by its id); one row even when several credentials share it."""

    __tablename__ = "requirements"

    code = Column(String(80), primary_key=True)  # a component credential's id for kind credential
    kind = Column(String(20), nullable=False)
    title = Column(String(300), nullable=False)
    credits = Column(Float, nullable=True)
    hours = Column(Integer, nullable=True)
    #: The knowledge base's translations of this entry's texts: {language: {field: text}}.
    translations = Column(JSON, nullable=True)

    @property
    def is_credential(self) -> bool:
        """A component credential: done when the student has earned it (its code is its id)."""
        return self.kind == CREDENTIAL_KIND

    @property
    def heading(self) -> str:
        """How a list names it: "Course DATA 210: Data Wrangling", "Credential: GIS Mapping Essentials"."""
        if self.is_credential:
            return f"Credential: {self.title}"
        return f"{self.kind.capitalize()} {self.code}: {self.title}"


class CredentialRequirement(Base):
    __tablename__ = "credential_requirements"
    __table_args__ = (UniqueConstraint("credential_id", "requirement_code"),)

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    requirement_code = Column(ForeignKey("requirements.code"), nullable=False, index=True)
    position = Column(Integer, nullable=False)

    requirement = relationship("Requirement", lazy="joined")


class CredentialPrerequisite(Base):
    __tablename__ = "credential_prerequisites"
    __table_args__ = (UniqueConstraint("credential_id", "prerequisite_id"),)

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    prerequisite_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False)


class StackingLink(Base):
    """``credential_id`` counts toward another catalog credential or toward a degree program."""

    __tablename__ = "stacking_links"

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    target_credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=True, index=True)
    degree = Column(String(200), nullable=True)
    credits = Column(Float, nullable=True)
    position = Column(Integer, nullable=False)


class CredentialSkill(Base):
    __tablename__ = "credential_skills"

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    skill = Column(String(120), nullable=False)
    position = Column(Integer, nullable=False)


class CredentialCareer(Base):
    __tablename__ = "credential_careers"

    id = Column(Integer, primary_key=True)
    credential_id = Column(ForeignKey("credentials.id", ondelete="CASCADE"), nullable=False, index=True)
    career = Column(String(120), nullable=False)
    position = Column(Integer, nullable=False)


class FaqEntry(Base):
    __tablename__ = "faq_entries"

    key = Column(String(60), primary_key=True)
    question = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)
    #: The knowledge base's translations of this entry's texts: {language: {field: text}}.
    translations = Column(JSON, nullable=True)


class SupportResource(Base):
    __tablename__ = "support_resources"

    id = Column(String(80), primary_key=True)
    name = Column(String(200), nullable=False)
    kind = Column(String(40), nullable=False)
    description = Column(Text, nullable=False)
    keywords = Column(JSON, nullable=False)
    contact = Column(String(300), nullable=False)
    hours = Column(String(300), nullable=True)
    #: The knowledge base's translations of this entry's texts: {language: {field: text}}.
    translations = Column(JSON, nullable=True)


class InstitutionSetting(Base):
    """The institution's name, website, enrollment office and office hours, one row per key."""

    __tablename__ = "institution_settings"

    key = Column(String(60), primary_key=True)
    value = Column(JSON, nullable=False)
