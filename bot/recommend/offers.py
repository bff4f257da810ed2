"""The catalog as plain data for ranking: one ``Offer`` per credential."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bot.models import Credential


@dataclass(frozen=True)
class RequirementTitle:
    """A requirement's title and the knowledge base's translations of it (for ``localized``)."""

    title: str
    translations: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Offer:
    """What the recommender knows about one credential (attribute names as on ``Credential``)."""

    id: str
    name: str
    type: str
    model: str
    level: str
    description: str
    cost_amount: Decimal
    cost_currency: str
    format: str
    workload_hours_per_week: int
    open_to_public: bool
    skills: tuple[str, ...] = ()
    careers: tuple[str, ...] = ()
    requirement_titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    prerequisite_ids: tuple[str, ...] = ()
    #: Catalog credentials this one stacks into, and degrees it counts toward.
    stacks_into: tuple[str, ...] = ()
    degrees: tuple[str, ...] = ()
    #: What a reply says, in the conversation's language (``bot.catalog.localized``): the
    #: knowledge base's translations of the name and description, and the requirements' titles.
    #: The ranking reads only the catalog's own words above.
    translations: dict = field(default_factory=dict, compare=False)
    requirements: tuple[RequirementTitle, ...] = field(default=(), compare=False)


def offer_from_credential(credential: Credential) -> Offer:
    return Offer(
        id=credential.id,
        name=credential.name,
        type=credential.type,
        model=credential.model,
        level=credential.level,
        description=credential.description,
        cost_amount=Decimal(credential.cost_amount),
        cost_currency=credential.cost_currency,
        format=credential.format,
        workload_hours_per_week=credential.workload_hours_per_week,
        open_to_public=credential.open_to_public,
        skills=tuple(credential.skills),
        careers=tuple(credential.careers),
        requirement_titles=tuple(r.title for r in credential.requirements),
        aliases=tuple(credential.alias_names),
        prerequisite_ids=tuple(credential.prerequisite_ids),
        stacks_into=tuple(
            link.target_credential_id for link in credential.stacking_links if link.target_credential_id
        ),
        degrees=tuple(link.degree for link in credential.stacking_links if link.degree),
        translations=credential.translations or {},
        requirements=tuple(RequirementTitle(r.title, r.translations or {}) for r in credential.requirements),
    )
