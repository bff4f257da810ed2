"""The Dockerfile, checked without a Docker engine (none runs here, so no image is built): hadolint
finds nothing, each server has its target, runs as a non-root user with a health check on the
port it serves, copies only what exists, runs the same commands as ``make run`` and the
Makefile, and installs exactly the locked packages less the test tools, which nothing the
servers import needs."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser
from packaging.requirements import Requirement

from bot.config import PROJECT_ROOT

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
DEV_ONLY = PROJECT_ROOT / "deploy" / "dev-only-packages.txt"
SERVER_CODE = ("bot", "actions", "components", "channels")
#: Installed by the image next to the lock, pinned there (requirements.lock does not list them).
BUILD_TOOLS = ("pip", "setuptools", "wheel")
#: Each server's target: the port it serves and the health URL path that port answers.
TARGETS = {"rasa": (5005, "/"), "actions": (5055, "/health"), "web": (8080, "/")}


def stages() -> dict[str, list[dict]]:
    """Each build stage's name and its instructions."""
    parser = DockerfileParser(fileobj=DOCKERFILE.open("rb"))
    found: dict[str, list[dict]] = {}
    current = None
    for instruction in parser.structure:
        if instruction["instruction"] == "FROM":
            current = instruction["value"].split()[-1]
            found[current] = []
        if current is not None and instruction["instruction"] != "COMMENT":
            found[current].append(instruction)
    return found


def lineage(name: str, all_stages: dict[str, list[dict]]) -> list[dict]:
    """A target's instructions with those of the stages it builds FROM, parents first."""
    first = all_stages[name][0]["value"].split()[0]
    return (lineage(first, all_stages) if first in all_stages else []) + all_stages[name]


def last(instructions: list[dict], kind: str) -> str | None:
    values = [i["value"] for i in instructions if i["instruction"] == kind]
    return values[-1] if values else None


def exec_form(value: str) -> list[str]:
    import json

    return json.loads(value)


def lock_lines(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line and not line.startswith("#")]


def name_of(pin: str) -> str:
    return re.sub(r"[-_.]+", "-", pin.split("==")[0]).lower()


def test_hadolint_finds_nothing():
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run([str(hadolint), "--no-color", str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("target", TARGETS)
def test_each_server_has_a_non_root_target_with_a_health_check_on_its_port(target):
    instructions = lineage(target, stages())
    user = last(instructions, "USER")
    assert user is not None and user.split(":")[0] not in ("0", "root")
    port, path = TARGETS[target]
    assert str(port) in (last(instructions, "EXPOSE") or "").split()
    health = last(instructions, "HEALTHCHECK")
    assert health is not None and f"http://127.0.0.1:{port}{path}'" in health
    assert "MICROCRED_ENV=production" in " ".join(
        i["value"] for i in instructions if i["instruction"] == "ENV"
    )


def test_base_images_are_pinned_to_exact_versions():
    for instructions in stages().values():
        image = instructions[0]["value"].split()[0]
        if image in stages():
            continue
        assert re.search(r":\d+\.\d+\.\d+-", image), f"{image} is not pinned to an exact version"


def test_every_file_the_build_copies_exists():
    for instructions in stages().values():
        for instruction in instructions:
            if instruction["instruction"] != "COPY" or "--from=" in instruction["value"]:
                continue
            *sources, _destination = shlex.split(instruction["value"])
            for source in sources:
                assert (PROJECT_ROOT / source).exists(), f"COPY {source}: no such file"


def test_the_images_run_the_commands_make_run_and_the_makefile_run():
    # run.sh hands each command to the supervisor as one double-quoted, possibly wrapped string.
    run_sh = " ".join((PROJECT_ROOT / "scripts" / "run.sh").read_text().replace('\\"', '"').split())
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    all_stages = stages()
    rasa = exec_form(last(lineage("rasa", all_stages), "CMD"))[-1]  # sh -c "exec rasa run ..."
    for part in (
        'rasa run -m models --enable-api --auth-token "$RASA_API_TOKEN"',
        "--credentials credentials.yml",
    ):
        assert part in rasa and part in run_sh
    # CORS for the configured sites only, in the image as in `make run`.
    assert "--cors $MICROCRED_ALLOWED_ORIGINS" in rasa and "--cors $MICROCRED_ALLOWED_ORIGINS" in run_sh
    assert "--endpoints deploy/endpoints.yml" in rasa
    actions = shlex.join(exec_form(last(lineage("actions", all_stages), "CMD")))
    assert actions.split(" --port")[0] in run_sh
    web = shlex.join(exec_form(last(lineage("web", all_stages), "CMD")))
    assert (
        web.startswith("python -m bot web serve --host 0.0.0.0 --port")
        and "-m bot web serve --port" in run_sh
    )
    assert any("python -m bot nlu build" in i["value"] for i in all_stages["app"])
    assert "$(PY) -m bot nlu build" in makefile
    prepare = (PROJECT_ROOT / "deploy" / "prepare.sh").read_text()
    assert "python -m bot catalog load" in prepare and "$(PY) -m bot catalog load" in makefile
    train = re.search(r"\$\(RASA\) (train [^\n]*)", makefile).group(1)
    assert f"rasa {train}" in prepare


def test_the_images_install_the_lock_less_only_test_tools():
    locked = lock_lines(PROJECT_ROOT / "requirements.lock")
    dev_only = lock_lines(DEV_ONLY)
    assert set(dev_only) <= set(locked), "deploy/dev-only-packages.txt names a pin requirements.lock lacks"
    install = " ".join(i["value"] for i in stages()["python-deps"] if i["instruction"] == "RUN")
    assert "grep -v -x -F -f dev-only-packages.txt requirements.lock > runtime.lock" in install
    assert "pip install --no-deps -r runtime.lock" in install
    # The build tools the lock leaves out, at the versions the tests ran with.
    from importlib.metadata import version

    for tool in BUILD_TOOLS:
        assert f"{tool}=={version(tool)}" in install


def test_nothing_the_images_install_needs_a_left_out_package():
    """Every installed runtime package's own requirements are in the runtime set too (so the
    image's --no-deps install is complete)."""
    from importlib.metadata import distribution

    locked = set(lock_lines(PROJECT_ROOT / "requirements.lock")) - set(lock_lines(DEV_ONLY))
    runtime = {name_of(pin) for pin in locked} | set(BUILD_TOOLS)
    missing = []
    for name in sorted(runtime - set(BUILD_TOOLS)):
        for spec in distribution(name).requires or []:
            requirement = Requirement(spec)
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            if name_of(requirement.name) not in runtime:
                missing.append(f"{name} needs {requirement.name}")
    assert missing == []


def test_the_servers_code_imports_no_test_tool():
    modules = {name_of(pin).replace("-", "_") for pin in lock_lines(DEV_ONLY)} | {
        "dockerfile_parse",
        "websocket",
    }
    pattern = re.compile(rf"^\s*(?:import|from)\s+({'|'.join(sorted(modules))})\b", re.MULTILINE)
    for folder in SERVER_CODE:
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            assert not pattern.search(path.read_text()), f"{path} imports a package the images leave out"
