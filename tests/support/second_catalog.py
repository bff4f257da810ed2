"""The second, differently named catalog the tests load (``tests/catalogs/lakemont/``), and what of
the demo catalog must never show through it: the demo institution's names and every demo
credential's name.

Used by ``tests/unit/test_institution_words.py`` (every reply the Python code composes, and the
site page) and ``tests/e2e/test_second_catalog.py`` (conversations with a model trained on it).
"""

from __future__ import annotations

import fcntl
import hashlib
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from bot.catalog.loader import read_knowledge_base
from bot.config import BUILD_DIR, PROJECT_ROOT

SECOND_CATALOG = PROJECT_ROOT / "tests" / "catalogs" / "lakemont"
DEMO_CATALOG = PROJECT_ROOT / "knowledge_base"
#: Where its NLU data, spaCy pipeline, configuration and models are built, beside the demo's.
BUILD = BUILD_DIR / "test-catalog"
#: What the model trained on it is made from: when none of these changed, the model is reused.
TRAINING_INPUTS = [
    SECOND_CATALOG,
    PROJECT_ROOT / "data",
    PROJECT_ROOT / "domain.yml",
    PROJECT_ROOT / "config.yml",
    *(
        PROJECT_ROOT / "bot" / "catalog" / name
        for name in ("training_data.py", "templates.yml", "responses.yml", "examples.py", "institution.py")
    ),
    PROJECT_ROOT / "bot" / "nlp",
    PROJECT_ROOT / "bot" / "i18n" / "locales",  # the responses' texts
    PROJECT_ROOT / "components",
]


@lru_cache(maxsize=1)
def demo_words() -> tuple[str, ...]:
    """The demo institution's name and short name, its website's host, and each demo credential's name."""
    demo = read_knowledge_base(DEMO_CATALOG)
    host = re.sub(r"^https?://(www\.)?", "", demo.institution["website"]).split("/")[0]
    words = [demo.institution["name"], demo.institution["short_name"], host, "Harbor Valley"]
    return tuple(dict.fromkeys([*words, *(c["name"] for c in demo.credentials)]))


def demo_words_in(text: str) -> list[str]:
    """The demo institution's or credentials' names that ``text`` contains (whole words, any case)."""
    return [w for w in demo_words() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)]


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for root in TRAINING_INPUTS:
        for path in sorted([root] if root.is_file() else root.rglob("*")):
            if path.is_file() and path.suffix in {".py", ".yml", ".yaml"}:
                digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def trained_models() -> Path:
    """The folder of a Rasa model trained on the second catalog, trained now only when its
    inputs changed since the last time (``build/test-catalog/``; one training at a time)."""
    from bot.catalog.training_data import build

    models, stamp = BUILD / "models", BUILD / "models" / ".fingerprint"
    models.mkdir(parents=True, exist_ok=True)
    with (BUILD / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        fingerprint = _fingerprint()
        if any(models.glob("*.tar.gz")) and stamp.exists() and stamp.read_text() == fingerprint:
            return models
        spacy_model = BUILD / "spacy_model"
        build(SECOND_CATALOG, BUILD / "nlu" / "catalog_generated.yml", spacy_model)
        config = (PROJECT_ROOT / "config.yml").read_text(encoding="utf-8")
        shipped = "model: build/spacy_model"
        assert shipped in config, "config.yml no longer names build/spacy_model"
        (BUILD / "config.yml").write_text(
            config.replace(shipped, f"model: {spacy_model.relative_to(PROJECT_ROOT)}"), encoding="utf-8"
        )
        for old in models.glob("*.tar.gz"):
            old.unlink()
        rasa = str(Path(sys.executable).parent / "rasa")
        command = ["nice", rasa, "train", "--data", "data", str(BUILD / "nlu"), "--domain", "domain.yml"]
        command += ["--config", str(BUILD / "config.yml"), "--out", str(models), "--quiet"]
        log = BUILD / "train.log"
        with log.open("w") as output:
            done = subprocess.run(command, cwd=PROJECT_ROOT, stdout=output, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            raise RuntimeError(f"training on {SECOND_CATALOG} failed:\n{log.read_text()[-4000:]}")
        stamp.write_text(fingerprint)
        return models
