"""One-line reasons for a recommendation, built only from catalog facts that matched the goal."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.nlp.vocabulary import CREDENTIAL_TYPES, DELIVERY_FORMATS, LEVELS, label
from bot.recommend.goals import Goal
from bot.recommend.learner import LearnerContext
from bot.recommend.offers import Offer
from bot.replies.formatting import money

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


def join(items: list[str]) -> str:
    """["a"] -> "a"; ["a", "b"] -> "a and b"; ["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def what_it_offers(offer: Offer, evidence: Evidence) -> str | None:
    """ "teaches SQL and Excel for data analyst roles" from the matched facts, or None."""
    careers = evidence.careers[:SHOWN]
    skills = (evidence.skills or (list(offer.skills) if careers else evidence.related_skills))[:SHOWN]
    if skills and careers:
        return f"teaches {join(skills)} for {join(careers)} roles"
    if skills:
        return f"teaches {join(skills)}"
    if evidence.requirements:
        return f"includes {evidence.requirements[0]}"
    if evidence.words:
        return f"covers {join(evidence.words[:SHOWN])}"
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
    """Why ``offer`` fits: what it teaches, where it leads, and the constraints it meets."""
    parts = []
    own = what_it_offers(offer, evidence)
    if own:
        parts.append(own)
    if before:
        target, target_evidence = before
        leads = what_it_offers(target, target_evidence)
        parts.append(f"take it first: the {target.name} requires it" + (f" and {leads}" if leads else ""))
    elif next_step_toward and next_step_toward.id != offer.id:
        parts.append(f"your next step toward the {next_step_toward.name}")
    elif next_step_toward:
        parts.append("the next step on the pathway you have started")
    elif offer.stacks_into and offer.stacks_into[0] in offers:
        parts.append(f"stacks into the {offers[offer.stacks_into[0]].name}")
    elif offer.degrees:
        parts.append(f"counts toward the {offer.degrees[0]}")
    facts = _constraint_facts(offer, goal, learner)
    if not own and not before:
        parts.insert(
            0, f"a good place to start: {label(LEVELS, offer.level)} {label(CREDENTIAL_TYPES, offer.type)}"
        )
        facts = list(dict.fromkeys([label(DELIVERY_FORMATS, offer.format), _price(offer), *facts]))
    if facts:
        parts.append(join(facts))
    if not learner.signed_in and not offer.open_to_public:
        parts.append("only for enrolled students")
    text = "; ".join(part for part in parts if part)
    return text[:1].upper() + text[1:]


def _price(offer: Offer) -> str:
    return money(offer.cost_amount, offer.cost_currency)


def _constraint_facts(offer: Offer, goal: Goal, learner: LearnerContext) -> list[str]:
    wanted = goal.constraints
    facts = []
    if offer.cost_amount == 0 or wanted.max_cost is not None:
        facts.append(_price(offer))
    if wanted.formats is not None:
        facts.append(label(DELIVERY_FORMATS, offer.format))
    if wanted.max_hours_per_week is not None:
        facts.append(f"{offer.workload_hours_per_week} hours a week")
    if offer.open_to_public and (wanted.open_to_public or not learner.signed_in) and offer.model == "open":
        facts.append("open to anyone")
    return facts
