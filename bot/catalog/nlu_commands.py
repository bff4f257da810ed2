"""``python -m bot nlu build``: regenerate the catalog-dependent NLU data and spaCy pipeline."""

from __future__ import annotations

from bot.config import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("nlu", help="generate NLU data from the knowledge base")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="write build/nlu/ and build/spacy_model/")
    build.set_defaults(handler=_build)


def _build(args) -> int:
    from bot.catalog.training_data import NLU_OUTPUT, build

    kb = build(Settings.from_env().knowledge_base_dir)
    print(
        f"generated NLU data for {len(kb.credentials)} credentials in {NLU_OUTPUT.parent} and the spaCy pipeline"
    )
    return 0
