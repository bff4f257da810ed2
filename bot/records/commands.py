"""``python -m bot records ...``: import student records from CSV, or load the demo records."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    from bot.records.csv_import import KINDS

    parser = subparsers.add_parser("records", help="import student records (see bot/records/README.md)")
    commands = parser.add_subparsers(dest="command", required=True)

    imports = commands.add_parser(
        "import", help="import students, enrollments or completions CSV files (kind read from the header)"
    )
    imports.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imports.add_argument(
        "--kind", choices=list(KINDS), help="the kind of every file, instead of reading the header"
    )
    imports.set_defaults(handler=_import)

    demo = commands.add_parser(
        "load-demo", help="import the demo records in demo/records/ (skipped when another catalog is loaded)"
    )
    demo.set_defaults(handler=_load_demo)


def _import(args) -> int:
    from bot.records.csv_import import import_files

    return _report(*import_files(args.files, args.kind))


def _load_demo(_args) -> int:
    from bot.records.csv_import import import_files
    from bot.records.demo import DEMO_FILES, credentials_missing_from_catalog, skip_reason

    missing = credentials_missing_from_catalog()
    if missing:
        print(skip_reason(missing))
        return 0
    return _report(*import_files(DEMO_FILES))


def _report(summaries, problems) -> int:
    from bot.errors import CommandError

    for summary in summaries:
        print(f"imported {summary}")
    if problems:
        failed = sorted({p.file for p in problems})
        raise CommandError(
            f"{len(failed)} file(s) not imported ({', '.join(failed)}); fix every row below and import again:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return 0
