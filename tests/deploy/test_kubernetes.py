"""The Kubernetes manifests (deploy/kubernetes/, rendered by ``python -m deploy.render``): every one
is valid against the Kubernetes schemas (kubernetes-validate's, shipped in the package: no
network), and together they are the production topology: several Rasa replicas with sticky
sessions, the action server and web service with replicas, Redis, PostgreSQL, the prepare Job;
production mode and every secret from a Secret; probes; memory sized from the README."""

from __future__ import annotations

import re

import kubernetes_validate
import pytest
import yaml

from bot.config import PROJECT_ROOT
from deploy.render import RenderError, load_values, main, render

KUBERNETES_VERSION = "1.28.0"
APP_CONTAINERS = {"rasa", "actions", "web", "prepare"}
SECRET_WORDS = ("SECRET", "TOKEN", "PASSWORD", "REDISCLI_AUTH")


@pytest.fixture(scope="module")
def manifests() -> list[dict]:
    return [document for documents in render(load_values()).values() for document in documents]


def find(manifests: list[dict], kind: str, name: str) -> dict:
    [found] = [m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name]
    return found


def pod_spec(manifest: dict) -> dict:
    return manifest["spec"]["template"]["spec"]


def containers(manifests: list[dict]) -> list[dict]:
    return [
        c
        for m in manifests
        if "template" in m.get("spec", {})
        for c in pod_spec(m).get("initContainers", []) + pod_spec(m)["containers"]
    ]


def environment(manifests: list[dict], container: dict) -> dict[str, object]:
    """A container's variables: from its ConfigMaps (values) and its env (values or secretKeyRefs)."""
    variables: dict[str, object] = {}
    for source in container.get("envFrom", []):
        variables.update(find(manifests, "ConfigMap", source["configMapRef"]["name"])["data"])
    for variable in container.get("env", []):
        variables[variable["name"]] = variable.get("value", variable.get("valueFrom"))
    return variables


def test_every_manifest_is_valid_against_the_kubernetes_schemas(manifests):
    assert {m["kind"] for m in manifests} >= {
        "Namespace",
        "ConfigMap",
        "Service",
        "Deployment",
        "StatefulSet",
        "Job",
        "PersistentVolumeClaim",
        "Ingress",
        "PodDisruptionBudget",
    }
    for manifest in manifests:
        kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


