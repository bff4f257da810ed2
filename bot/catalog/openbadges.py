"""Export catalog credentials as Open Badges 3.0 ``Achievement`` objects (1EdTech data model).

Each credential becomes an Achievement with its criteria narrative (the requirements),
``achievementType`` from the credential type, ``creditsAvailable``, and alignments to the
skills it teaches (competencies) and the occupations it prepares for.
"""

from __future__ import annotations

import re

from sqlalchemy.engine import Engine

from bot.catalog.repository import Catalog
from bot.models import Credential

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]

#: Catalog type -> the OB 3.0 AchievementType vocabulary.
ACHIEVEMENT_TYPES = {
    "digital_badge": "Badge",
    "certificate": "Certificate",
    "nanodegree": "MicroCredential",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def criteria_narrative(credential: Credential) -> str:
    lines = [f"To earn the {credential.name}, complete every requirement:"]
    lines += [f"- {r.heading}" for r in credential.requirements]
    if credential.prerequisite_notes:
        lines.append(f"Prerequisites: {credential.prerequisite_notes}")
    return "\n".join(lines)


def achievement(credential: Credential, website: str, institution_name: str) -> dict:
    base = website.rstrip("/")
    alignments = [
        {
            "type": ["Alignment"],
            "targetName": skill,
            "targetUrl": f"{base}/skills/{_slug(skill)}",
            "targetType": "ceasn:Competency",
        }
        for skill in credential.skills
    ] + [
        {
            "type": ["Alignment"],
            "targetName": career,
            "targetUrl": f"{base}/careers/{_slug(career)}",
            "targetType": "ext:Occupation",
        }
        for career in credential.careers
    ]
    return {
        "@context": CONTEXT,
        "id": f"{base}/achievements/{credential.id}",
        "type": ["Achievement"],
        "name": credential.name,
        "description": credential.description,
        "achievementType": ACHIEVEMENT_TYPES[credential.type],
        "criteria": {"id": credential.enrollment_url, "narrative": criteria_narrative(credential)},
        "creditsAvailable": float(credential.credit_value),
        "alignment": alignments,
        "creator": {"id": base, "type": ["Profile"], "name": institution_name},
        "humanCode": credential.id,
    }


def export_catalog(engine: Engine | None = None) -> list[dict]:
    catalog = Catalog(engine)
    institution = catalog.institution()
    return [achievement(c, institution["website"], institution["name"]) for c in catalog.credentials()]
