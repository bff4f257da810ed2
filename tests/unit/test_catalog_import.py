"""``python -m bot catalog import``: an institution's own export (CSV, JSON, YAML) becomes
knowledge-base files that load, and a bad export is reported whole with nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.catalog.importer import ImportProblems, import_catalog
from bot.catalog.loader import read_knowledge_base
from bot.catalog.schema import NOTHING
from bot.cli import main
from tests.conftest import KNOWLEDGE_BASE

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def import_fixture(out: Path) -> Path:
    """The fixture college's CSV export imported into ``out``, completed with the FAQ,
    support resources and synonyms every knowledge base needs."""
    import_catalog(FIXTURES / "credentials.csv", FIXTURES / "requirements.csv", FIXTURES / "mapping.yml", out)
    for name in ("faq.yml", "support_resources.yml", "synonyms.yml"):
        shutil.copy(KNOWLEDGE_BASE / name, out / name)
    return out


def written(out: Path) -> dict[str, dict]:
    items = {}
    for path in sorted((out / "credentials").glob("*.yml")):
        items.update({c["id"]: c for c in yaml.safe_load(path.read_text())["credentials"]})
    return items


def test_a_csv_export_with_a_requirements_file_and_a_mapping_becomes_a_knowledge_base(tmp_path):
    out = import_fixture(tmp_path / "kb")
    items = written(out)
    assert sorted(items) == ["drn-110", "geo-290", "gis-101", "rs-120"]
    gis = items["gis-101"]
    assert (gis["name"], gis["type"], gis["model"], gis["format"]) == (
        "GIS Mapping Essentials",
        "digital_badge",
        "stackable",
        "online",
    )
    assert gis["skills"] == ["GIS", "QGIS", "cartography"]
    assert gis["cost"] == {"amount": 250, "currency": "CAD"}  # the institution's currency
    assert [r["code"] for r in gis["requirements"]] == ["GEO 101", "GEO A101"]
    assert gis["requirements"][1]["kind"] == "assessment"  # "Exam" through the value map
    assert items["drn-110"]["cost"] == {"amount": 0, "currency": "CAD"}  # "Free"
    assert items["geo-290"]["cost"]["amount"] == 1200  # "1,200"
    assert items["geo-290"]["open_to_public"] is False  # "No"
    assert items["geo-290"]["requirements"][:2] == [
        {"kind": "credential", "credential": "gis-101"},  # named by its title in the export
        {"kind": "credential", "credential": "drn-110"},  # named by its program code
    ]
    assert items["rs-120"]["stacks_into"] == [{"credential": "geo-290"}]
    assert "Internal Notes" not in json.dumps(items, default=str)
    # The documented defaults are written out, so the registrar sees and can change them.
    assert gis["level"] == "introductory" and gis["enrollment_url"] == "https://www.crc.example.edu"
    assert items["rs-120"]["provider"] == "Cascade Ridge College"  # no department given
    assert sorted(p.name for p in (out / "credentials").glob("*.yml")) == [
        "cascade-ridge-college.yml",
        "geography-department.yml",
    ]
    assert (
        (out / "credentials" / "geography-department.yml")
        .read_text()
        .startswith("# yaml-language-server: $schema=../schema.json\n")
    )
    kb = read_knowledge_base(out)
    assert kb.institution["short_name"] == "CRC" and kb.institution["currency"] == "CAD"
    assert len(kb.credentials) == 4


def test_an_import_replaces_the_old_credential_files_and_keeps_the_others(tmp_path):
    out = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_BASE, out)
    (out / "institution.yml").write_text(
        "name: Cascade Ridge College\nwebsite: https://crc.example.edu\nlanguages: [en, es, fr]\n"
    )
    import_catalog(FIXTURES / "credentials.csv", FIXTURES / "requirements.csv", FIXTURES / "mapping.yml", out)
    kb = read_knowledge_base(out)
    assert {c["id"] for c in kb.credentials} == {"gis-101", "drn-110", "geo-290", "rs-120"}
    assert kb.institution["name"] == "Cascade Ridge College"  # the folder's own file, not the mapping's
    assert kb.faq == read_knowledge_base(KNOWLEDGE_BASE).faq
    assert next(c for c in kb.credentials if c["id"] == "gis-101")["cost_currency"] == "USD"


def test_a_json_export_with_nested_requirements_and_natural_shapes(tmp_path):
    export = {
        "programs": [
            {
                "title": "Safe Food Handling",
                "category": "Badge",
                "about": "Store, cook and serve food safely.",
                "fee": "free",
                "steps": [{"ref": "FS 100", "what": "Food Safety Basics", "type": "Course", "hrs": 6}],
                "skills": ["food safety"],
                "weeks": "2",
                "hours": 3,
                "mode": "online",
                "model": "open",
                "prerequisites": [],
                "url": "https://learn.example.org/food",
            },
            {
                "title": "Kitchen Supervisor Certificate",
                "category": "Certificate",
                "about": "Run a commercial kitchen shift.",
                "fee": 640,
                "steps": [
                    {"component": "Safe Food Handling"},
                    {"ref": "FS 200", "what": "Shift Leadership", "type": "Project"},
                ],
                "skills": ["kitchen management"],
                "weeks": 8,
                "hours": 5,
                "mode": "hybrid",
                "model": "stackable",
                "prerequisites": ["safe-food-handling"],
                "url": "https://learn.example.org/kitchen",
            },
        ]
    }
    (tmp_path / "export.json").write_text(json.dumps(export))
    mapping = {
        "credentials": {
            "root": "programs",
            "fields": {
                "title": "name",
                "category": "type",
                "about": "description",
                "fee": "cost",
                "steps": "requirements",
                "weeks": "duration_weeks",
                "hours": "workload_hours_per_week",
                "mode": "format",
                "url": "enrollment_url",
            },
            "values": {"type": {"Badge": "digital_badge", "Certificate": "certificate"}},
        },
        "requirements": {
            "fields": {
                "ref": "code",
                "what": "title",
                "type": "kind",
                "hrs": "hours",
                "component": "credential",
            },
            "values": {"kind": {"Course": "course", "Project": "project"}},
        },
        "institution": {"name": "Lakeshore Culinary Institute"},
    }
    (tmp_path / "mapping.yml").write_text(yaml.safe_dump(mapping))
    out = tmp_path / "kb"
    result = import_catalog(tmp_path / "export.json", None, tmp_path / "mapping.yml", out)
    assert result.defaults_filled["provider"] == 2 and result.defaults_filled["level"] == 2
    items = written(out)
    food, kitchen = items["safe-food-handling"], items["kitchen-supervisor-certificate"]
    assert food["cost"] == {"amount": 0, "currency": "USD"} and food["duration_weeks"] == 2
    assert "prerequisites" not in food
    assert kitchen["prerequisites"] == {"credentials": ["safe-food-handling"]}
    assert kitchen["requirements"][0] == {"kind": "credential", "credential": "safe-food-handling"}
    assert kitchen["provider"] == "Lakeshore Culinary Institute"


def test_a_yaml_export_in_our_own_field_names_needs_no_mapping(tmp_path):
    export = [
        {
            "name": "Forklift Safety",
            "type": "digital_badge",
            "model": "job_training",
            "description": "Operate a counterbalance forklift safely.",
            "requirements": [{"code": "WH 10", "kind": "competency", "title": "Forklift Operation"}],
            "skills": ["forklift operation"],
            "duration_weeks": 1,
            "workload_hours_per_week": 10,
            "cost": 120,
            "format": "in_person",
            "stacks_into": ["Warehouse Associate Certificate"],  # a degree-like name, not an id
        }
    ]
    (tmp_path / "export.yml").write_text(yaml.safe_dump(export))
    out = tmp_path / "kb"
    (out).mkdir()
    (out / "institution.yml").write_text(
        "name: Northgate Technical College\nwebsite: https://ntc.example.edu\n"
    )
    import_catalog(tmp_path / "export.yml", out=out)
    [badge] = written(out).values()
    assert badge["id"] == "forklift-safety"
    assert badge["cost"] == {"amount": 120, "currency": "USD"}
    assert badge["stacks_into"] == [{"degree": "Warehouse Associate Certificate"}]
    assert badge["enrollment_url"] == "https://ntc.example.edu"


def bad_export(tmp_path: Path) -> tuple[Path, Path]:
    credentials = (FIXTURES / "credentials.csv").read_text().splitlines()
    credentials[1] = credentials[1].replace(",Badge,", ",Diploma,")  # line 2: GIS-101
    credentials[2] = credentials[2].replace(",4,6,Free,", ",4,six,Free,")  # line 3: DRN-110
    credentials[4] = credentials[4].replace("RS-120,Remote Sensing Basics,", "RS-120,,")  # line 5
    requirements = (FIXTURES / "requirements.csv").read_text().splitlines()
    requirements += ["XX-999,Course,GEO 999,Nothing,1,1,", "GEO-290,Badge,,,,,Underwater Welding"]
    (tmp_path / "c.csv").write_text("\n".join(credentials) + "\n")
    (tmp_path / "r.csv").write_text("\n".join(requirements) + "\n")
    return tmp_path / "c.csv", tmp_path / "r.csv"


def test_every_problem_is_reported_with_file_row_field_value_and_expected_shape(tmp_path):
    credentials, requirements = bad_export(tmp_path)
    out = tmp_path / "kb"
    with pytest.raises(ImportProblems) as error:
        import_catalog(credentials, requirements, FIXTURES / "mapping.yml", out)
    found = {
        (Path(p.file).name, p.entry, p.field, p.column, p.found, p.expected) for p in error.value.problems
    }
    assert found == {
        (
            "c.csv",
            "row 2 (credential 'gis-101')",
            "type",
            "Badge",
            "Diploma",
            "one of certificate, digital_badge, nanodegree",
        ),
        (
            "c.csv",
            "row 3 (credential 'drn-110')",
            "workload_hours_per_week",
            "Hours per Week",
            "six",
            "a number of at least 1",
        ),
        ("c.csv", "row 5 (credential 'rs-120')", "name", "Credential Title", NOTHING, "non-empty text"),
        (
            "r.csv",
            "row 9 (requirement)",
            "belongs_to",
            "Program",
            "XX-999",
            "the id or name of a credential in the credentials export",
        ),
        (
            "r.csv",
            "row 10 (requirement of credential 'geo-290')",
            "credential",
            "Component",
            "Underwater Welding",
            "the id of a credential in the catalog",
        ),
    }
    assert not out.exists(), "nothing is written when there are problems"
    message = str(error.value)
    assert message.startswith("the import found 5 problems; nothing was written:")
    assert (
        "c.csv: row 2 (credential 'gis-101'): field 'type' (column 'Badge'): found 'Diploma'; expected one of"
        in message
    )


def test_the_command_exits_1_with_the_report_and_no_traceback(tmp_path, capsys):
    credentials, requirements = bad_export(tmp_path)
    out = tmp_path / "kb"
    shutil.copytree(KNOWLEDGE_BASE, out)
    before = {p.name: p.read_text() for p in (out / "credentials").glob("*.yml")}
    argv = ["catalog", "import", str(credentials), "--requirements", str(requirements)]
    code = main([*argv, "--mapping", str(FIXTURES / "mapping.yml"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: the import found 5 problems; nothing was written:")
    assert "Traceback" not in err
    assert {p.name: p.read_text() for p in (out / "credentials").glob("*.yml")} == before


def test_the_command_says_what_it_wrote_and_which_defaults_it_filled(tmp_path, capsys):
    out = tmp_path / "kb"
    argv = ["catalog", "import", str(FIXTURES / "credentials.csv"), "--requirements"]
    argv += [
        str(FIXTURES / "requirements.csv"),
        "--mapping",
        str(FIXTURES / "mapping.yml"),
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert "imported 4 credentials" in said and "geography-department.yml: 3" in said
    assert "level (4)" in said and "enrollment_url (4)" in said and "provider (1)" in said
    assert "faq.yml is still needed" in said


def test_a_mapping_naming_a_field_we_do_not_have_is_reported(tmp_path):
    (tmp_path / "mapping.yml").write_text("credentials:\n  fields:\n    Credential Title: title\n")
    with pytest.raises(
        ImportProblems, match=r"field 'fields.Credential Title': is not one of our fields; found 'title'"
    ):
        import_catalog(
            FIXTURES / "credentials.csv", mapping_file=tmp_path / "mapping.yml", out=tmp_path / "kb"
        )


def test_a_column_that_names_none_of_our_fields_is_reported_once_for_the_file(tmp_path):
    (tmp_path / "mapping.yml").write_text("credentials:\n  fields: {Credential Title: name}\n")
    with pytest.raises(ImportProblems) as error:
        import_catalog(
            FIXTURES / "credentials.csv", mapping_file=tmp_path / "mapping.yml", out=tmp_path / "kb"
        )
    badge = [p for p in error.value.problems if p.entry == "column 'Badge'"]
    assert len(badge) == 1
    assert "map it under 'fields' in the mapping file, or list it under 'ignore'" in str(badge[0])
    assert badge[0].found == "Badge"  # the first value, to recognise the column by
