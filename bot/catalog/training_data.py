"""Generate the catalog-dependent NLU data and the spaCy pipeline from the knowledge base.

``python -m bot nlu build`` writes, under ``build/``:

- ``nlu/catalog_generated.yml``: intent examples that name the catalog's credentials, careers
  and skills (the templates in ``bot/catalog/templates.yml`` filled from the catalog) and the FAQ's
  own questions, entity synonyms (every credential name, translated name and alias maps to
  its id; type, model, format and attribute words to their keys), lookup tables of credential names
  and skills, and every response of the assistant: those of ``bot/catalog/responses.yml`` with
  their texts in each language of ``institution.yml`` (``bot/i18n/locales/<lang>/responses.yml``,
  filled from ``institution.yml`` and the catalog) and the ``utter_faq/<key>`` answers of
  ``knowledge_base/faq.yml`` with their translations; one variation per language, chosen by the
  ``language`` slot;
- ``spacy_model/``: the spaCy pipeline with the catalog's entity patterns.

Nothing here is hand-copied: edit the knowledge base, rebuild, retrain.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.catalog.examples import example_index, example_mention
from bot.catalog.institution import Institution
from bot.catalog.loader import KnowledgeBase, read_knowledge_base
from bot.config import BUILD_DIR
from bot.i18n import t, use_language
from bot.i18n.messages import REFERENCE
from bot.nlp.pipeline import MODEL_DIR, build_pipeline
from bot.nlp.vocabulary import ATTRIBUTES, CREDENTIAL_MODELS, CREDENTIAL_TYPES, DELIVERY_FORMATS, phrases

NLU_OUTPUT = BUILD_DIR / "nlu" / "catalog_generated.yml"
TEMPLATES = Path(__file__).with_name("templates.yml")
#: Every response and its buttons' payloads; their texts are ``responses.*`` of ``bot.i18n``.
RESPONSE_BUTTONS = Path(__file__).with_name("responses.yml")
#: The response that stands for every ``utter_faq/<key>`` (its buttons).
FAQ_RESPONSE = "utter_faq"
#: The slot that holds the conversation's language (domain.yml), which variations are chosen by.
LANGUAGE_SLOT = "language"
#: How many catalog entries fill each credential template.
FILLS_PER_TEMPLATE = 2


class _Rotation:
    """Hands out a catalog's phrases in turn, so the templates spread over the whole catalog."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups, self.turn = [g for g in groups if g], 0

    def next(self) -> str:
        group = self.groups[self.turn % len(self.groups)]
        phrase = group[(self.turn // len(self.groups)) % len(group)]
        self.turn += 1
        return phrase


def _fill(template: str, placeholder: str, rotation: _Rotation) -> str:
    while placeholder in template:
        template = template.replace(placeholder, rotation.next(), 1)
    return template


def intent_examples(kb: KnowledgeBase) -> list[dict]:
    """Intent examples naming this catalog's credentials, careers and skills."""
    templates = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    credentials = _Rotation([[item["name"], *item["aliases"]] for item in kb.credentials])
    careers = sorted({c for item in kb.credentials for c in item.get("careers", [])}, key=str.lower)
    skills = sorted({s for item in kb.credentials for s in item["skills"]}, key=str.lower)
    blocks = []
    for intent, forms in templates.items():
        if isinstance(forms, dict):  # recommend_credentials: every career and skill in a template
            examples = [
                forms["career"][i % len(forms["career"])].replace("{career}", c)
                for i, c in enumerate(careers)
            ]
            examples += [
                forms["skill"][i % len(forms["skill"])].replace("{skill}", s) for i, s in enumerate(skills)
            ]
            examples += [f"[{s}](skill)" for s in skills]  # a bare subject is a goal too ("data science")
        else:
            examples = [
                _fill(t, "{credential}", credentials) for t in forms for _ in range(FILLS_PER_TEMPLATE)
            ]
        if examples and credentials.groups:
            blocks.append(
                {"intent": intent, "examples": "".join(f"- {e}\n" for e in dict.fromkeys(examples))}
            )
    # Each FAQ entry's own question: the "Did you mean ...?" buttons send it as the learner's message.
    blocks += [{"intent": f"faq/{entry['key']}", "examples": f"- {entry['question']}\n"} for entry in kb.faq]
    return blocks


def _synonym_block(value: str, phrases: list[str]) -> dict:
    variants = sorted({p.lower() for p in phrases if p.lower() != value.lower()})
    return {"synonym": value, "examples": "".join(f"- {v}\n" for v in variants)}


def _languages(kb: KnowledgeBase) -> list[str]:
    return list(kb.institution.get("languages") or [REFERENCE])


def _variation(language: str, first: str, text: str, buttons: dict[str, str], titles: dict) -> dict:
    """One language's variation of a response: the first language's is the default (no
    condition, said while the ``language`` slot is empty), every variation says its language."""
    variation: dict = {"text": " ".join(text.split())}
    if buttons:
        variation["buttons"] = [
            {"title": titles[name], "payload": payload} for name, payload in buttons.items()
        ]
    if language != first:
        variation["condition"] = [{"type": "slot", "name": LANGUAGE_SLOT, "value": language}]
    variation["metadata"] = {"language": language}
    return variation


def _example(kb: KnowledgeBase, language: str) -> str:
    """The example credential of ``bot.catalog.examples`` as ``language`` says it: in English
    as a learner names it ("the GIS badge"), in another language by its name there."""
    listed = [(c["name"], c["aliases"], c["type"]) for c in kb.credentials]
    if language == REFERENCE or not listed:
        return example_mention(listed)
    credential = kb.credentials[example_index(listed)]
    return (credential["translations"].get(language) or {}).get("name") or credential["name"]


def responses(kb: KnowledgeBase) -> dict[str, list[dict]]:
    """Every response, one variation per language of the knowledge base: those of
    ``bot/catalog/responses.yml`` with their texts from ``bot/i18n/locales/<lang>/responses.yml``
    (filled with the institution and an example credential), and ``utter_faq/<key>`` from the
    FAQ, in each language it is translated into."""
    structure = yaml.safe_load(RESPONSE_BUTTONS.read_text(encoding="utf-8"))
    languages = _languages(kb)
    out: dict[str, list[dict]] = {name: [] for name in structure if name != FAQ_RESPONSE}
    out.update({f"{FAQ_RESPONSE}/{entry['key']}": [] for entry in kb.faq})
    first = languages[0]
    for language in languages:
        with use_language(language):
            school, example = Institution.from_settings(kb.institution), _example(kb, language)
            for name, buttons in structure.items():
                titles = {b: t(f"responses.{name}.buttons.{b}") for b in buttons}
                if name != FAQ_RESPONSE:
                    key = f"responses.{name}.text"
                    text = t(key, institution=school.name, short_name=school.short_name, example=example)
                    out[name].append(_variation(language, first, text, buttons, titles))
                    continue
                for entry in kb.faq:
                    translated = entry["translations"].get(language, {}).get("answer")
                    answer = entry["answer"] if language == first else translated
                    if answer:  # untranslated: the default variation says it as written
                        key = f"{FAQ_RESPONSE}/{entry['key']}"
                        out[key].append(_variation(language, first, answer, buttons, titles))
    return out


def training_data(kb: KnowledgeBase) -> dict:
    nlu: list[dict] = intent_examples(kb)
    for item in kb.credentials:
        phrases_of = [item["name"], *item["aliases"], *item["translated_names"], item["id"].replace("-", " ")]
        nlu.append(_synonym_block(item["id"], phrases_of))
    for vocabulary in (CREDENTIAL_TYPES, CREDENTIAL_MODELS, DELIVERY_FORMATS, ATTRIBUTES):
        for key in vocabulary:
            nlu.append(_synonym_block(key, phrases(vocabulary, key)))
    names = sorted(
        {p for item in kb.credentials for p in [item["name"], *item["aliases"], *item["translated_names"]]}
    )
    skills = sorted({s for item in kb.credentials for s in item["skills"]}, key=str.lower)
    nlu.append({"lookup": "credential", "examples": "".join(f"- {n}\n" for n in names)})
    nlu.append({"lookup": "skill", "examples": "".join(f"- {s}\n" for s in skills)})
    return {"version": "3.1", "nlu": nlu, "responses": responses(kb)}


class _LiteralDumper(yaml.SafeDumper):
    """Writes multi-line strings as YAML block literals, as Rasa's own files do."""


_LiteralDumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    ),
)


def build(
    knowledge_base_dir: Path, nlu_output: Path = NLU_OUTPUT, model_dir: Path = MODEL_DIR
) -> KnowledgeBase:
    kb = read_knowledge_base(knowledge_base_dir)
    nlu_output.parent.mkdir(parents=True, exist_ok=True)
    header = "# Generated by `python -m bot nlu build` from the knowledge base. Do not edit.\n"
    body = yaml.dump(
        training_data(kb), Dumper=_LiteralDumper, sort_keys=False, allow_unicode=True, width=1000
    )
    nlu_output.write_text(header + body, encoding="utf-8")
    build_pipeline(kb.credentials, model_dir)
    return kb
