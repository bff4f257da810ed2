"""Generate the catalog-dependent NLU data and the spaCy pipeline from the knowledge base.

``python -m bot nlu build`` writes, under ``build/``:

- ``nlu/catalog_generated.yml``: intent examples that name the catalog's credentials, careers
  and skills (the templates in ``bot/catalog/templates.yml`` filled from the catalog) and the FAQ's
  own questions, entity synonyms (every credential name and alias maps to
  its id; type, model, format and attribute words to their keys), lookup tables of credential names
  and skills, the ``utter_faq/<key>`` responses from ``knowledge_base/faq.yml``, and the
  responses that name the institution or give one of its credentials as an example
  (``bot/catalog/responses.yml`` filled from ``institution.yml`` and the catalog);
- ``spacy_model/``: the spaCy pipeline with the catalog's entity patterns.

Nothing here is hand-copied: edit the knowledge base, rebuild, retrain.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.catalog.examples import example_mention
from bot.catalog.institution import Institution
from bot.catalog.loader import KnowledgeBase, read_knowledge_base
from bot.config import BUILD_DIR
from bot.nlp.pipeline import MODEL_DIR, build_pipeline
from bot.nlp.vocabulary import ATTRIBUTES, CREDENTIAL_MODELS, CREDENTIAL_TYPES, DELIVERY_FORMATS, phrases

NLU_OUTPUT = BUILD_DIR / "nlu" / "catalog_generated.yml"
TEMPLATES = Path(__file__).with_name("templates.yml")
RESPONSE_TEMPLATES = Path(__file__).with_name("responses.yml")
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


def institution_responses(kb: KnowledgeBase) -> dict:
    """``bot/catalog/responses.yml`` with this knowledge base's institution and an example credential."""
    school = Institution.from_settings(kb.institution)
    fills = {
        "{institution}": school.name,
        "{short_name}": school.short_name,
        "{example}": example_mention((c["name"], c["aliases"], c["type"]) for c in kb.credentials),
    }

    def fill(value):
        if isinstance(value, str):
            for placeholder, said in fills.items():
                value = value.replace(placeholder, said)
            return value
        if isinstance(value, list):
            return [fill(v) for v in value]
        return {k: fill(v) for k, v in value.items()} if isinstance(value, dict) else value

    return fill(yaml.safe_load(RESPONSE_TEMPLATES.read_text(encoding="utf-8")))


def training_data(kb: KnowledgeBase) -> dict:
    nlu: list[dict] = intent_examples(kb)
    for item in kb.credentials:
        nlu.append(_synonym_block(item["id"], [item["name"], *item["aliases"], item["id"].replace("-", " ")]))
    for vocabulary in (CREDENTIAL_TYPES, CREDENTIAL_MODELS, DELIVERY_FORMATS, ATTRIBUTES):
        for key in vocabulary:
            nlu.append(_synonym_block(key, phrases(vocabulary, key)))
    names = sorted({p for item in kb.credentials for p in [item["name"], *item["aliases"]]})
    skills = sorted({s for item in kb.credentials for s in item["skills"]}, key=str.lower)
    nlu.append({"lookup": "credential", "examples": "".join(f"- {n}\n" for n in names)})
    nlu.append({"lookup": "skill", "examples": "".join(f"- {s}\n" for s in skills)})
    responses = {
        f"utter_faq/{entry['key']}": [
            {
                "text": " ".join(entry["answer"].split()),
                "buttons": [
                    {"title": "What do you offer?", "payload": "/list_credentials"},
                    {"title": "Talk to an advisor", "payload": "/request_human"},
                ],
            }
        ]
        for entry in kb.faq
    }
    responses.update(institution_responses(kb))
    return {"version": "3.1", "nlu": nlu, "responses": responses}


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
