"""Nothing of the demo institution shows through another institution's catalog: every reply the
Python code composes, the responses and training data generated for it, and the site's pages
name that catalog's institution and credentials only (the second catalog, ``tests/catalogs/``).
The product's own files name no demo institution or credential either."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import requests
import yaml

from bot.catalog.examples import example_mention
from bot.catalog.institution import Institution
from bot.catalog.loader import load_knowledge_base, read_knowledge_base
from bot.catalog.repository import Catalog
from bot.catalog.training_data import training_data
from bot.config import PROJECT_ROOT, Settings
from bot.db import session_scope
from bot.handoff.messages import handoff_reply, waiting_acknowledgement
from bot.handoff.office_hours import configured
from bot.handoff.rules import Reason
from bot.nlp.vocabulary import ATTRIBUTES
from bot.recommend.goals import parse_goal
from bot.recommend.learner import ANONYMOUS, LearnerContext
from bot.recommend.replies import recommendation_replies
from bot.recommend.service import recommend
from bot.recommend.synonyms import load_synonyms
from bot.records.csv_import import import_files
from bot.records.progress import CredentialRef, load_progress
from bot.replies import answers
from bot.replies.progress import answer
from bot.replies.reply import Reply
from tests.conftest import use_database
from tests.support.second_catalog import SECOND_CATALOG, demo_words_in
from tests.unit.test_credential_pages import serve, visible_text

SCHOOL = read_knowledge_base(SECOND_CATALOG).institution
#: The product's own files: code, templates, the site, Rasa's domain, configuration and training data.
PRODUCT = ["bot", "actions", "channels", "components", "web", "data"]
SOURCE_SUFFIXES = {".py", ".yml", ".yaml", ".html", ".js", ".json", ".svg", ".css"}


@pytest.fixture
def second_catalog(tmp_path, monkeypatch) -> Catalog:
    use_database(monkeypatch, tmp_path / "second.db")
    monkeypatch.setenv("MICROCRED_KNOWLEDGE_BASE", str(SECOND_CATALOG))  # its synonyms, for recommending
    load_synonyms.cache_clear()  # read once per process: the other tests keep the demo's
    load_knowledge_base(SECOND_CATALOG)
    yield Catalog()
    load_synonyms.cache_clear()


def said(replies: list[Reply]) -> str:
    return "\n".join(r.text + "\n" + "\n".join(b["title"] for b in r.buttons) for r in replies)


def catalog_replies(catalog: Catalog) -> list[Reply]:
    """Every kind of answer the catalog code gives, for every credential of the catalog."""
    school = Institution.from_settings(catalog.institution())
    credentials = list(catalog.credentials())
    replies = [
        answers.credential_list(credentials, "credentials"),
        answers.credential_list(credentials, "credentials", page=2),
        answers.credential_list([], "underwater welding certificates"),
        answers.general_enrollment(school, credentials[0]),
        answers.ask_which(catalog.example_mention(), credentials[0], "ask_requirements"),
        answers.ambiguous(credentials[:3], "ask_requirements", {}),
        answers.unknown("underwater welding certificate", credentials[:3]),
        answers.support(catalog.support_resources()),
        answers.support([]),
    ]
    for c in credentials:
        replies += [
            answers.overview(c),
            answers.requirements(c, catalog.get_many(c.prerequisite_ids)),
            answers.stacking(c, catalog.stacks_into(c), catalog.stacks_from(c.id)),
            answers.enrollment(c, signed_in=False, institution=school),
            answers.enrollment(c, signed_in=True, institution=school),
            *(answers.attribute(c, name) for name in ATTRIBUTES),
        ]
    return replies


def recommendation_texts(catalog: Catalog) -> list[Reply]:
    careers = sorted({career for c in catalog.credentials() for career in c.careers})
    replies = []
    for career in careers:
        for learner in (ANONYMOUS, LearnerContext(signed_in=True)):
            result = recommend(catalog, parse_goal(f"I want to become a {career}"), learner)
            replies += recommendation_replies(result)
    replies += recommendation_replies(recommend(catalog, parse_goal("underwater basket weaving"), ANONYMOUS))
    return replies


#: A student of the second catalog: a badge earned, the certificate it stacks into under way.
RECORDS = {
    "students.csv": "student_id,given_name,family_name,email,program\n"
    "S2001,Rowan,Quill,rowan.quill@learners.lakemont.example.org,Diploma in Surveying Technology\n",
    "enrollments.csv": "student_id,credential_id,status,enrolled_on,completed_on\n"
    "S2001,gis-mapping-badge,Completed,2026-09-01,2026-10-15\n"
    "S2001,geospatial-certificate,InProgress,2026-10-20,\n",
    "completions.csv": "student_id,requirement_code,completed_on,result\n"
    "S2001,GEO 101,2026-09-20,A\nS2001,GEO 120,2026-10-10,A\n",
}


def progress_replies(tmp_path: Path) -> list[Reply]:
    """What a signed-in student of the second catalog is told about their progress."""
    paths = []
    for name, content in RECORDS.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
        paths.append(tmp_path / name)
    _, problems = import_files(paths)
    assert problems == []
    with session_scope() as session:
        progress = load_progress(session, "S2001")
    other = CredentialRef("pastry-certificate", "Artisan Pastry Certificate")
    texts = ["how far along am I?", "what's left?", "what should I take next?", "and the other one?"]
    return [answer(progress, text).reply for text in texts] + [answer(progress, mentioned=other).reply]


def handoff_replies() -> list[str]:
    settings = Settings.from_env()
    office = configured(settings.advisor_office_hours, settings.advisor_timezone)
    now = datetime(2027, 1, 12, 10, 0, tzinfo=timezone.utc)
    said = [
        line
        for reason in Reason
        for reused in (False, True)
        for line in handoff_reply(reason, 7, reused, True, office, settings.crisis_line, now)
    ]
    return [*said, waiting_acknowledgement("hello?", settings.crisis_line)]


def test_every_reply_composed_for_another_catalog_names_only_its_institution(second_catalog, tmp_path):
    replies = (
        catalog_replies(second_catalog) + recommendation_texts(second_catalog) + progress_replies(tmp_path)
    )
    replies += [Reply(line) for line in handoff_replies()]
    text = said(replies)
    assert demo_words_in(text) == []
    assert f"enrolled {SCHOOL['short_name']} students" in text  # its embedded badges
    assert SCHOOL["enrollment_office"]["email"] in text
    assert 'for example "the GIS badge"' in text
    assert "Geospatial Technology Certificate" in text and "GEO 140" in text  # the student's progress


def test_its_generated_responses_and_training_data_name_its_institution_and_credentials():
    data = training_data(read_knowledge_base(SECOND_CATALOG))
    assert demo_words_in(yaml.safe_dump(data, allow_unicode=True)) == []
    responses = data["responses"]
    assert SCHOOL["name"] in responses["utter_greet"][0]["text"]
    assert SCHOOL["name"] in responses["utter_iamabot"][0]["text"]
    assert '"what do I need for the GIS badge?"' in responses["utter_ask_rephrase"][0]["text"]


def test_the_example_credential_is_a_badge_by_its_shortest_typed_alias():
    assert example_mention([("Vineyard Management Certificate", ["vineyard skills"], "certificate")]) == (
        "the Vineyard Management Certificate"
    )
    assert example_mention(
        [
            ("Vineyard Management Certificate", [], "certificate"),
            ("Drone Survey Operations", ["UAV survey badge", "drone badge", "drones"], "digital_badge"),
        ]
    ) == ("the drone badge")
    assert example_mention([]) == ""


def test_its_site_pages_name_its_institution_and_credentials_only(tmp_path):
    names = [c["name"] for c in read_knowledge_base(SECOND_CATALOG).credentials]
    with serve(tmp_path, SECOND_CATALOG) as base:
        home = requests.get(f"{base}/", timeout=10)
        assert home.status_code == 200
        text = visible_text(home.text)
        assert f"{SCHOOL['short_name']} Student Services — Micro-credentials" in text
        assert SCHOOL["enrollment_office"]["phone"] in text and SCHOOL["advisor_office_hours"] in text
        assert "such as GIS Mapping Essentials or Drone Survey Operations" in text
        pages = [home.text] + [
            requests.get(f"{base}{path}", timeout=10).text
            for path in ("/credentials", "/credentials/forest-inventory-badge", "/credentials/nope")
        ]
        assert demo_words_in("\n".join(pages)) == []
        assert all(name in pages[1] for name in names)


def product_files() -> list[Path]:
    files = [PROJECT_ROOT / "domain.yml", PROJECT_ROOT / "config.yml"]
    for folder in PRODUCT:
        files += [
            p
            for p in sorted((PROJECT_ROOT / folder).rglob("*"))
            if p.is_file()
            and p.suffix in SOURCE_SUFFIXES
            and "node_modules" not in p.parts
            and p.name != "package-lock.json"
        ]
    return files


def test_no_product_file_names_the_demo_institution_or_its_credentials():
    named = {
        str(p.relative_to(PROJECT_ROOT)): hits
        for p in product_files()
        if (hits := demo_words_in(p.read_text(encoding="utf-8", errors="replace")))
    }
    assert named == {}


def test_the_institutions_names_are_taken_out_of_a_credential_mention():
    school = Institution.from_settings(SCHOOL)
    assert school.without_names("what do I need for the Lakemont Poly drone badge?") == (
        "what do I need for the drone badge?"
    )
    assert school.without_names("Lakemont Polytechnic Institute's GIS badge") == "GIS badge"
    assert school.without_names("lakemont poly") == ""