def test_an_invalid_manifest_is_caught(manifests):
    broken = yaml.safe_load(yaml.safe_dump(find(manifests, "Deployment", "rasa")))
    pod_spec(broken)["containers"][0]["replica"] = 2
    with pytest.raises(kubernetes_validate.ValidationError, match="replica"):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_several_rasa_replicas_keep_each_learner_on_one_of_them(manifests):
    assert find(manifests, "Deployment", "rasa")["spec"]["replicas"] >= 2
    assert find(manifests, "Service", "rasa")["spec"]["sessionAffinity"] == "ClientIP"
    annotations = find(manifests, "Ingress", "rasa")["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 600  # websockets stay open
    for name in ("actions", "web"):
        assert find(manifests, "Deployment", name)["spec"]["replicas"] >= 2


def test_rasa_keeps_conversations_in_postgresql_and_locks_in_redis(manifests):
    [rasa] = pod_spec(find(manifests, "Deployment", "rasa"))["containers"]
    variables = environment(manifests, rasa)
    endpoints = (PROJECT_ROOT / "deploy" / "endpoints.yml").read_text()
    assert set(re.findall(r"\$\{(\w+)\}", endpoints)) <= set(variables)
    assert (variables["MICROCRED_POSTGRES_HOST"], variables["MICROCRED_REDIS_HOST"]) == ("postgres", "redis")
    assert find(manifests, "Service", "postgres") and find(manifests, "Service", "redis")
    init = find(manifests, "ConfigMap", "postgres-init")["data"]
    assert any(f"CREATE DATABASE {variables['RASA_TRACKER_DB']}" in sql for sql in init.values())
    assert variables["MICROCRED_DATABASE_URL"].startswith("postgresql+psycopg2://")


def test_every_server_runs_in_production_mode_with_every_secret_from_a_secret(manifests):
    secret_name = load_values()["secretName"]
    for container in containers(manifests):
        variables = environment(manifests, container)
        if container["name"] in APP_CONTAINERS:
            assert variables["MICROCRED_ENV"] == "production", container["name"]
            for needed in ("MICROCRED_JWT_SECRET", "RASA_API_TOKEN", "MICROCRED_DATABASE_URL"):
                assert needed in variables, (container["name"], needed)
        for name, value in variables.items():
            if any(word in name for word in SECRET_WORDS):
                assert value["secretKeyRef"]["name"] == secret_name, (container["name"], name)
    assert "kind: Secret" not in yaml.safe_dump_all(manifests)


def test_the_prepare_job_loads_the_catalog_and_makes_the_model_the_replicas_read(manifests):
    job = next(m for m in manifests if m["kind"] == "Job")
    [prepare] = pod_spec(job)["containers"]
    assert prepare["command"] == ["sh", "deploy/prepare.sh"]
    assert (PROJECT_ROOT / "deploy" / "prepare.sh").exists()
    claim = find(manifests, "PersistentVolumeClaim", "models")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    for manifest in (job, find(manifests, "Deployment", "rasa")):
        claims = [v["persistentVolumeClaim"]["claimName"] for v in pod_spec(manifest)["volumes"]]
        assert claims == ["models"]


def test_every_server_has_probes_and_runs_as_non_root(manifests):
    for name in ("rasa", "actions", "web", "redis"):
        manifest = find(manifests, "Deployment", name)
        assert pod_spec(manifest)["securityContext"]["runAsNonRoot"] is True
        for container in pod_spec(manifest)["containers"]:
            assert "readinessProbe" in container and "livenessProbe" in container, name


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)(Mi|Gi)", quantity).groups()
    return float(number) * (1024 if unit == "Gi" else 1)


def test_memory_requests_cover_the_readmes_measured_memory(manifests):
    row = re.search(
        r"\| resident memory, all servers \(MiB\) \| [\d,]+ \(Rasa ([\d,]+), actions ([\d,]+)",
        (PROJECT_ROOT / "README.md").read_text(),
    )
    rasa_two, actions = (float(n.replace(",", "")) for n in row.groups())
    values = load_values()
    [rasa] = pod_spec(find(manifests, "Deployment", "rasa"))["containers"]
    assert mebibytes(rasa["resources"]["requests"]["memory"]) >= rasa_two / 2 * values["rasa"]["workers"]
    [action_server] = pod_spec(find(manifests, "Deployment", "actions"))["containers"]
    assert mebibytes(action_server["resources"]["requests"]["memory"]) >= actions
    for container in (rasa, action_server):
        assert mebibytes(container["resources"]["limits"]["memory"]) > mebibytes(
            container["resources"]["requests"]["memory"]
        )


def test_values_files_and_settings_override_the_defaults(tmp_path, capsys):
    mine = tmp_path / "values.yaml"
    mine.write_text("rasa:\n  replicas: 5\ningress:\n  chatHost: chat.example.org\n")
    assert main(["--values", str(mine), "--set", "web.replicas=4", "--out", str(tmp_path / "out")]) == 0
    rendered = [
        d for f in sorted((tmp_path / "out").glob("*.yaml")) for d in yaml.safe_load_all(f.read_text())
    ]
    assert find(rendered, "Deployment", "rasa")["spec"]["replicas"] == 5
    assert find(rendered, "Deployment", "web")["spec"]["replicas"] == 4
    assert find(rendered, "Deployment", "actions")["spec"]["replicas"] == load_values()["actions"]["replicas"]
    assert find(rendered, "ConfigMap", "microcred-settings")["data"]["RASA_URL"] == "https://chat.example.org"


def test_a_bad_setting_or_a_missing_value_is_a_clear_error(capsys):
    assert main(["--set", "rasa.replicas"]) == 1
    assert "expected KEY=VALUE" in capsys.readouterr().err
    values = load_values()
    del values["images"]["rasa"]
    with pytest.raises(RenderError, match="rasa"):
        render(values)
