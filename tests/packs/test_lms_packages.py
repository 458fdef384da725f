"""The LMS packages and question banks as files: manifests valid against the official schemas,
every reference resolved, same bytes on every build, no identifier shared between two countries
or two languages, no exam answer in a package, and suspend_data within SCORM 1.2's limit."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.packs.cache import Cache
from builder.packs.content.content import PackContent, build_content
from builder.packs.content.i18n import Labels
from builder.packs.formats.lms_gift import gift
from builder.packs.formats.lms_key import digest, exam_data, numeric_digits, numeric_responses
from builder.packs.formats.lms_moodle import moodle_xml
from builder.packs.formats.lms_names import lms_scope, question_name
from builder.packs.formats.lms_packages import PACKAGES, lms_packages
from builder.packs.formats.lms_qti import qti_package
from builder.validate.orchestrator import CheckResult, check_curriculum
from tests.packs.lms_support import SCHEMAS, cmi5_schema, scorm12_schema, scorm2004_schema
from tests.requirements import require

ROOT = Path(__file__).resolve().parents[2]
CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
CP2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def tiny_pack(tiny_built: tuple[CheckResult, Path]) -> Path:
    _, out = tiny_built
    return out / "KE"


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    require((SCHEMAS / "scorm-1.2" / "adlcp_rootv1p2.xsd").is_file(), f"schemas in {SCHEMAS}")
    return {"scorm12": scorm12_schema(), "scorm2004": scorm2004_schema(), "cmi5": cmi5_schema()}


def _zip(pack: Path, name: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(pack / "instructor" / "lms" / name)


def _check_references(root: ET.Element, cp: str, names: set[str]) -> None:
    """Every identifierref names a resource, every href is in the zip and every file of the zip
    is listed."""
    resources = {r.get("identifier") for r in root.iter(f"{cp}resource")}
    refs = [i.get("identifierref") for i in root.iter(f"{cp}item") if i.get("identifierref")]
    refs += [d.get("identifierref") for d in root.iter(f"{cp}dependency")]
    assert refs and all(r in resources for r in refs), refs
    hrefs = {f.get("href") for f in root.iter(f"{cp}file")}
    assert hrefs <= names, hrefs - names
    assert names - {"imsmanifest.xml"} == hrefs


@pytest.mark.parametrize("name", ["scorm12", "scorm2004"])
def test_scorm_manifest_is_valid(tiny_pack: Path, schemas: dict[str, Any], name: str) -> None:
    with _zip(tiny_pack, f"{name}.zip") as zf:
        manifest = zf.read("imsmanifest.xml")
        names = set(zf.namelist())
    errors = list(schemas[name].iter_errors(io.BytesIO(manifest)))
    assert not errors, [e.reason for e in errors]
    _check_references(ET.fromstring(manifest), CP12 if name == "scorm12" else CP2004, names)


def test_cmi5_structure_is_valid(
    tiny_pack: Path, schemas: dict[str, Any], tiny_content: PackContent
) -> None:
    with _zip(tiny_pack, "cmi5.zip") as zf:
        structure = zf.read("cmi5.xml")
        names = set(zf.namelist())
    assert zipfile.ZipFile(tiny_pack / "instructor/lms/cmi5.zip").namelist()[0] == "cmi5.xml"
    errors = list(schemas["cmi5"].iter_errors(io.BytesIO(structure)))
    assert not errors, [e.reason for e in errors]
    ns = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
    root = ET.fromstring(structure)
    aus = root.findall(f"{ns}au")
    exams = [f"exam-{x.id}.html" for x in tiny_content.exams]
    assert [a.findtext(f"{ns}url") for a in aus] == ["intro.html", "risk.html", *exams]
    assert all(a.findtext(f"{ns}url") in names for a in aus)
    assert aus[0].get("moveOn") == "CompletedAndPassed"
    assert aus[0].get("masteryScore") == "0.60"


def test_manifest_order_prerequisites_and_mastery(
    tiny_pack: Path, tiny_content: PackContent
) -> None:
    with _zip(tiny_pack, "scorm12.zip") as zf:
        m12 = ET.fromstring(zf.read("imsmanifest.xml"))
    with _zip(tiny_pack, "scorm2004.zip") as zf:
        m2004 = zf.read("imsmanifest.xml").decode()
    adl = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
    items = list(m12.iter(f"{CP12}item"))
    exams = [f"I-x-{x.id}" for x in tiny_content.exams]
    assert [i.get("identifier") for i in items] == ["I-m-intro", "I-m-risk", *exams]
    assert items[1].findtext(f"{adl}prerequisites") == "I-m-intro"
    assert items[-1].findtext(f"{adl}prerequisites") == "I-m-intro&I-m-risk"
    assert items[0].findtext(f"{adl}masteryscore") == "60"
    risk = m2004[m2004.index('identifier="I-m-risk"') : m2004.index('identifier="I-x-basics')]
    assert 'referencedObjective="P-m-intro" operator="not" condition="satisfied"' in risk
    assert '<imsss:ruleAction action="disabled"/>' in risk
    assert "<imsss:minNormalizedMeasure>0.60</imsss:minNormalizedMeasure>" in risk


def test_packages_are_offline_and_escape_author_text(tiny_pack: Path) -> None:
    for name in ("scorm12.zip", "scorm2004.zip", "cmi5.zip"):
        with _zip(tiny_pack, name) as zf:
            for entry in zf.namelist():
                text = zf.read(entry).decode("utf-8")
                assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), (name, entry)
                if entry.endswith(".html"):
                    assert "<script>alert" not in text and "<img src=x" not in text


def test_exam_answers_are_not_in_the_packages(tiny_pack: Path, tiny_content: PackContent) -> None:
    exam = tiny_content.exams[0]
    with _zip(tiny_pack, "scorm2004.zip") as zf:
        page = zf.read(f"exam-{exam.id}.html").decode("utf-8")
    data = json.loads(re.search(r'id="quiz-data">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert '"correct"' not in page
    secret = {"explanation", "answers", "answer", "value", "tolerance", "correctFeedback"}
    for q in data["questions"]:
        assert not (secret & set(q)), q
        assert all(set(o) <= {"text", "fixed"} for o in q.get("options", []))
    for q in exam.questions:
        assert q.explanation not in page
        assert all(not o.feedback or o.feedback not in page for o in q.options)
    order = next(q for q in data["questions"] if q["type"] == "order")
    source = next(q for q in exam.questions if q.type == "order")
    assert order["items"] != list(source.items)  # the right order is not the order shown


@pytest.fixture(scope="module")
def tiny_content(tiny_built: tuple[CheckResult, Path]) -> PackContent:
    result, _ = tiny_built
    assert result.curriculum is not None
    return build_content(result.curriculum, result.course.plan("KE"))


def test_same_bytes_on_every_build(tiny_content: PackContent, tmp_path: Path) -> None:
    first, _ = lms_packages(tiny_content, Cache(tmp_path / "a"))
    again, _ = lms_packages(tiny_content, Cache(tmp_path / "b"))
    assert set(first) == set(PACKAGES)
    assert first == again


def _contents(tmp_path: Path) -> list[PackContent]:
    """Return three packs of the tiny curriculum: KE in French and English, and a second country
    (a copy of KE's profile as TZ) in French."""
    from tiny import write_tree

    root = write_tree(tmp_path / "tiny")
    ke = (root / "curriculum" / "countries" / "KE.yml").read_text(encoding="utf-8")
    (root / "curriculum" / "countries" / "TZ.yml").write_text(
        ke.replace("country: KE", "country: TZ"), encoding="utf-8"
    )
    result = check_curriculum(root)
    assert result.curriculum is not None, [str(d) for d in result.diagnostics]
    ke_plan, tz_plan = result.course.plan("KE"), result.course.plan("TZ")
    plans = [ke_plan, dataclasses.replace(ke_plan, language="en"), tz_plan]
    return [build_content(result.curriculum, p) for p in plans]


def _identifiers(content: PackContent, cache: Cache) -> set[str]:
    """Return every identifier an LMS keeps from one pack's exports."""
    L, titles = content.labels, {q.id: q.id for q in content.quizzes}
    scope = lms_scope(content.code, content.lang)
    ids: set[str] = set()
    moodle = ET.fromstring(moodle_xml(content.quizzes, titles, "root", L, scope))
    ids |= {el.text or "" for el in moodle.iter("idnumber")}
    with zipfile.ZipFile(io.BytesIO(qti_package(scope, content.quizzes, titles, L, 0))) as zf:
        for name in zf.namelist():
            ids |= set(re.findall(r'identifier="([^"]+)"', zf.read(name).decode()))
    ids -= {"RESPONSE", "SCORE", "MAXSCORE", "PASS", "FEEDBACK", "P1", "S1", "CORRECT"}
    ids = {i for i in ids if not re.fullmatch(r"[A-Z]+\d*|[A-Z]\d+", i)}
    for name, data in lms_packages(content, cache)[0].items():
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            first = zf.read(zf.namelist()[0]).decode()
        ids |= set(re.findall(r'<manifest identifier="([^"]+)"', first))
        ids |= set(re.findall(r'targetObjectiveID="([^"]+)"', first))
        ids |= set(re.findall(r'<(?:course|au) id="([^"]+)"', first))
        ids |= set(re.findall(r'<manifest [^>]*identifier="([^"]+)"', first))
        assert ids, name
    return ids


def test_two_countries_two_languages_share_no_identifier(tmp_path: Path) -> None:
    contents = _contents(tmp_path)
    cache = Cache(tmp_path / "cache")
    sets = [_identifiers(c, cache) for c in contents]
    for i, a in enumerate(sets):
        assert len(a) > 10
        for b in sets[i + 1 :]:
            assert not (a & b), sorted(a & b)[:5]
    assert _identifiers(contents[0], cache) == sets[0]  # stable across rebuilds


def test_question_names_are_readable_and_the_same_in_every_format(
    tiny_content: PackContent,
) -> None:
    L, titles = tiny_content.labels, {q.id: q.id for q in tiny_content.quizzes}
    scope = lms_scope(tiny_content.code, tiny_content.lang)
    moodle = ET.fromstring(moodle_xml(tiny_content.quizzes, titles, "root", L, scope))
    names = [
        q.findtext("name/text") for q in moodle.iter("question") if q.get("type") != "category"
    ]
    expected = [question_name(q) for quiz in tiny_content.quizzes for q in quiz.questions]
    assert names == expected
    assert expected[0].startswith("Q-SINGLE · ")
    text, _ = gift(tiny_content.quizzes, titles, "root", L, scope)
    qti = zipfile.ZipFile(io.BytesIO(qti_package(scope, tiny_content.quizzes, titles, L, 0)))
    qti_titles = [
        ET.fromstring(qti.read(n)).get("title") for n in qti.namelist() if n.startswith("items/")
    ]
    assert sorted(qti_titles) == sorted(expected)
    assert text.count("[tag:practice]") + text.count("[tag:exam]") == len(expected)
    tags = [t.text for t in moodle.iter("text") if t.text and t.text.startswith("objective:")]
    assert "objective:know" in tags
    assert "track:basics" in {t.text for t in moodle.iter("text")}


def test_question_name_cuts_long_prompts() -> None:
    from builder.packs.content.content import LocalQuestion

    q = LocalQuestion("scb-01", "single", "Which document " + "word " * 40, "", 1.0)
    name = question_name(q)
    assert name.startswith("SCB-01 · Which document word")
    assert name.endswith("…") and len(name) < 80


def largest_practice_worst_case() -> tuple[str, int]:
    """Return the shipped practice quiz with the longest worst-case suspend_data, and that
    length: every choice ticked, every list set to its longest value, every typed answer 100
    characters that JSON escapes to six each (control characters)."""
    worst = ("", 0)
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        if path.name.count(".") > 1:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("mode") == "exam":
            continue
        answers = [_worst_answer(q) for q in data["questions"]]
        text = json.dumps({"v": 1, "a": answers, "b": 100, "t": 99999}, separators=(",", ":"))
        if len(text) > worst[1]:
            worst = (path.stem, len(text))
    return worst


def _worst_answer(q: dict[str, Any]) -> str:
    if q["type"] in ("single", "multiple"):
        return ",".join(str(i) for i in range(len(q["options"])))
    if q["type"] == "true-false":
        return "false"
    if q["type"] in ("short", "numeric"):
        return "\u0001" * 100
    n = len(q.get("pairs") or q.get("items") or [])
    return ",".join([str(n + 1)] * n)


def test_suspend_data_worst_case_of_the_largest_module_fits_scorm12() -> None:
    name, length = largest_practice_worst_case()
    assert name
    assert length <= 4096, (name, length)


def test_numeric_keys_accept_the_tolerance() -> None:
    digits = numeric_digits(3.0, 0.5)
    values = numeric_responses(3.0, 0.5, digits)
    assert values[0] == "2.50" and values[-1] == "3.50" and "3.00" in values
    assert numeric_digits(1000.0, 5000.0) >= 0
    assert len(numeric_responses(1000.0, 5000.0, numeric_digits(1000.0, 5000.0))) <= 20001


@settings(max_examples=40, deadline=None)
@given(
    value=st.integers(-1000, 1000).map(lambda n: n / 4),
    tolerance=st.sampled_from([0.0, 0.1, 0.25, 1.0, 2.0]),
)
def test_numeric_key_holds_the_value_and_only_numbers_within_tolerance(
    value: float, tolerance: float
) -> None:
    digits = numeric_digits(value, tolerance)
    values = numeric_responses(value, tolerance, digits)
    assert f"{value + 0.0:.{digits}f}" in values
    assert all(abs(float(v) - value) <= tolerance + 1e-9 for v in values)


def test_exam_data_refuses_a_practice_quiz(tiny_content: PackContent) -> None:
    quiz = tiny_content.modules[0].quiz
    assert quiz is not None
    with pytest.raises(ValueError, match="not an exam"):
        exam_data(quiz, Labels("en"), "KE-fr")
    assert digest("s", "1") != digest("t", "1")


def test_pack_lists_the_packages(tiny_pack: Path) -> None:
    manifest = json.loads((tiny_pack / "manifest.json").read_text(encoding="utf-8"))
    text = json.dumps(manifest)
    for name in PACKAGES:
        assert (tiny_pack / name).is_file()
        assert name in text
    assert "scorm12.zip" in (tiny_pack / "README.txt").read_text(encoding="utf-8")


def test_no_package_in_trainee_folder(tiny_pack: Path) -> None:
    assert not list((tiny_pack / "trainee").rglob("*.zip"))
    shutil.rmtree(tiny_pack.parent / "unused", ignore_errors=True)


def test_common_cartridge(tiny_pack: Path, tiny_content: PackContent) -> None:
    """The cartridge: pages and quizzes in plan order, every reference resolved, quiz settings
    in QTI metadata, no matching or ordering question (the CC profile has none)."""
    ns = "{http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1}"
    with zipfile.ZipFile(tiny_pack / "instructor" / "lms" / "course.imscc") as zf:
        names = set(zf.namelist())
        root = ET.fromstring(zf.read("imsmanifest.xml"))
        assert root.findtext(f"{ns}metadata/{ns}schemaversion") == "1.3.0"
        items = [i.get("identifier") for i in root.iter(f"{ns}item") if i.get("identifierref")]
        exams = [f"I-x-{x.id}" for x in tiny_content.exams]
        assert items == ["I-m-intro", "I-q-intro", "I-m-risk", "I-q-risk", *exams]
        _check_references(root, ns, names)
        exam = zf.read(f"assessments/x-{tiny_content.exams[0].id}/assessment.xml").decode()
        practice = zf.read("assessments/q-intro/assessment.xml").decode()
    q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
    fields = {
        f.findtext(f"{q}fieldlabel"): f.findtext(f"{q}fieldentry")
        for f in ET.fromstring(exam).iter(f"{q}qtimetadatafield")
    }
    assert fields["cc_maxattempts"] == "1" and fields["qmd_timelimit"] == "15"
    assert fields["qmd_passingscore"] == "60"
    assert 'shuffle="Yes"' in practice
    items_in = [i.get("title") for i in ET.fromstring(practice).iter(f"{q}item")]
    intro = tiny_content.modules[0].quiz
    assert intro is not None
    assert items_in == [
        question_name(x) for x in intro.questions if x.type not in ("match", "order")
    ]
