"""The held-out NLU messages (tests/eval/nlu_heldout.yml) are unseen by the model.

A held-out message that is (nearly) a training example would make ``make bench`` report
recall of the training data instead of how learners' own wordings are understood.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import yaml

from bot.catalog.loader import read_knowledge_base
from bot.catalog.training_data import training_data
from bot.config import PROJECT_ROOT, Settings
from tests.bench.nlu_eval import heldout

NEAR = 0.9


def plain(example: str) -> str:
    """An example without entity annotations, lower-case words only."""
    text = re.sub(r"\[([^\]]+)\](\([^)]*\)|\{[^}]*\})", r"\1", example)
    return " ".join(re.findall(r"\w+", text.lower()))


def training_examples() -> dict[str, str]:
    """Every intent example the model trains on, hand-written and generated: plain text -> intent."""
    blocks = [
        b
        for f in sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
        for b in yaml.safe_load(f.read_text(encoding="utf-8"))["nlu"]
    ]
    blocks += training_data(read_knowledge_base(Settings.from_env().knowledge_base_dir))["nlu"]
    return {
        plain(line[2:]): b["intent"]
        for b in blocks
        if "intent" in b
        for line in b["examples"].splitlines()
        if line.startswith("- ")
    }


def test_the_held_out_set_has_enough_messages_in_each_language():
    languages = [lang for lang, _, _ in heldout()]
    assert len(languages) >= 300
    assert languages.count("en") >= 240 and languages.count("es") >= 30 and languages.count("fr") >= 30


def test_every_held_out_label_is_an_intent_or_faq_the_model_knows():
    known = set(training_examples().values())
    labels = {label.split("/")[0] if label.startswith("faq/") else label for _, label, _ in heldout()}
    faq_keys = {label for _, label, _ in heldout() if label.startswith("faq/")}
    assert labels <= known | {"faq"}
    assert faq_keys <= known


def test_no_held_out_message_is_a_near_duplicate_of_a_training_example():
    examples = list(training_examples())
    near = []
    for _, _label, text in heldout():
        message = plain(text)
        for example in examples:
            matcher = SequenceMatcher(None, message, example)
            if (
                abs(len(example) - len(message)) <= 0.2 * max(len(message), 1)
                and matcher.quick_ratio() >= NEAR
                and matcher.ratio() >= NEAR
            ):
                near.append(f"{text!r} ~ {example!r}")
    assert not near, "\n".join(near)
