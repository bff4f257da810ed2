"""Rank catalog credentials against a learner's goal, and say why each fits.

Every credential is indexed by the stems of what the catalog says about it, field by field
(careers and skills weigh most, then the name, requirement titles, the description). A goal's
stems, after typo correction and synonym expansion, score each credential by the inverse
document frequency of the stems it matches. Constraints filter; the learner context leaves
out what they hold, puts prerequisites first and favours the next step on their pathway; an
anonymous learner is steered to credentials open to the public.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from bot.recommend.goals import Goal
from bot.recommend.index import CatalogIndex, Document, IndexedPhrase
from bot.recommend.learner import ANONYMOUS, LearnerContext
from bot.recommend.offers import Offer
from bot.recommend.reasons import Evidence, reason
from bot.recommend.synonyms import Match, Synonyms
from bot.recommend.terms import is_content, stem

FIELD_WEIGHTS = {
    "careers": 3.0,
    "skills": 3.0,
    "name": 2.5,
    "aliases": 2.0,
    "requirements": 1.5,
    "description": 1.0,
}
#: Fields of short phrases ("nursing data analysis"), whose weight for a stem is scaled by the
#: share of the phrase the goal covers, never below this floor.
QUALIFIED_FIELDS = ("careers", "skills")
MIN_PHRASE_SHARE = 0.3
#: A stem found in several fields counts fully in the best one, partly in the others.
OTHER_FIELD_SHARE = 0.3
#: Extra weight when a whole multi-word career or skill ("data analyst") is matched.
PHRASE_BONUS = 0.5
#: Weight of a stem that came from a synonym or a typo correction rather than the learner.
SYNONYM_WEIGHT = 0.7
TYPO_WEIGHT = 0.8
#: Score factors for the learner context and stated preferences.
NOT_OPEN_FACTOR = 0.4
NEXT_STEP_FACTOR = 1.6
TYPE_FACTOR = 1.2
#: A prerequisite recommended in place of a credential inherits this share of its score.
PREREQUISITE_SHARE = 0.8
#: Scores for a goal that names no topic ("something free"): starting points first.
STARTING_POINT_SCORES = {"introductory": 1.2, "intermediate": 1.0, "advanced": 1.0}
#: Below this relevance nothing fits; below this share of the best, a match is noise.
MIN_RELEVANCE = 2.0
RELATIVE_CUTOFF = 0.4
#: A phrase is "matched" (named in the reason) when its matched stems carry this share of it.
PHRASE_MATCH_SHARE = 0.5


@dataclass(frozen=True)
class Recommendation:
    offer: Offer
    reason: str


@dataclass(frozen=True)
class RecommendationResult:
    goal: Goal
    recommendations: tuple[Recommendation, ...]

    @property
    def no_match(self) -> bool:
        return not self.recommendations

    @property
    def ids(self) -> list[str]:
        return [r.offer.id for r in self.recommendations]


@dataclass(frozen=True)
class GoalTerms:
    """A goal as stems: single words, and synonym groups (alternative phrases with weights)."""

    singles: dict[str, float]
    groups: tuple[tuple[tuple[set[str], float], ...], ...]
    #: Stems the learner actually wrote: a catalog phrase is named in a reason only for these.
    said: frozenset[str]

    @cached_property
    def all_stems(self) -> frozenset[str]:
        """Every stem of the goal (computed once: each credential's score reads it many times)."""
        return frozenset(self.singles).union(s for group in self.groups for stems, _ in group for s in stems)


@dataclass
class _Candidate:
    offer: Offer
    score: float
    evidence: Evidence
    #: Whether it meets the goal's constraints (if not, it can only lead to its prerequisites).
    allowed: bool = True
    #: The credential this one is a prerequisite of, with what matched the goal there.
    before: tuple[Offer, Evidence] | None = None
    next_step_toward: Offer | None = None


class Ranker:
    """Scores one catalog against goals; build once per catalog."""

    def __init__(self, offers: list[Offer], synonyms: Synonyms):
        self.offers = {offer.id: offer for offer in offers}
        self.synonyms = synonyms
        self.index = CatalogIndex(offers, synonyms.lemmas)

    # --- the goal's terms -------------------------------------------------------------

    def terms(self, goal: Goal) -> GoalTerms:
        """The goal's stems: the learner's words (typos fixed) and the synonym groups they hit."""
        sequence = [self.index.correct(lemma) for lemma in goal.words]
        matches = self.synonyms.matches(sequence)
        in_phrases = {i for m in matches for i in range(m.start, m.end)}
        singles: dict[str, float] = {}

        def focus_of(match: Match) -> float:
            return max(goal.weights[match.start : match.end])

        for position, (original, lemma, focus) in enumerate(
            zip(goal.words, sequence, goal.weights, strict=False)
        ):
            if is_content(lemma) and position not in in_phrases:
                weight = focus * (1.0 if lemma == original else TYPO_WEIGHT)
                singles[stem(lemma)] = max(singles.get(stem(lemma), 0.0), weight)
        groups = tuple(
            tuple(
                (phrase.stems, focus_of(match) * (1.0 if phrase == match.phrase else SYNONYM_WEIGHT))
                for phrase in match.group
                if phrase.stems
            )
            for match in matches
        )
        said = frozenset(singles) | frozenset(s for m in matches for s in m.phrase.stems)
        return GoalTerms(singles, groups, said)

    # --- scoring ------------------------------------------------------------------------

    def _contribution(self, document: Document, s: str, goal: set[str] | frozenset[str]) -> float:
        hits = sorted(
            (
                self._field_weight(document, name, s, goal)
                for name, stems in document.stems.items()
                if s in stems
            ),
            reverse=True,
        )
        return self.index.idf[s] * (hits[0] + OTHER_FIELD_SHARE * sum(hits[1:])) if hits else 0.0

    def _field_weight(self, document: Document, name: str, s: str, goal: set[str] | frozenset[str]) -> float:
        """A field's weight for stem ``s``; in careers and skills, scaled by how much of the
        best phrase holding ``s`` the goal covers, so that a shared generic word ("data" in
        "nursing data analysis") does not carry a goal into another field."""
        if name not in QUALIFIED_FIELDS:
            return FIELD_WEIGHTS[name]
        share = max(self._covered(phrase, goal) for phrase in document.fields[name] if s in phrase.stems)
        return FIELD_WEIGHTS[name] * max(share, MIN_PHRASE_SHARE)

    def _covered(self, phrase: IndexedPhrase, stems: set[str] | frozenset[str]) -> float:
        """The share of a catalog phrase's meaning (its stems' rarity) that ``stems`` hold."""
        total = sum(self.index.idf[s] for s in phrase.stems)
        return sum(self.index.idf[s] for s in phrase.stems if s in stems) / total if total else 0.0

    def _phrase_score(self, document: Document, stems: set[str], goal: set[str] | frozenset[str]) -> float:
        """A phrase's matched words, scaled by the share of the phrase that matched."""
        contributions = [self._contribution(document, s, goal) for s in stems]
        return sum(contributions) * sum(1 for c in contributions if c) / len(contributions)

    def relevance(self, document: Document, terms: GoalTerms) -> float:
        """How well one credential matches the goal.

        Each word counts once; a synonym group counts as its best-matching phrase, so
        "analyst", "analytics" and "analysis" do not add up to three matches; a career, skill
        or name phrase the goal holds whole counts again.
        """
        goal = terms.all_stems
        score = sum(weight * self._contribution(document, s, goal) for s, weight in terms.singles.items())
        for group in terms.groups:
            score += max(self._phrase_score(document, stems, goal) * weight for stems, weight in group)
        for name in ("careers", "skills", "name"):
            for phrase in document.fields[name]:
                if len(phrase.stems) > 1 and phrase.stems <= goal:
                    score += PHRASE_BONUS * FIELD_WEIGHTS[name] * sum(self.index.idf[s] for s in phrase.stems)
        return score

    def evidence(self, document: Document, terms: GoalTerms) -> Evidence:
        """The catalog facts of one credential that matched the goal (for its reason): only for
        the credentials relevant enough to be candidates, since it reads every phrase."""
        goal = terms.all_stems
        said = {
            name: [p for p in document.fields[name] if self._matched(p, terms.said)]
            for name in ("skills", "careers")
        }
        related = {
            name: [p for p in document.fields[name] if self._matched(p, goal)]
            for name in ("skills", "requirements")
        }
        words: dict[str, str] = {}
        for stems in (terms.said, goal):
            for phrases in document.fields.values():
                for phrase in phrases:
                    for s, w in phrase.words.items():
                        if s in stems and is_content(w):
                            words.setdefault(s, w)
        return Evidence(
            skills=[p.text for p in said["skills"]],
            careers=[p.text for p in said["careers"]],
            related_skills=[p.text for p in related["skills"] if p not in said["skills"]],
            requirements=[p.text for p in related["requirements"]],
            words=list(words.values()),
        )

    def _matched(self, phrase: IndexedPhrase, stems: set[str] | frozenset[str]) -> bool:
        """Whether ``stems`` cover most of a catalog phrase (to name it in a reason)."""
        return self._covered(phrase, stems) >= PHRASE_MATCH_SHARE

    def recommend(
        self, goal: Goal, learner: LearnerContext = ANONYMOUS, limit: int = 3
    ) -> RecommendationResult:
        """The best ``limit`` credentials for the goal, each with its reason; none when nothing fits.

        A credential the constraints rule out can still point to its prerequisites: a beginner
        asking about machine learning is told to start with the programming badge it requires.
        """
        terms = self.terms(goal) if goal.has_topic else None
        candidates: dict[str, _Candidate] = {}
        for document in self.index.documents:
            offer = document.offer
            allowed = goal.constraints.allows(offer)
            if offer.id in learner.started or (terms is None and not allowed):
                continue
            if terms is not None:
                score = self.relevance(document, terms)
                if score < MIN_RELEVANCE:
                    continue
                evidence = self.evidence(document, terms)
            else:
                score, evidence = STARTING_POINT_SCORES.get(offer.level, 1.0), Evidence()
            candidates[offer.id] = _Candidate(
                offer, self._adjusted(score, offer, goal, learner), evidence, allowed
            )
        self._mark_next_steps(candidates, learner)
        self._prerequisites_first(candidates, goal, learner, terms)
        order = {offer_id: n for n, offer_id in enumerate(self.offers)}
        ranked = sorted(
            (c for c in candidates.values() if c.allowed), key=lambda c: (-c.score, order[c.offer.id])
        )
        best = ranked[0].score if ranked else 0.0
        chosen = [c for c in ranked if c.score >= RELATIVE_CUTOFF * best][:limit]
        return RecommendationResult(
            goal,
            tuple(
                Recommendation(
                    c.offer,
                    reason(c.offer, c.evidence, goal, learner, self.offers, c.before, c.next_step_toward),
                )
                for c in chosen
            ),
        )

    def _adjusted(self, score: float, offer: Offer, goal: Goal, learner: LearnerContext) -> float:
        if offer.type in goal.preferred_types:
            score *= TYPE_FACTOR
        if not learner.signed_in and not offer.open_to_public:
            score *= NOT_OPEN_FACTOR
        return score

    def _mark_next_steps(self, candidates: dict[str, _Candidate], learner: LearnerContext) -> None:
        """Favour what continues a pathway the learner is on: its target, its other parts,
        and what their earned credentials unlock."""
        started = [self.offers[i] for i in learner.started if i in self.offers]
        targets = {t for offer in started for t in offer.stacks_into}
        for candidate in candidates.values():
            offer = candidate.offer
            toward = next((t for t in offer.stacks_into if t in targets), None)
            if offer.id in targets or toward or set(offer.prerequisite_ids) & learner.earned:
                candidate.score *= NEXT_STEP_FACTOR
                target = toward or (offer.id if offer.id in targets else None)
                candidate.next_step_toward = self.offers[target] if target else None

    def _prerequisites_first(
        self, candidates: dict[str, _Candidate], goal: Goal, learner: LearnerContext, terms: GoalTerms | None
    ) -> None:
        """Replace a credential whose prerequisites are not earned by the ones to take first."""
        documents = {document.offer.id: document for document in self.index.documents}
        for candidate in list(candidates.values()):
            if not self._unmet(candidate.offer, learner):
                continue
            del candidates[candidate.offer.id]
            for first in self._first_steps(candidate.offer, learner):
                if not goal.constraints.allows(first):
                    continue
                inherited = candidate.score * PREREQUISITE_SHARE
                before = (candidate.offer, candidate.evidence)
                current = candidates.get(first.id)
                if current is None:
                    evidence = self.evidence(documents[first.id], terms) if terms is not None else Evidence()
                    candidates[first.id] = _Candidate(first, inherited, evidence, before=before)
                elif inherited > current.score:
                    current.score, current.before = inherited, before

    def _unmet(self, offer: Offer, learner: LearnerContext) -> list[Offer]:
        return [
            self.offers[p] for p in offer.prerequisite_ids if p not in learner.earned and p in self.offers
        ]

    def _first_steps(self, offer: Offer, learner: LearnerContext) -> list[Offer]:
        steps: list[Offer] = []
        for prerequisite in self._unmet(offer, learner):
            if prerequisite.id in learner.started:
                continue
            deeper = (
                self._first_steps(prerequisite, learner)
                if self._unmet(prerequisite, learner)
                else [prerequisite]
            )
            steps.extend(s for s in deeper if s not in steps)
        return steps
