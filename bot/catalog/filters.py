"""Filters for "what credentials do you offer?": type, model, topic, and the learner's constraints.

Constraints in the learner's words ("free", "online", "open to the public", a budget) are
read by ``bot.catalog.constraints``, the same reader recommendations use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.catalog.constraints import Constraints, formats_for, split_constraints
from bot.i18n import t
from bot.i18n.formats import join
from bot.models import Credential
from bot.nlp.pipeline import lemmas
from bot.nlp.vocabulary import CREDENTIAL_MODELS, CREDENTIAL_TYPES, LEVELS, label, phrases, plural_label


@dataclass
class CatalogFilter:
    types: set[str]
    models: set[str]
    topics: list[str]
    constraints: Constraints
    #: The topics were read from the wording ("anything in cybersecurity?"), not tagged by
    #: the NLU: they narrow the list only when some credential matches them.
    topics_from_text: bool = False

    def apply(self, credentials: Sequence[Credential]) -> list[Credential]:
        """The credentials that match, those naming the topic first."""
        matching = [c for c in credentials if self.matches(c)]
        if not matching and self.topics_from_text:
            return replace(self, topics=[], topics_from_text=False).apply(credentials)
        named = {
            c.id
            for c in matching
            if self.topics and all(topic_matches(t, c, names_only=True) for t in self.topics)
        }
        return sorted(matching, key=lambda c: c.id not in named)

    def matches(self, credential: Credential) -> bool:
        return (
            (not self.types or credential.type in self.types)
            and (not self.models or credential.model in self.models)
            and self.constraints.allows(credential)
            and all(topic_matches(topic, credential) for topic in self.topics)
        )

    def describe(self) -> str:
        """A phrase for the answer, in the conversation's language: "stackable certificates
        about data (free, online)"."""
        phrase = join([plural_label(k) for k in sorted(self.types)]) or t("listing.credentials")
        if self.models:
            models = join([label(CREDENTIAL_MODELS, m) for m in sorted(self.models)])
            phrase = t("listing.with_models", models=models, kinds=phrase)
        if self.topics:
            phrase = t("listing.about", kinds=phrase, topics=join(self.topics))
        wanted = self.constraints.describe()
        return t("listing.wanted", kinds=phrase, constraints=", ".join(wanted)) if wanted else phrase


def _credential_terms(credential: Credential, names_only: bool = False) -> set[str]:
    if names_only:
        return set(lemmas(credential.name))
    text = " ".join(
        [
            credential.name,
            credential.description,
            credential.provider,
            *credential.skills,
            *credential.careers,
        ]
    )
    return set(lemmas(text))


def topic_matches(topic: str, credential: Credential, names_only: bool = False) -> bool:
    """True when every content word of ``topic`` appears (lemmatised) in the credential's text
    (or only in its name)."""
    wanted = {w for w in lemmas(topic) if len(w) > 2}
    return bool(wanted) and wanted <= _credential_terms(credential, names_only)


_TOPIC_AFTER = re.compile(
    r"\b(?:in|about|on|covering|around|related to|relating to|involving)\s+(?:the\s+|an?\s+)?"
    r"([a-z][\w&+/ -]*?)\s*(?:[?.!,;]|$|\b(?:for|that|which|with|please|or|and)\b)",
    re.IGNORECASE,
)
#: Words around a topic that are not the topic: what is offered, and the schema's own words.
_NOT_TOPIC = {
    "credential",
    "credentials",
    "course",
    "courses",
    "program",
    "programs",
    "programme",
    "programmes",
    "option",
    "options",
    "thing",
    "things",
    "stuff",
    "area",
    "field",
    "subject",
    "catalog",
    "catalogue",
    "offer",
    "offering",
    "offerings",
    "general",
    "particular",
    "any",
    "anything",
    "something",
    "person",
    *(
        w
        for vocabulary in (CREDENTIAL_TYPES, CREDENTIAL_MODELS, LEVELS)
        for key in vocabulary
        for phrase in phrases(vocabulary, key)
        for w in phrase.lower().split()
    ),
}


def topic_in_text(rest: str) -> str | None:
    """The subject a list request names in its own words ("is there anything in cybersecurity?"
    -> "cybersecurity"); ``rest`` is the request with its constraints ("free", "online")
    blanked, as ``split_constraints`` leaves it."""
    found = _TOPIC_AFTER.search(rest)
    if not found:
        return None
    words = [w for w in found.group(1).split() if w.lower() not in _NOT_TOPIC]
    return " ".join(words) or None


def normalise(values: list[str], vocabulary: dict) -> set[str]:
    """Map entity values (keys, labels or synonyms) onto vocabulary keys; unknown values are dropped."""
    table = {}
    for key in vocabulary:
        for phrase in [key, *phrases(vocabulary, key)]:
            table[phrase.lower()] = key
    return {table[v.lower()] for v in values if v and v.lower() in table}


def catalog_filter(
    text: str, types: list[str], models: list[str], formats: list[str], topics: list[str]
) -> CatalogFilter:
    """The filter a list request asks for, from its entities and its wording."""
    constraints, rest = split_constraints(text)
    named_formats = frozenset().union(*(formats_for(f) or frozenset() for f in formats))
    if named_formats:
        constraints = constraints.merge(Constraints(formats=named_formats))
    model_keys = normalise(models, CREDENTIAL_MODELS)
    if constraints.open_to_public:
        # "open to the public" is about who may enrol, not the open credential model.
        model_keys.discard("open")
    topics = [
        t for t in topics if not normalise([t], CREDENTIAL_TYPES) and not normalise([t], CREDENTIAL_MODELS)
    ]
    read = None if topics or text.startswith("/") else topic_in_text(rest)
    return CatalogFilter(
        types=normalise(types, CREDENTIAL_TYPES),
        models=model_keys,
        topics=topics or ([read] if read else []),
        constraints=constraints,
        topics_from_text=read is not None,
    )
