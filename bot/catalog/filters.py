"""Filters for "what credentials do you offer?": type, model, topic, and the learner's constraints.

Constraints in the learner's words ("free", "online", "open to the public", a budget) are
read by ``bot.recommend.constraints``, the same reader recommendations use.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.catalog.vocabulary import CREDENTIAL_MODELS, CREDENTIAL_TYPES, label, phrases
from bot.models import Credential
from bot.nlp.pipeline import lemmas
from bot.recommend.constraints import Constraints, formats_for, parse_constraints


@dataclass
class CatalogFilter:
    types: set[str]
    models: set[str]
    topics: list[str]
    constraints: Constraints

    def matches(self, credential: Credential) -> bool:
        return (
            (not self.types or credential.type in self.types)
            and (not self.models or credential.model in self.models)
            and self.constraints.allows(credential)
            and all(topic_matches(topic, credential) for topic in self.topics)
        )

    def describe(self) -> str:
        """A phrase for the answer: "free online certificates about data"."""
        nouns = [label(CREDENTIAL_TYPES, t) + "s" for t in sorted(self.types)] or ["credentials"]
        words = [*(label(CREDENTIAL_MODELS, m) for m in sorted(self.models)), " and ".join(nouns)]
        phrase = " ".join(words)
        if self.topics:
            phrase += " about " + " and ".join(self.topics)
        wanted = self.constraints.describe()
        return phrase + (" (" + ", ".join(wanted) + ")" if wanted else "")


def _credential_terms(credential: Credential) -> set[str]:
    text = " ".join(
        [credential.name, credential.description, credential.provider, *credential.skills, *credential.careers]
    )
    return set(lemmas(text))


def topic_matches(topic: str, credential: Credential) -> bool:
    """True when every content word of ``topic`` appears (lemmatised) in the credential's text."""
    wanted = {w for w in lemmas(topic) if len(w) > 2}
    return bool(wanted) and wanted <= _credential_terms(credential)


def normalise(values: list[str], vocabulary: dict) -> set[str]:
    """Map entity values (keys, labels or synonyms) onto vocabulary keys; unknown values are dropped."""
    table = {}
    for key in vocabulary:
        for phrase in [key, *phrases(vocabulary, key)]:
            table[phrase.lower()] = key
    return {table[v.lower()] for v in values if v and v.lower() in table}


def catalog_filter(text: str, types: list[str], models: list[str], formats: list[str], topics: list[str]) -> CatalogFilter:
    """The filter a list request asks for, from its entities and its wording."""
    constraints = parse_constraints(text)
    named_formats = frozenset().union(*(formats_for(f) or frozenset() for f in formats))
    if named_formats:
        constraints = constraints.merge(Constraints(formats=named_formats))
    model_keys = normalise(models, CREDENTIAL_MODELS)
    if constraints.open_to_public:
        # "open to the public" is about who may enrol, not the open credential model.
        model_keys.discard("open")
    return CatalogFilter(
        types=normalise(types, CREDENTIAL_TYPES),
        models=model_keys,
        topics=[t for t in topics if not normalise([t], CREDENTIAL_TYPES) and not normalise([t], CREDENTIAL_MODELS)],
        constraints=constraints,
    )
