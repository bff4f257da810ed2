"""Render the Kubernetes manifests: ``python -m deploy.render [--values FILE] [--set KEY=VALUE] [--out DIR]``.

deploy/kubernetes/templates/*.yaml.j2 are Jinja2 templates of plain manifests (no Helm is
needed: neither Debian nor PyPI ships it); deploy/kubernetes/values.yaml holds their settings,
overridden key by key by ``--values`` files and then ``--set`` (dotted keys). Every template
must render to valid YAML with no setting left undefined. Without ``--out`` the manifests are
printed as one stream for ``kubectl apply -f -``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jinja2
import yaml

KUBERNETES = Path(__file__).resolve().parent / "kubernetes"
TEMPLATES = KUBERNETES / "templates"
DEFAULT_VALUES = KUBERNETES / "values.yaml"
#: PostgreSQL's first-start scripts, shared with deploy/compose.yaml.
POSTGRES_INIT = KUBERNETES.parent / "postgres-init"


class RenderError(ValueError):
    """A values file or template that cannot render; the message says which and why."""


def merge(base: dict, override: dict) -> dict:
    """``base`` with ``override``'s keys replacing its own, nested mappings merged key by key."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_values(files: list[Path] = (), settings: list[str] = ()) -> dict:
    values = yaml.safe_load(DEFAULT_VALUES.read_text())
    for file in files:
        values = merge(values, yaml.safe_load(Path(file).read_text()) or {})
    for setting in settings:
        key, sep, raw = setting.partition("=")
        if not sep or not key:
            raise RenderError(f"--set {setting!r}: expected KEY=VALUE, e.g. rasa.replicas=4")
        override: dict = {}
        node = override
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = yaml.safe_load(raw)
        values = merge(values, override)
    return values


def render(values: dict) -> dict[str, list[dict]]:
    """Each template's name and the manifests it renders to, parsed."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    helpers = environment.get_template("_helpers.j2").make_module({"values": values})
    postgres_init = {path.name: path.read_text() for path in sorted(POSTGRES_INIT.glob("*.sql"))}
    rendered = {}
    for path in sorted(TEMPLATES.glob("*.yaml.j2")):
        try:
            text = environment.get_template(path.name).render(
                values=values, helpers=helpers, postgres_init=postgres_init
            )
            rendered[path.name.removesuffix(".j2")] = [d for d in yaml.safe_load_all(text) if d]
        except (jinja2.TemplateError, yaml.YAMLError) as error:
            raise RenderError(f"{path.name}: {error}") from error
    return rendered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.render", description=__doc__.splitlines()[0])
    parser.add_argument("--values", action="append", default=[], type=Path, help="a values file (repeatable)")
    parser.add_argument("--set", action="append", default=[], dest="settings", help="KEY=VALUE (repeatable)")
    parser.add_argument("--out", type=Path, help="write one file per template into this folder")
    args = parser.parse_args(argv)
    try:
        manifests = render(load_values(args.values, args.settings))
    except (RenderError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, documents in manifests.items():
            (args.out / name).write_text(yaml.safe_dump_all(documents, sort_keys=False))
        print(f"{sum(map(len, manifests.values()))} manifests written to {args.out}")
    else:
        documents = [d for docs in manifests.values() for d in docs]
        sys.stdout.write(yaml.safe_dump_all(documents, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
