"""Read-only queries over the catalog loaded in the database."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import noload, selectinload

from bot.db import session_scope
from bot.models import Credential, FaqEntry, InstitutionSetting, StackingLink, SupportResource


@dataclass(frozen=True)
class StackTarget:
    """What a credential counts toward: a catalog credential, or a degree outside the catalog."""

    credential: Credential | None
    degree: str | None
    credits: float | None

    @property
    def name(self) -> str:
        return self.credential.name if self.credential else self.degree


@dataclass(frozen=True)
class CredentialName:
    """What name resolution needs of a credential (``bot.catalog.resolve.Named``)."""

    id: str
    name: str
    type: str
    alias_names: tuple[str, ...]


#: The institution-settings key whose value changes with every load of the catalog.
VERSION_KEY = "catalog_version"
#: Credential names by (database, catalog version): resolving a name is on every turn's path.
_NAMES: dict[tuple[str, str], list[CredentialName]] = {}


class Catalog:
    """The catalog as the actions see it; each call reads the database afresh (``names``
    excepted: it is kept until the catalog is loaded again)."""

    def __init__(self, engine: Engine | None = None):
        self.engine = engine

    def credentials(self) -> list[Credential]:
        with session_scope(self.engine) as session:
            return list(session.scalars(select(Credential).order_by(Credential.position)))

    def names(self) -> list[CredentialName]:
        """Every credential's id, name, type and aliases, in catalog order."""
        with session_scope(self.engine) as session:
            version = session.get(InstitutionSetting, VERSION_KEY)
            key = (str(session.get_bind().url), version.value if version else "")
            if key not in _NAMES:
                query = select(Credential).options(selectinload(Credential.aliases), noload("*")).order_by(Credential.position)
                _NAMES.clear()
                _NAMES[key] = [
                    CredentialName(c.id, c.name, c.type, tuple(c.alias_names)) for c in session.scalars(query)
                ]
            return _NAMES[key]

    def get(self, credential_id: str) -> Credential | None:
        with session_scope(self.engine) as session:
            return session.get(Credential, credential_id)

    def get_many(self, credential_ids: list[str]) -> list[Credential]:
        """The named credentials, in the order given; unknown ids are left out."""
        with session_scope(self.engine) as session:
            found = {c.id: c for c in session.scalars(select(Credential).where(Credential.id.in_(credential_ids)))}
        return [found[i] for i in credential_ids if i in found]

    def stacks_into(self, credential: Credential) -> list[StackTarget]:
        ids = [link.target_credential_id for link in credential.stacking_links if link.target_credential_id]
        targets = {c.id: c for c in self.get_many(ids)}
        return [
            StackTarget(targets.get(link.target_credential_id), link.degree, link.credits)
            for link in credential.stacking_links
        ]

    def stacks_from(self, credential_id: str) -> list[Credential]:
        """The credentials that count toward ``credential_id``."""
        with session_scope(self.engine) as session:
            rows = session.scalars(
                select(Credential)
                .join(StackingLink, StackingLink.credential_id == Credential.id)
                .where(StackingLink.target_credential_id == credential_id)
                .order_by(Credential.position)
            )
            return list(rows)

    def faq_answer(self, key: str) -> FaqEntry | None:
        with session_scope(self.engine) as session:
            return session.get(FaqEntry, key)

    def support_resources(self) -> list[SupportResource]:
        with session_scope(self.engine) as session:
            return list(session.scalars(select(SupportResource).order_by(SupportResource.id)))

    def institution(self) -> dict:
        with session_scope(self.engine) as session:
            rows = session.scalars(select(InstitutionSetting).where(InstitutionSetting.key != VERSION_KEY))
            return {row.key: row.value for row in rows}
