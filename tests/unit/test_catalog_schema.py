"""The validator's defaults and natural shapes, credential requirements, and the committed
JSON Schema (generated from the same field tables, so it may never be stale)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import jsonschema
import pytest
import yaml

from bot.catalog.fields import CatalogDefaults
from bot.catalog.json_schema import SCHEMA_FILE, build_schema, schema_text
from bot.catalog.schema import KnowledgeBaseError, validate_catalog, validate_institution
from tests.conftest import KNOWLEDGE_BASE

DEFAULTS = CatalogDefaults(
    provider="Cascade Ridge College", enrollment_url="https://crc.example.edu", currency="CAD"
)


def credential(**fields) -> dict:
    """The fewest fields a credential needs, plus ``fields``."""
    base = {
        "name": "GIS Mapping Essentials",
        "type": "digital_badge",
        "model": "stackable",
        "description": "Make maps.",
        "requirements": [{"code": "GEO 101", "kind": "course", "title": "Introduction to GIS"}],
        "skills": ["GIS"],
        "duration_weeks": 6,
        "workload_hours_per_week": 5,
        "cost": 250,
        "format": "online",
    }
    return {**base, **fields}


def validate(*items, defaults=DEFAULTS) -> list[dict]:
    return validate_catalog({"credentials/geo.yml": list(items)}, defaults)


def problems(*items) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as error:
        validate(*items)
    return [str(p) for p in error.value.problems]


def test_optional_fields_get_their_documented_defaults():
    [item] = validate(credential())
    assert item["id"] == "gis-mapping-essentials"
    assert (item["level"], item["provider"], item["enrollment_url"]) == (
        "introductory",
        "Cascade Ridge College",
        "https://crc.example.edu",
    )
    assert (item["open_to_public"], item["credit_value"], item["aliases"], item["careers"]) == (
        True,
        0,
        [],
        [],
    )
    assert (item["cost_amount"], item["cost_currency"]) == (250, "CAD")


def test_an_institution_needs_only_its_name():
    clean = validate_institution("institution.yml", {"name": "Cascade Ridge College"})
    assert clean["short_name"] == "CRC" and clean["currency"] == "USD" and clean["enrollment_office"] == {}
    assert clean["website"] is None  # filled from the credentials' enrollment address on load


def test_without_a_website_an_enrollment_url_is_required_and_says_why():
    [message] = problems_without_website()
    assert "field 'enrollment_url': is required here: its default is the institution's website" in message


def problems_without_website() -> list[str]:
    with pytest.raises(KnowledgeBaseError) as error:
        validate(credential(), defaults=CatalogDefaults(provider="X"))
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize(
    "cost, expected",
    [
        (0, (0, "CAD")),
        ("free", (0, "CAD")),
        ("Free", (0, "CAD")),
        (250, (250, "CAD")),
        ({"amount": 9, "currency": "EUR"}, (9, "EUR")),
    ],
)
def test_cost_in_its_natural_shapes(cost, expected):
    [item] = validate(credential(cost=cost))
    assert (item["cost_amount"], item["cost_currency"]) == expected


def test_prerequisites_and_stacking_in_their_natural_shapes():
    badge = credential(
        id="gis-badge", stacks_into=["geo-cert", {"degree": "B.S. in Geography", "credits": 6}]
    )
    cert = credential(id="geo-cert", name="Geospatial Certificate", prerequisites=["gis-badge"])
    open_badge = credential(id="open-badge", name="Open Maps", prerequisites=[])
    noted = credential(id="noted-badge", name="Noted", prerequisites="Basic spreadsheet skills.")
    items = {i["id"]: i for i in validate(badge, cert, open_badge, noted)}
    assert items["gis-badge"]["stacks_into"] == [
        {"credential": "geo-cert", "degree": None, "credits": None},
        {"credential": None, "degree": "B.S. in Geography", "credits": 6},
    ]
    assert items["geo-cert"]["prerequisites"] == ["gis-badge"]
    assert items["open-badge"]["prerequisites"] == [] and items["open-badge"]["prerequisite_notes"] is None
    assert items["noted-badge"]["prerequisite_notes"] == "Basic spreadsheet skills."


def test_a_wrong_shape_names_the_value_found_and_the_shape_expected():
    [message] = problems(credential(cost={"amount": "lots"}))
    assert message == (
        "credentials/geo.yml: credential 'GIS Mapping Essentials': field 'cost.amount': "
        "found 'lots'; expected a number of at least 0"
    )
    [message] = problems(credential(stacks_into=[{"credential": "a", "degree": "b"}]))
    assert "expected a list of credential ids, {credential: id} or {degree: NAME, credits: NUMBER}" in message


def component_catalog(**cert_fields) -> list[dict]:
    gis = credential(id="gis-badge", credit_value=3)
    drone = credential(id="drone-badge", name="Drone Survey Operations")
    cert = credential(
        id="geo-cert",
        name="Geospatial Certificate",
        type="certificate",
        requirements=[
            {"kind": "credential", "credential": "gis-badge"},
            {"credential": "drone-badge"},
            {"code": "GEO 290", "kind": "project", "title": "Capstone"},
        ],
        **cert_fields,
    )
    return [gis, drone, cert]


def test_a_credential_requirement_names_a_credential_of_the_catalog():
    items = {i["id"]: i for i in validate(*component_catalog())}
    assert items["geo-cert"]["requirements"][:2] == [
        {
            "code": "gis-badge",
            "kind": "credential",
            "title": "GIS Mapping Essentials",
            "credits": 3,
            "hours": None,
            "translations": {},
            "credential": "gis-badge",
        },
        {
            "code": "drone-badge",
            "kind": "credential",
            "title": "Drone Survey Operations",
            "credits": 0,
            "hours": None,
            "translations": {},
            "credential": "drone-badge",
        },
    ]


def test_a_credential_requirement_is_called_by_its_components_translated_names():
    catalog = component_catalog()
    catalog[0]["translations"] = {"es": {"name": "Fundamentos de SIG"}, "fr": {"description": "Cartes."}}
    items = {i["id"]: i for i in validate(*catalog, defaults=replace(DEFAULTS, languages=("en", "es", "fr")))}
    assert items["geo-cert"]["requirements"][0]["translations"] == {"es": {"title": "Fundamentos de SIG"}}
    assert items["gis-badge"]["translated_names"] == ["Fundamentos de SIG"]


def test_translations_are_in_the_knowledge_bases_other_languages_of_translatable_fields():
    defaults = replace(DEFAULTS, languages=("en", "es"))
    with pytest.raises(KnowledgeBaseError) as error:
        validate(
            credential(translations={"fr": {"name": "SIG"}, "en": {"name": "GIS"}}),
            credential(
                id="drone-badge",
                name="Drone Survey Operations",
                translations={"es": {"name": "Drones", "cost": "gratis", "description": 3}},
            ),
            defaults=defaults,
        )
    found = [str(p) for p in error.value.problems]
    assert any(
        "field 'translations': is not one of the knowledge base's languages "
        "(institution.yml: languages); found 'fr'; expected one of es" in p
        for p in found
    )
    assert any("found 'en'" in p and "is the language the knowledge base is written in" in p for p in found)
    assert any(
        "field 'translations.es.cost': is not a translatable field" in p
        and "expected one of name, description, prerequisite_notes" in p
        for p in found
    )
    assert any("field 'translations.es.description': found 3; expected non-empty text" in p for p in found)
    twin = credential(
        id="map-badge", name="Map Reading", translations={"es": {"name": "gis mapping essentials"}}
    )
    with pytest.raises(KnowledgeBaseError) as error:
        validate(credential(), twin, defaults=defaults)
    assert "credential 'map-badge': field 'translations': 'gis mapping essentials' also names" in str(
        error.value
    )


def test_the_institutions_languages_are_ones_the_assistant_speaks():
    base = {"name": "Cascade Ridge College"}
    assert validate_institution("institution.yml", base)["languages"] == ["en"]
    assert validate_institution("institution.yml", {**base, "languages": ["fr", "en"]})["languages"] == [
        "fr",
        "en",
    ]
    for wrong in (["en", "xx"], [], "en", ["en", "en"]):
        with pytest.raises(KnowledgeBaseError) as error:
            validate_institution("institution.yml", {**base, "languages": wrong})
        assert "field 'languages'" in str(error.value) and "en, es, fr" in str(error.value)
    with pytest.raises(KnowledgeBaseError) as error:
        validate_institution(
            "institution.yml",
            {
                **base,
                "languages": ["en", "es"],
                "translations": {"es": {"enrollment_office": {"email": "x"}}},
            },
        )
    assert "field 'translations.es.enrollment_office.email': is not a translatable field" in str(error.value)


def test_an_unknown_or_circular_credential_requirement_is_refused():
    catalog = component_catalog()
    catalog[2]["requirements"].append({"kind": "credential", "credential": "no-such-badge"})
    catalog[0]["requirements"].append({"kind": "credential", "credential": "geo-cert"})
    found = problems(*catalog)
    assert any(
        "credential 'geo-cert': field 'requirements[3].credential': unknown credential id 'no-such-badge'"
        in p
        for p in found
    )
    assert any("credential requirements form a cycle: gis-badge -> geo-cert -> gis-badge" in p for p in found)
    [itself] = problems(credential(id="a", requirements=[{"kind": "credential", "credential": "a"}]))
    assert "a credential cannot require itself" in itself


def test_a_credential_requirement_takes_no_code_and_a_course_no_credential():
    found = problems(
        credential(
            requirements=[
                {"kind": "credential", "credential": "x", "code": "GEO 1"},
                {"kind": "course", "code": "GEO 2", "title": "T", "credential": "y"},
            ]
        )
    )
    assert any("field 'requirements[0].code'" in p and "leave it out" in p for p in found)
    assert any("field 'requirements[1].credential'" in p and "expected kind: credential" in p for p in found)


def test_the_committed_schema_json_is_the_one_the_validator_generates():
    committed = (KNOWLEDGE_BASE / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(), (
        "knowledge_base/schema.json is stale: run `python -m bot catalog schema` and commit it"
    )


def _as_json(data):
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def test_the_schema_accepts_every_demo_file_and_refuses_a_wrong_field():
    validator = jsonschema.Draft7Validator(build_schema())
    for path in sorted(KNOWLEDGE_BASE.rglob("*.yml")):
        errors = [e.message for e in validator.iter_errors(_as_json(yaml.safe_load(path.read_text())))]
        assert errors == [], path
    wrong = {"credentials": [credential(type="diploma", colour="blue")]}
    messages = [e.message for e in validator.iter_errors(wrong)]
    assert any("'diploma' is not one of" in m for m in messages)
    assert any("'colour' was unexpected" in m for m in messages)
    assert not list(validator.iter_errors({"credentials": component_catalog()}))
    assert list(validator.iter_errors({"credentials": [credential(requirements=[{"kind": "course"}])]}))
