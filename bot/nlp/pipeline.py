"""Build, save and load the project's spaCy pipeline.

No pretrained spaCy model exists for 3.4 here, so the pipeline starts from
``spacy.blank("en")``: a lookup lemmatizer (tables from ``spacy-lookups-data``, saved with
the model) and an EntityRuler whose patterns are generated from the knowledge base, so a
new credential is recognised after a rebuild. Rasa's ``SpacyNLP`` loads the saved folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler

from bot.config import BUILD_DIR
from bot.nlp.vocabulary import CREDENTIAL_MODELS, CREDENTIAL_TYPES, DELIVERY_FORMATS, phrases

MODEL_DIR = BUILD_DIR / "spacy_model"


def blank_with_lemmatizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _phrase_pattern(label: str, phrase: str, entity_id: str) -> dict:
    """A phrase pattern; the ruler matches it case-insensitively (``phrase_matcher_attr``)."""
    return {"label": label, "pattern": phrase, "id": entity_id}


def entity_patterns(credentials: list[dict]) -> list[dict]:
    """EntityRuler patterns for credential names (in every language) and aliases, types, models
    and formats."""
    patterns = []
    for item in credentials:
        for phrase in [item["name"], *item["aliases"], *item["translated_names"]]:
            patterns.append(_phrase_pattern("credential", phrase, item["id"]))
        for skill in item["skills"]:
            patterns.append(_phrase_pattern("skill", skill, skill.lower()))
    for label, vocabulary in (
        ("credential_type", CREDENTIAL_TYPES),
        ("credential_model", CREDENTIAL_MODELS),
        ("delivery_format", DELIVERY_FORMATS),
    ):
        for key in vocabulary:
            for phrase in phrases(vocabulary, key):
                patterns.append(_phrase_pattern(label, phrase, key))
    return _deduplicate(patterns)


def _deduplicate(patterns: list[dict]) -> list[dict]:
    """Keep the first pattern for each phrase (a credential name beats a skill)."""
    seen, out = set(), []
    for pattern in patterns:
        key = pattern["pattern"].lower()
        if key not in seen:
            seen.add(key)
            out.append(pattern)
    return out


def build_pipeline(credentials: list[dict], output: Path = MODEL_DIR) -> Path:
    """Build the pipeline for this catalog and save it to ``output``."""
    nlp = blank_with_lemmatizer()
    ruler = cast(EntityRuler, nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"}))
    ruler.add_patterns(entity_patterns(credentials))
    nlp.meta["name"] = "microcred_pipeline"
    nlp.meta["description"] = "Blank English, lookup lemmatizer, catalog entity patterns"
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


@lru_cache(maxsize=1)
def lemmatizer() -> Language:
    """The saved pipeline's tokenizer and lemmatizer, or a fresh blank one before the first build."""
    if (MODEL_DIR / "config.cfg").exists():
        return spacy.load(MODEL_DIR, exclude=["entity_ruler"])
    return blank_with_lemmatizer()


def lemmas(text: str) -> list[str]:
    """Lower-case lemmas of the alphanumeric tokens of ``text``."""
    return [t.lemma_.lower() for t in lemmatizer()(text) if t.is_alpha or t.is_digit]
