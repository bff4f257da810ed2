"""One-line reasons for a recommendation, built only from catalog facts that matched the goal,
said in the conversation's language (``recommend.reasons`` messages, Babel's lists and money)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.catalog.localized import localized
from bot.i18n import formats, t
from bot.nlp.vocabulary import CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, label
from bot.recommend.goals import Goal
from bot.recommend.learner import LearnerContext
from bot.recommend.offers import Offer

#: How many skills, careers or words one reason names at most.
SHOWN = 2


@dataclass(frozen=True)
class Evidence:
    """The parts of a credential's catalog entry that matched a goal."""

    skills: list[str] = field(default_factory=list)
    careers: list[str] = field(default_factory=list)
    #: Skills matched through a synonym rather than the learner's own words.
    related_skills: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    #: Any matched words, as the catalog wrote them, when no whole phrase matched.
    words: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.skills or self.careers or self.related_skills or self.requirements or self.words)


def what_it_offers(offer: Offer, evidence: Evidence) -> str | None:
    """ "teaches SQL and Excel for data analyst roles" from the matched facts, or None."""
    careers = evidence.careers[:SHOWN]
    skills = (evidence.skills or (list(offer.skills) if careers else evidence.related_skills))[:SHOWN]
    if skills and careers:
        return t("recommend.reasons.teaches_for", skills=formats.join(skills), careers=formats.join(careers))
    if skills:
        return t("recommend.reasons.teaches", skills=formats.join(skills))
    if evidence.requirements:
        return t("recommend.reasons.includes", requirement=_requirement(offer, evidence.requirements[0]))
    if evidence.words:
        return t("recommend.reasons.covers", words=formats.join(evidence.words[:SHOWN]))
    return None


def reason(
    offer: Offer,
    evidence: Evidence,
    goal: Goal,
    learner: LearnerContext,
    offers: dict[str, Offer],
    before: tuple[Offer, Evidence] | None = None,
    next_step_toward: Offer | None = None,
) -> str:
    """Why ``offer`` fits, in the conversation's language: what it teaches, where it leads,
    and the constraints it meets."""
    parts = []
    own = what_it_offers(offer, evidence)
    if own:
        parts.append(own)
    if before:
        target, target_evidence = before
        leads = what_it_offers(target, target_evidence)
        first = "recommend.reasons.first_leads" if leads else "recommend.reasons.first"
        parts.append(t(first, target=localized(target, "name"), leads=leads))
    elif next_step_toward and next_step_toward.id != offer.id:
        parts.append(t("recommend.reasons.next_step_toward", target=localized(next_step_toward, "name")))
    elif next_step_toward:
        parts.append(t("recommend.reasons.next_step"))
    elif offer.stacks_into and offer.stacks_into[0] in offers:
        parts.append(
            t("recommend.reasons.stacks_into", target=localized(offers[offer.stacks_into[0]], "name"))
        )
    elif offer.degrees:
        parts.append(t("recommend.reasons.counts_toward", degree=offer.degrees[0]))
    facts = _constraint_facts(offer, goal, learner)
    if not own and not before:
        parts.insert(
            0,
            t(
                "recommend.reasons.start_here",
                level=label(LEVELS, offer.level),
                type=label(CREDENTIAL_TYPES, offer.type),
            ),
        )
        facts = list(dict.fromkeys([label(DELIVERY_FORMATS, offer.format), _price(offer), *facts]))
    if facts:
        parts.append(formats.join(facts))
    if not learner.signed_in and not offer.open_to_public:
        parts.append(t("recommend.reasons.enrolled_only"))
    text = t("recommend.reasons.separator").join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _requirement(offer: Offer, title: str) -> str:
    """A requirement title of ``offer``, as the catalog wrote it, in the conversation's language."""
    requirement = next((r for r in offer.requirements if r.title == title), None)
    return localized(requirement, "title") if requirement else title


def _price(offer: Offer) -> str:
    return formats.money(offer.cost_amount, offer.cost_currency)


def _constraint_facts(offer: Offer, goal: Goal, learner: LearnerContext) -> list[str]:
    wanted = goal.constraints
    facts = []
    if offer.cost_amount == 0 or wanted.max_cost is not None:
        facts.append(_price(offer))
    if wanted.formats is not None:
        facts.append(label(DELIVERY_FORMATS, offer.format))
    if wanted.max_hours_per_week is not None:
        facts.append(t("recommend.reasons.hours", offer.workload_hours_per_week))
    if offer.open_to_public and (wanted.open_to_public or not learner.signed_in) and offer.model == "open":
        facts.append(t("recommend.reasons.open_to_anyone"))
    return facts
