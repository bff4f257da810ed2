"""SQLAlchemy models: the catalog, and the operational tables beside it.

Every table hangs off the one ``Base`` so ``bot.db.create_schema`` creates them all.
"""
from bot.models.advisors import Advisor, AdvisorSession
from bot.models.base import Base
from bot.models.catalog import (
    Credential,
    CredentialAlias,
    CredentialCareer,
    CredentialPrerequisite,
    CredentialRequirement,
    CredentialSkill,
    FaqEntry,
    InstitutionSetting,
    Requirement,
    StackingLink,
    SupportResource,
)
from bot.models.handoff import CaseMessage, HandoffCase
from bot.models.records import AuditLogEntry, Enrollment, RequirementCompletion, Student
from bot.models.review import SuggestionOffer, UnansweredMessage

__all__ = [
    "Advisor",
    "AdvisorSession",
    "AuditLogEntry",
    "Base",
    "CaseMessage",
    "Credential",
    "CredentialAlias",
    "CredentialCareer",
    "CredentialPrerequisite",
    "CredentialRequirement",
    "CredentialSkill",
    "Enrollment",
    "FaqEntry",
    "HandoffCase",
    "InstitutionSetting",
    "Requirement",
    "RequirementCompletion",
    "StackingLink",
    "Student",
    "SupportResource",
    "SuggestionOffer",
    "UnansweredMessage",
]
