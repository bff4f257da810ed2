"""A production start refuses development secrets, the development Rasa token and demo sign-in."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.production import DEVELOPMENT_JWT_SECRET, DEVELOPMENT_RASA_API_TOKEN, problems

GOOD = replace(
    Settings.from_env(),
    environment="production",
    jwt_secret="s" * 40,
    rasa_api_token="t" * 40,
    demo_signin=False,
    allowed_origins=("https://students.example.edu",),
)


def test_good_production_settings_pass_and_development_is_never_checked():
    assert problems(GOOD) == []
    assert problems(replace(GOOD, environment="development", jwt_secret=DEVELOPMENT_JWT_SECRET)) == []


def test_each_development_setting_is_named():
    found = problems(
        replace(
            GOOD,
            jwt_secret=DEVELOPMENT_JWT_SECRET,
            rasa_api_token=DEVELOPMENT_RASA_API_TOKEN,
            demo_signin=True,
            allowed_origins=("*",),
        )
    )
    assert [problem.split(" ")[0] for problem in found] == [
        "MICROCRED_JWT_SECRET",
        "RASA_API_TOKEN",
        "MICROCRED_DEMO_SIGNIN=1",
        "MICROCRED_ALLOWED_ORIGINS",
    ]
    assert problems(replace(GOOD, jwt_secret="")) and problems(replace(GOOD, jwt_secret="short"))


PRODUCTION_WITH_DEMO_SETTINGS = {
    "PATH": "/usr/bin:/bin",
    "MICROCRED_ENV": "production",
    "MICROCRED_JWT_SECRET": DEVELOPMENT_JWT_SECRET,
    "MICROCRED_DEMO_SIGNIN": "1",
    "RASA_API_TOKEN": DEVELOPMENT_RASA_API_TOKEN,
}


@pytest.mark.parametrize(
    "server, command",
    [
        ("the web service", [sys.executable, "-m", "bot", "web", "serve", "--port", "0"]),
        (
            "the action server",
            [
                str(Path(sys.executable).parent / "rasa"),
                "run",
                "actions",
                "--actions",
                "actions",
                "--port",
                "0",
            ],
        ),
        ("make run", ["bash", "scripts/run.sh"]),
    ],
)
def test_each_server_refuses_to_start_with_a_clear_message(server, command):
    done = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=PRODUCTION_WITH_DEMO_SETTINGS,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode != 0
    assert f"{server} refuses to start in production" in done.stderr
    for problem in ("development secret", "development token", "demo sign-in"):
        assert problem in done.stderr
    assert "Traceback" not in done.stderr
