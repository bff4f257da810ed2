"""Score a trained model on the held-out messages (``tests/eval/nlu_heldout.yml``).

``make eval-nlu`` (``python -m tests.bench.nlu_eval [MODEL] [--misses]``, the newest model
in ``models/`` by default; ``--misses`` lists the messages it got wrong) parses every message in-process with the model's NLU and prints
intent accuracy per language, macro-F1, out-of-scope recall and the most frequent confusion
pairs, and how often the ``language`` entity named each message's language (decided, and
wrong when decided); ``make bench`` includes the same figures. A FAQ message counts as right only when the
FAQ answer selected is its sub-intent; an out-of-scope message also counts as right when it
falls back (``nlu_fallback``), since both answer with what the assistant can do.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT

HELDOUT = PROJECT_ROOT / "tests" / "eval" / "nlu_heldout.yml"
OUT_OF_SCOPE = {"out_of_scope", "nlu_fallback"}


def heldout() -> list[tuple[str, str, str]]:
    """(language, expected label, text) for every held-out message."""
    data = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    return [
        (lang, label, text)
        for lang, intents in data.items()
        for label, texts in intents.items()
        for text in texts
    ]


def predicted_label(parse: dict) -> str:
    intent = (parse.get("intent") or {}).get("name") or "nlu_fallback"
    if intent == "faq":
        selected = ((parse.get("response_selector") or {}).get("faq") or {}).get("response") or {}
        return selected.get("intent_response_key") or "faq"
    return intent


def correct(expected: str, predicted: str) -> bool:
    return predicted == expected or (expected == "out_of_scope" and predicted in OUT_OF_SCOPE)


def scores(rows: list[tuple[str, str, str]]) -> dict:
    """Figures from (language, expected, predicted) rows."""
    from sklearn.metrics import f1_score

    languages = sorted({lang for lang, _, _ in rows})
    accuracy = {
        lang: round(
            sum(correct(e, p) for language, e, p in rows if language == lang)
            / sum(1 for language, _, _ in rows if language == lang),
            3,
        )
        for lang in languages
    }
    expected = [e for _, e, _ in rows]
    predicted = [e if correct(e, p) else p for _, e, p in rows]
    oos = [p for _, e, p in rows if e == "out_of_scope"]
    confusions = Counter((e, p) for _, e, p in rows if not correct(e, p))
    return {
        "messages": len(rows),
        "accuracy": {"all": round(sum(correct(e, p) for _, e, p in rows) / len(rows), 3), **accuracy},
        "macro_f1": round(
            f1_score(expected, predicted, labels=sorted(set(expected)), average="macro", zero_division=0), 3
        ),
        "out_of_scope_recall": round(sum(p in OUT_OF_SCOPE for p in oos) / len(oos), 3) if oos else None,
        "worst_confusions": [f"{e} -> {p}: {n}" for (e, p), n in confusions.most_common(8)],
    }


def language_scores(messages: list[tuple[str, str, str]], parses: list[dict]) -> dict:
    """Per language of the held-out set: the share of messages the ``language`` entity named
    (the rest keep the conversation's language) and how many it named wrongly."""
    found: dict[str, list[str | None]] = {}
    for (lang, _, _), parse in zip(messages, parses, strict=True):
        named = [e["value"] for e in parse.get("entities", []) if e.get("entity") == "language"]
        found.setdefault(lang, []).append(named[0] if named else None)
    return {
        lang: {
            "decided": round(sum(v is not None for v in values) / len(values), 3),
            "wrong": sum(v is not None and v != lang for v in values),
        }
        for lang, values in found.items()
    }


def evaluate(model: Path) -> dict:
    """Parse every held-out message with ``model``; the figures plus the misses."""
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    agent = Agent.load(str(model))
    messages = heldout()

    async def parse_all() -> list[dict]:
        return [await agent.parse_message(text) for _, _, text in messages]

    started = time.perf_counter()
    parses = asyncio.run(parse_all())
    elapsed = time.perf_counter() - started
    rows = [
        (lang, expected, predicted_label(p)) for (lang, expected, _), p in zip(messages, parses, strict=False)
    ]
    result = scores(rows)
    result["parse_ms_per_message"] = round(elapsed * 1000 / len(rows), 1)
    result["language_detection"] = language_scores(messages, parses)
    result["misses"] = [
        f"[{lang}] {text!r}: {expected} -> {predicted_label(p)} ({p['intent']['confidence']:.2f})"
        for (lang, expected, text), p in zip(messages, parses, strict=False)
        if not correct(expected, predicted_label(p))
    ]
    return result


def newest_model() -> Path:
    return max((PROJECT_ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)


def main(argv: list[str]) -> int:
    models = [a for a in argv if not a.startswith("--")]
    result = evaluate(Path(models[0]) if models else newest_model())
    misses = result.pop("misses")
    print(json.dumps(result, indent=2))
    if "--misses" in argv:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
