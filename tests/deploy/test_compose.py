"""deploy/compose.yaml, checked without a Docker engine or client (neither is installed here):
the same parts as the cluster on one host, each built from a Dockerfile target, in production
mode, with every secret required from the environment (deploy/env.example lists them) and
none written in the file, started in order (database and Redis healthy, the prepare job done)."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.config import PROJECT_ROOT
from tests.deploy.test_dockerfile import stages

DEPLOY = PROJECT_ROOT / "deploy"
APP_SERVICES = {"prepare", "rasa", "actions", "web"}
SECRETS = ("MICROCRED_JWT_SECRET", "RASA_API_TOKEN", "POSTGRES_PASSWORD", "REDIS_PASSWORD")


@pytest.fixture(scope="module")
def compose_text() -> str:
    return (DEPLOY / "compose.yaml").read_text()


@pytest.fixture(scope="module")
def services(compose_text) -> dict:
    return yaml.safe_load(compose_text)["services"]


def test_the_same_parts_as_the_cluster_each_from_its_dockerfile_target(services):
    assert set(services) == APP_SERVICES | {"postgres", "redis"}
    targets = stages()
    for name in APP_SERVICES:
        build = services[name]["build"]
        assert build["target"] in targets and (DEPLOY / build["context"] / "Dockerfile").exists()
    assert services["rasa"]["environment"]["SANIC_WORKERS"] == "2"  # two Rasa processes, as `make run`


def test_every_app_service_runs_in_production_with_what_the_endpoints_read(services):
    endpoints = (DEPLOY / "endpoints.yml").read_text()
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        assert environment["MICROCRED_ENV"] == "production", name
        assert set(re.findall(r"\$\{(\w+)\}", endpoints)) <= set(environment), name
        assert environment["MICROCRED_DATABASE_URL"].startswith("postgresql+psycopg2://")


def test_secrets_are_required_from_the_environment_and_never_written(services, compose_text):
    for secret in SECRETS:
        assert re.search(rf"\$\{{{secret}:\?", compose_text), f"{secret} is not required from the environment"
    for service in services.values():
        for name, value in (service.get("environment") or {}).items():
            if any(word in name for word in ("SECRET", "TOKEN", "PASSWORD", "AUTH")):
                assert value.startswith("${") and value.endswith("}"), (name, value)
    example = (DEPLOY / "env.example").read_text()
    for variable in set(re.findall(r"\$\{(\w+):\?", compose_text)):
        assert re.search(rf"^{variable}=", example, re.MULTILINE), f"env.example lacks {variable}"


def test_services_start_in_order_and_mount_what_exists(services):
    assert services["prepare"]["command"] == ["sh", "deploy/prepare.sh"]
    for name in ("rasa", "actions", "web"):
        assert services[name]["depends_on"]["prepare"] == {"condition": "service_completed_successfully"}
    assert services["rasa"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    for service in services.values():
        for dependency in service.get("depends_on", {}):
            assert dependency in services
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), source
    for name in ("postgres", "redis"):
        assert "healthcheck" in services[name]
