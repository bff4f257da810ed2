"""Read-only queries over the catalog loaded in the database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.catalog.examples import example_mention
from bot.db import get_engine, session_scope
from bot.models import Credential, FaqEntry, InstitutionSetting, SupportResource


@dataclass(frozen=True)
class StackTarget:
    """What a credential counts toward: a catalog credential, or a degree outside the catalog."""

    credential: Credential | None
    degree: str | None
    credits: float | None

    @property
    def name(self) -> str:
        return self.credential.name if self.credential else self.degree or ""


@dataclass(frozen=True)
class CredentialName:
    """What name resolution needs of a credential (``bot.catalog.resolve.Named``)."""

    id: str
    name: str
    type: str
    alias_names: tuple[str, ...]
    #: Its name in the knowledge base's other languages (``translations``).
    translated_names: tuple[str, ...] = ()


#: The institution-settings key whose value changes with every load of the catalog.
VERSION_KEY = "catalog_version"


@dataclass(frozen=True)
class CatalogSnapshot:
    """The credentials of one catalog load, detached from the database with all they refer to."""

    credentials: tuple[Credential, ...]
    by_id: dict[str, Credential]
    names: tuple[CredentialName, ...]
    #: For each credential id, the credentials that count toward it, in catalog order.
    stacked_from: dict[str, tuple[Credential, ...]]
    #: The institution's settings (``institution.yml``) written by the same load.
    institution: dict[str, object]

    @classmethod
    def read(cls, session: Session) -> CatalogSnapshot:
        credentials = tuple(session.scalars(select(Credential).order_by(Credential.position)))
        stacked_from: dict[str, list[Credential]] = {}
        for credential in credentials:
            for link in credential.stacking_links:
                if link.target_credential_id:
                    stacked_from.setdefault(link.target_credential_id, []).append(credential)
        return cls(
            credentials=credentials,
            by_id={c.id: c for c in credentials},
            names=tuple(
                CredentialName(c.id, c.name, c.type, tuple(c.alias_names), tuple(c.translated_names))
                for c in credentials
            ),
            stacked_from={target: tuple(feeders) for target, feeders in stacked_from.items()},
            institution={
                row.key: row.value
                for row in session.scalars(
                    select(InstitutionSetting).where(InstitutionSetting.key != VERSION_KEY)
                )
            },
        )


#: The latest snapshot by (database, catalog version): every turn reads the catalog, and it
#: only changes when the loader writes a new version.
_SNAPSHOTS: dict[tuple[str, str], CatalogSnapshot] = {}


_VERSION = select(InstitutionSetting.value).where(InstitutionSetting.key == VERSION_KEY)


def _snapshot(engine: Engine) -> CatalogSnapshot:
    """The snapshot of the catalog version the database holds now; its version is read with one
    query on a connection (a fifth of what an ORM session's look-up costs, on every action)."""
    with engine.connect() as connection:
        version = connection.execute(_VERSION).scalar()
    key = (str(engine.url), version)
    if version is None or key not in _SNAPSHOTS:
        with session_scope(engine) as session:
            snapshot = CatalogSnapshot.read(session)
        if version is None:  # a database the loader never wrote: nothing to key a copy on
            return snapshot
        _SNAPSHOTS.clear()
        _SNAPSHOTS[key] = snapshot
    return _SNAPSHOTS[key]


class Catalog:
    """The catalog as the actions see it. Credentials come from a snapshot taken once per
    catalog load, checked against the database's catalog version the first time this
    object is asked (one ``Catalog`` serves one action run)."""

    def __init__(self, engine: Engine | None = None):
        self.engine = engine
        self._current: CatalogSnapshot | None = None

    def snapshot(self) -> CatalogSnapshot:
        if self._current is None:
            self._current = _snapshot(self.engine or get_engine())
        return self._current

    def credentials(self) -> tuple[Credential, ...]:
        """Every credential, in catalog order."""
        return self.snapshot().credentials

    def names(self) -> tuple[CredentialName, ...]:
        """Every credential's id, name, type and aliases, in catalog order."""
        return self.snapshot().names

    def example_mention(self) -> str:
        """A credential of this catalog as a learner would name it ("the GIS badge")."""
        return example_mention((n.name, n.alias_names, n.type) for n in self.names())

    def get(self, credential_id: str) -> Credential | None:
        return self.snapshot().by_id.get(credential_id)

    def get_many(self, credential_ids: list[str]) -> list[Credential]:
        """The named credentials, in the order given; unknown ids are left out."""
        by_id = self.snapshot().by_id
        return [by_id[i] for i in credential_ids if i in by_id]

    def stacks_into(self, credential: Credential) -> list[StackTarget]:
        by_id = self.snapshot().by_id
        return [
            StackTarget(by_id.get(link.target_credential_id), link.degree, link.credits)
            for link in credential.stacking_links
        ]

    def stacks_from(self, credential_id: str) -> list[Credential]:
        """The credentials that count toward ``credential_id``."""
        return list(self.snapshot().stacked_from.get(credential_id, ()))

    def faq_entries(self) -> list[FaqEntry]:
        with session_scope(self.engine) as session:
            return list(session.scalars(select(FaqEntry).order_by(FaqEntry.key)))

    def faq_answer(self, key: str) -> FaqEntry | None:
        with session_scope(self.engine) as session:
            return session.get(FaqEntry, key)

    def support_resources(self) -> list[SupportResource]:
        with session_scope(self.engine) as session:
            return list(session.scalars(select(SupportResource).order_by(SupportResource.id)))

    def institution(self) -> dict:
        """The institution's settings, from the snapshot of the current load (a copy): the
        fields of ``institution.yml`` with their defaults, ``languages`` (its first is the one
        the knowledge base is written in) and ``translations`` ({language: {field: text}})."""
        return dict(self.snapshot().institution)
