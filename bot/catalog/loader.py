"""Read the knowledge-base YAML, validate it whole, and load it into the database.

Loading is all or nothing: every file is validated before anything is written, and the
write is one transaction. Credentials and requirements are upserted by id and code, so
student records that point at them survive a reload; a credential or requirement that
students still reference cannot be removed from the catalog.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.catalog.repository import VERSION_KEY
from bot.catalog.schema import (
    KnowledgeBaseError,
    Problem,
    catalog_defaults,
    complete_institution,
    component_stacking,
    merged_translations,
    validate_catalog,
    validate_faq,
    validate_institution,
    validate_support_resources,
    validate_synonyms,
)
from bot.db import create_schema, session_scope
from bot.i18n.messages import available
from bot.models import (
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

#: The synonym groups' file in the knowledge-base folder.
SYNONYMS_FILE = "synonyms.yml"

#: The FAQ sub-intents of the conversation design; each needs an answer.
FAQ_KEYS = [
    "what_is_microcredential",
    "credential_types",
    "credential_models",
    "benefits",
    "employer_recognition",
    "academic_credit",
    "funding",
    "eligibility",
    "time_commitment",
    "assessment",
    "share_badge",
    "verify_credential",
    "delivery_format",
    "withdrawal_refund",
]


@dataclass
class KnowledgeBase:
    institution: dict
    credentials: list[dict]
    faq: list[dict]
    support_resources: list[dict]
    #: Groups of phrases learners use for the same thing (``bot.recommend.synonyms``).
    synonyms: list[list[str]]


def read_yaml(path: Path, root: Path) -> object:
    """Parse one knowledge-base file; problems are named by the path from ``root``'s parent."""
    name = str(path.relative_to(root.parent)) if root.parent in path.parents else str(path)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise KnowledgeBaseError([Problem(name, None, None, "is missing")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise KnowledgeBaseError([Problem(name, None, None, f"is not valid YAML{where}: {reason}")]) from None


def offered_languages(knowledge_base_dir: Path) -> tuple[str, ...]:
    """The languages of the knowledge base's ``institution.yml`` that the product speaks."""
    path = Path(knowledge_base_dir) / "institution.yml"
    institution = validate_institution(path.name, read_yaml(path, Path(knowledge_base_dir)))
    return tuple(lang for lang in institution.get("languages") or () if lang in available())


def read_knowledge_base(directory: Path) -> KnowledgeBase:
    """Parse and validate every knowledge-base file; raise ``KnowledgeBaseError`` on any problem."""
    directory = Path(directory)
    problems: list[Problem] = []

    def attempt(fn, *args):
        try:
            return fn(*args)
        except KnowledgeBaseError as error:
            problems.extend(error.problems)
            return None

    files = sorted((directory / "credentials").glob("*.yml"))
    by_file: dict[str, list] = {}
    for path in files:
        raw = attempt(read_yaml, path, directory)
        name = f"{directory.name}/credentials/{path.name}"
        if raw is None and problems:
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("credentials"), list):
            problems.append(Problem(name, None, "credentials", "must be a list of credentials"))
            continue
        by_file[name] = raw["credentials"]
    if not files:
        problems.append(Problem(f"{directory.name}/credentials/", None, None, "holds no *.yml file"))

    def section(filename: str, validate, *extra):
        raw = attempt(read_yaml, directory / filename, directory)
        return attempt(validate, f"{directory.name}/{filename}", raw, *extra) if raw is not None else None

    institution = section("institution.yml", validate_institution)
    credentials = attempt(validate_catalog, by_file, catalog_defaults(institution)) if by_file else None
    if institution and credentials:
        institution = complete_institution(institution, credentials)
    languages = tuple(institution["languages"]) if institution else None
    faq = section("faq.yml", validate_faq, FAQ_KEYS, languages)
    resources = section("support_resources.yml", validate_support_resources, languages)
    synonyms = section(SYNONYMS_FILE, validate_synonyms)
    if problems:
        raise KnowledgeBaseError(problems)
    return KnowledgeBase(institution, credentials or [], faq, resources, synonyms)


def load_knowledge_base(directory: Path, engine: Engine | None = None) -> KnowledgeBase:
    """Validate the knowledge base and write it to the database in one transaction."""
    kb = read_knowledge_base(directory)
    create_schema(engine)
    try:
        with session_scope(engine) as session:
            _write(session, kb)
    except IntegrityError as error:
        raise KnowledgeBaseError(
            [
                Problem(
                    str(directory),
                    None,
                    None,
                    "a credential or requirement that student records still reference cannot be "
                    f"removed from the catalog; nothing was loaded ({error.orig})",
                )
            ]
        ) from None
    return kb


def _float(value) -> float | None:
    return None if value is None else float(value)


def _write(session, kb: KnowledgeBase) -> None:
    for table in (
        CredentialAlias,
        CredentialRequirement,
        CredentialPrerequisite,
        StackingLink,
        CredentialSkill,
        CredentialCareer,
    ):
        session.execute(delete(table))
    session.flush()

    requirements: dict[str, Requirement] = {}
    for item in kb.credentials:
        for req in item["requirements"]:
            known = requirements.get(req["code"])
            if known is None:
                requirements[req["code"]] = Requirement(
                    code=req["code"],
                    kind=req["kind"],
                    title=req["title"],
                    credits=_float(req["credits"]),
                    hours=req["hours"],
                    translations=req["translations"] or None,
                )
            elif req["translations"]:  # a shared requirement: its translations wherever given
                known.translations = merged_translations(known.translations or {}, req["translations"])
    for requirement in requirements.values():
        session.merge(requirement)
    requirement_codes = set(requirements)
    for position, item in enumerate(kb.credentials):
        session.merge(
            Credential(
                id=item["id"],
                name=item["name"],
                type=item["type"],
                model=item["model"],
                level=item["level"],
                description=item["description"].strip(),
                provider=item["provider"],
                duration_weeks=item["duration_weeks"],
                workload_hours_per_week=item["workload_hours_per_week"],
                cost_cents=round(Decimal(str(item["cost_amount"])) * 100),
                cost_currency=item["cost_currency"],
                format=item["format"],
                open_to_public=item["open_to_public"],
                next_start=item["next_start"],
                credit_value=_float(item["credit_value"]),
                enrollment_url=item["enrollment_url"],
                prerequisite_notes=item["prerequisite_notes"],
                position=position,
                translations=item["translations"] or None,
            )
        )
    session.flush()
    derived = component_stacking(kb.credentials)
    for item in kb.credentials:
        cid = item["id"]
        session.add_all(CredentialAlias(credential_id=cid, alias=a) for a in item["aliases"])
        session.add_all(
            CredentialRequirement(credential_id=cid, requirement_code=r["code"], position=n)
            for n, r in enumerate(item["requirements"])
        )
        session.add_all(
            CredentialPrerequisite(credential_id=cid, prerequisite_id=p) for p in item["prerequisites"]
        )
        session.add_all(
            StackingLink(
                credential_id=cid,
                target_credential_id=link["credential"],
                degree=link["degree"],
                credits=_float(link["credits"]),
                position=n,
            )
            for n, link in enumerate(item["stacks_into"])
        )
        session.add_all(
            StackingLink(
                credential_id=cid, target_credential_id=target, position=len(item["stacks_into"]) + n
            )
            for n, target in enumerate(derived.get(cid, []))
        )
        session.add_all(
            CredentialSkill(credential_id=cid, skill=s, position=n) for n, s in enumerate(item["skills"])
        )
        session.add_all(
            CredentialCareer(credential_id=cid, career=c, position=n) for n, c in enumerate(item["careers"])
        )

    ids = {item["id"] for item in kb.credentials}
    session.execute(delete(Credential).where(Credential.id.not_in(ids)))
    session.execute(delete(Requirement).where(Requirement.code.not_in(requirement_codes)))

    session.execute(delete(FaqEntry))
    session.add_all(FaqEntry(**entry) for entry in kb.faq)
    session.execute(delete(SupportResource))
    session.add_all(SupportResource(**entry) for entry in kb.support_resources)
    session.execute(delete(InstitutionSetting))
    session.add_all(InstitutionSetting(key=k, value=v) for k, v in kb.institution.items())
    session.add(InstitutionSetting(key=VERSION_KEY, value=uuid.uuid4().hex))
    session.flush()
