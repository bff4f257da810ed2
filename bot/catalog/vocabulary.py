"""The closed vocabularies of the catalog schema, with the words learners use for them.

These are schema values (types, models, formats), not credentials: the NLU synonyms for
them are generated from here, the credential synonyms from the catalog itself.
"""
from __future__ import annotations

CREDENTIAL_TYPES = {
    "digital_badge": ("digital badge", ["badge", "badges", "digital badges", "micro badge"]),
    "certificate": ("certificate", ["cert", "certs", "certificates", "certificate program"]),
    "nanodegree": ("nanodegree", ["nano degree", "nanodegrees", "nano-degree", "nano degrees"]),
}

CREDENTIAL_MODELS = {
    "stackable": ("stackable", ["stackable credentials", "stacking", "stackables"]),
    "competency_based": ("competency-based", ["competency based", "competency", "competencies"]),
    "embedded": ("embedded", ["embedded in a degree", "embedded credentials"]),
    "open": ("open", ["open credentials", "open online", "free open"]),
    "job_training": ("job training", ["job-training", "workforce training", "job ready", "workforce"]),
}

DELIVERY_FORMATS = {
    "online": ("online", ["remote", "virtual", "distance", "on-line"]),
    "in_person": ("in person", ["in-person", "on campus", "face to face", "campus"]),
    "hybrid": ("hybrid", ["blended", "mixed"]),
}

LEVELS = {
    "introductory": ("introductory", ["beginner", "intro", "entry level", "basic"]),
    "intermediate": ("intermediate", ["mid level"]),
    "advanced": ("advanced", ["expert", "senior"]),
}

REQUIREMENT_KINDS = ("course", "assessment", "project", "competency")

SUPPORT_KINDS = ("tutoring", "study_materials", "career_counselling", "accessibility")

#: The attributes a learner can ask about one credential (entity ``attribute``).
ATTRIBUTES = (
    "cost",
    "duration",
    "format",
    "start_date",
    "credits",
    "provider",
    "level",
    "workload",
)


def label(vocabulary: dict[str, tuple[str, list[str]]], key: str) -> str:
    """The display label of a vocabulary key ("competency_based" -> "competency-based")."""
    return vocabulary[key][0]
