"""``python -m bot catalog ...``: validate, load, import and export the knowledge base, and
write its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

from bot.config import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("catalog", help="validate, load or export the knowledge base")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check the knowledge-base files without loading them")
    validate.add_argument("--dir", type=Path, default=None, help="knowledge-base folder")
    validate.set_defaults(handler=_validate)

    load = commands.add_parser("load", help="validate and load the knowledge base into the database")
    load.add_argument("--dir", type=Path, default=None, help="knowledge-base folder")
    load.set_defaults(handler=_load)

    importer = commands.add_parser(
        "import", help="turn an institution's own export (YAML, JSON or CSV) into knowledge-base files"
    )
    importer.add_argument("file", type=Path, help="the credentials export (.csv, .json, .yml)")
    importer.add_argument("--requirements", type=Path, help="the requirements export, one row a requirement")
    importer.add_argument("--mapping", type=Path, help="mapping file: their field names and values (YAML)")
    importer.add_argument("--out", type=Path, default=None, help="knowledge-base folder to write into")
    importer.set_defaults(handler=_import)

    schema = commands.add_parser("schema", help="write the knowledge base's JSON Schema (schema.json)")
    schema.add_argument("--output", type=Path, default=None, help="file to write (default: <kb>/schema.json)")
    schema.set_defaults(handler=_schema)

    export = commands.add_parser(
        "export-openbadges", help="write the catalog as Open Badges 3.0 Achievements"
    )
    export.add_argument("--output", type=Path, required=True, help="JSON file to write")
    export.set_defaults(handler=_export)


def _directory(args) -> Path:
    return args.dir or Settings.from_env().knowledge_base_dir


def _validate(args) -> int:
    from bot.catalog.loader import read_knowledge_base

    kb = read_knowledge_base(_directory(args))
    print(
        f"ok: {len(kb.credentials)} credentials, {len(kb.faq)} FAQ answers, "
        f"{len(kb.support_resources)} support resources"
    )
    return 0


def _load(args) -> int:
    from bot.catalog.loader import load_knowledge_base

    kb = load_knowledge_base(_directory(args))
    print(f"loaded {len(kb.credentials)} credentials into {Settings.from_env().database_url}")
    return 0


def _export(args) -> int:
    from bot.catalog.openbadges import export_catalog

    achievements = export_catalog()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(achievements, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(achievements)} achievements to {args.output}")
    return 0


def _import(args) -> int:
    from bot.catalog.importer import import_catalog

    out = args.out or Settings.from_env().knowledge_base_dir
    result = import_catalog(args.file, args.requirements, args.mapping, out)
    print(f"imported {len(result.credentials)} credentials into {out / 'credentials'}:")
    for name, count in result.files.items():
        print(f"  {name}: {count}")
    if result.defaults_filled:
        filled = ", ".join(f"{name} ({count})" for name, count in sorted(result.defaults_filled.items()))
        print(f"defaults filled (knowledge_base/README.md): {filled}")
    for note in result.notes:
        print(note)
    print(f"next: python -m bot catalog validate --dir {out}")
    return 0


def _schema(args) -> int:
    from bot.catalog.json_schema import SCHEMA_FILE, schema_text

    output = args.output or Settings.from_env().knowledge_base_dir / SCHEMA_FILE
    output.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {output}")
    return 0
