"""The project's command line: ``python -m bot <command> ...``.

Each command group lives beside the code it drives and exposes ``register(subparsers)``;
this module only assembles them and turns expected failures into a clear message and a
non-zero exit code, never a stack trace.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bot.errors import CommandError

#: Modules that register command groups.
COMMAND_MODULES = [
    "bot.catalog.commands",
    "bot.catalog.nlu_commands",
    "web.commands",
    "bot.records.commands",
    "bot.identity.commands",
    "bot.handoff.commands",
    "bot.production",
    "bot.supervisor",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="group", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    from bot.catalog.schema import KnowledgeBaseError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except (CommandError, KnowledgeBaseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
