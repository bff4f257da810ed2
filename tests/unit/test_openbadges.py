"""The Open Badges 3.0 export carries the fields the 1EdTech data model requires."""

from __future__ import annotations

from bot.catalog.openbadges import export_catalog
from bot.catalog.repository import Catalog

ACHIEVEMENT_TYPES = {
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
}


def test_every_credential_exports_a_valid_achievement(catalog_db):
    achievements = export_catalog()
    assert len(achievements) == len(Catalog().credentials())
    for a in achievements:
        assert "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" in a["@context"]
        assert a["id"].startswith("https://") and "Achievement" in a["type"]
        assert a["name"] and a["description"]
        assert a["criteria"]["narrative"].startswith(f"To earn the {a['name']}")
        assert a["achievementType"] in ACHIEVEMENT_TYPES
        assert isinstance(a["creditsAvailable"], float)
        assert a["alignment"]
        for alignment in a["alignment"]:
            assert alignment["type"] == ["Alignment"]
            assert alignment["targetName"] and alignment["targetUrl"].startswith("https://")
        assert "Profile" in a["creator"]["type"]


def test_criteria_list_the_real_requirements(catalog_db):
    credential = Catalog().get("data-analytics-certificate")
    exported = next(a for a in export_catalog() if a["humanCode"] == credential.id)
    for requirement in credential.requirements:
        assert requirement.code in exported["criteria"]["narrative"]
    assert {a["targetName"] for a in exported["alignment"]} >= set(credential.skills)
