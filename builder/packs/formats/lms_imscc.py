"""An IMS Common Cartridge 1.3 course (``course.imscc``) that Moodle and Canvas restore as a
course: the module pages in plan order, each followed by its practice quiz, then the exams.

Pages are ``webcontent`` (the offline site's page of the module, without navigation or quiz
script). Quizzes are CC assessments (``imsqti_xmlv1p2/imscc_xmlv1p3/assessment``: QTI 1.2 in
the CC profile) with their settings in ``qtimetadata``: attempts (unlimited for practice, one
for exams), time limit, pass mark, and shuffled choices. The CC profile of QTI has no matching
or ordering question: those questions are left out of the cartridge (reported as a warning; use
``moodle.xml`` for them), and numeric questions become fill-in-the-blank with the value's
written forms (the tolerance is lost).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

from builder.packs.cache import Cache
from builder.packs.content.content import LocalQuestion, LocalQuiz, PackContent
from builder.packs.content.render_md import num
from builder.packs.formats.lms_names import question_name
from builder.packs.formats.lms_sco import NO_LINKS
from builder.packs.formats.out_site import ASSETS, common_fields, module_fields, new_md
from builder.packs.templating import render
from builder.packs.zipout import zip_bytes

CC = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
PROFILES = {
    "single": "cc.multiple_choice.v0p1",
    "multiple": "cc.multiple_response.v0p1",
    "true-false": "cc.true_false.v0p1",
    "short": "cc.fib.v0p1",
    "numeric": "cc.fib.v0p1",
}


def _fields(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    meta = ET.SubElement(parent, "qtimetadata")
    for label, entry in pairs:
        field = ET.SubElement(meta, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _choices(q: LocalQuestion) -> list[tuple[str, str, bool]]:
    """Return (ident, text, correct) of a choice question's options."""
    if q.type == "true-false":
        return [("T", "True", bool(q.answer)), ("F", "False", not q.answer)]
    return [(f"C{i}", o.text, o.correct) for i, o in enumerate(q.options)]


def _presentation(item: ET.Element, q: LocalQuestion) -> None:
    pres = ET.SubElement(item, "presentation")
    mat = ET.SubElement(ET.SubElement(pres, "material"), "mattext", {"texttype": "text/plain"})
    mat.text = q.prompt + (f" ({q.unit})" if q.type == "numeric" and q.unit else "")
    if q.type in ("short", "numeric"):
        resp = ET.SubElement(pres, "response_str", {"ident": "RESPONSE", "rcardinality": "Single"})
        ET.SubElement(resp, "render_fib")
        return
    card = "Multiple" if q.type == "multiple" else "Single"
    resp = ET.SubElement(pres, "response_lid", {"ident": "RESPONSE", "rcardinality": card})
    render_choice = ET.SubElement(
        resp, "render_choice", {"shuffle": "No" if q.type == "true-false" else "Yes"}
    )
    for ident, text, _ in _choices(q):
        label = ET.SubElement(render_choice, "response_label", {"ident": ident})
        ET.SubElement(ET.SubElement(label, "material"), "mattext").text = text


def _accepted(q: LocalQuestion) -> list[str]:
    if q.type == "short":
        return list(q.answers)
    value = q.value or 0.0
    forms = {num(value), num(value).replace(".", ",")}
    return sorted(forms)


def _processing(item: ET.Element, q: LocalQuestion) -> None:
    proc = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(proc, "outcomes")
    ET.SubElement(
        outcomes, "decvar", {"varname": "SCORE", "vartype": "Decimal", "minvalue": "0"}
    ).attrib["maxvalue"] = "100"
    rule = ET.SubElement(proc, "respcondition", {"continue": "No"})
    cond = ET.SubElement(rule, "conditionvar")
    if q.type in ("short", "numeric"):
        alts = ET.SubElement(cond, "or")
        for a in _accepted(q):
            ET.SubElement(alts, "varequal", {"respident": "RESPONSE", "case": "No"}).text = a
    elif q.type == "multiple":
        both = ET.SubElement(cond, "and")
        for ident, _, correct in _choices(q):
            parent = both if correct else ET.SubElement(both, "not")
            ET.SubElement(parent, "varequal", {"respident": "RESPONSE"}).text = ident
    else:
        right = next(ident for ident, _, correct in _choices(q) if correct)
        ET.SubElement(cond, "varequal", {"respident": "RESPONSE"}).text = right
    ET.SubElement(rule, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"


def _item(quiz: LocalQuiz, q: LocalQuestion) -> ET.Element:
    item = ET.Element("item", {"ident": f"{quiz.id}.{q.id}", "title": question_name(q)})
    meta = ET.SubElement(item, "itemmetadata")
    _fields(meta, [("cc_profile", PROFILES[q.type]), ("cc_weighting", num(q.points))])
    _presentation(item, q)
    _processing(item, q)
    return item


def assessment_xml(ident: str, quiz: LocalQuiz, title: str, lost: Counter[str]) -> bytes:
    """Return one quiz as a CC 1.3 assessment (QTI 1.2); matching and ordering are counted in
    ``lost`` and left out."""
    root = ET.Element("questestinterop", {"xmlns": QTI})
    test = ET.SubElement(root, "assessment", {"ident": ident, "title": title})
    settings = [
        ("cc_profile", "cc.exam.v0p1"),
        ("qmd_assessmenttype", "Examination"),
        ("qmd_scoretype", "Percentage"),
        ("cc_maxattempts", "1" if quiz.is_exam else "unlimited"),
        ("qmd_passingscore", str(quiz.pass_mark)),
    ]
    if quiz.time_limit:
        settings.append(("qmd_timelimit", str(quiz.time_limit)))
    _fields(test, settings)
    section = ET.SubElement(test, "section", {"ident": "root_section"})
    for q in quiz.questions:
        if q.type in PROFILES:
            section.append(_item(quiz, q))
        else:
            lost[q.type] += 1
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _pages(content: PackContent, cache: Cache) -> Iterator[tuple[str, bytes]]:
    md = new_md()
    for i, m in enumerate(content.modules):
        fields = {**module_fields(content, i, md, cache, NO_LINKS), "quiz_json": None}
        page = render(
            "site-module.html.j2",
            **common_fields(content, f"{m.number}. {m.title}"),
            **fields,
            sco="",
        )
        yield f"pages/{m.id}.html", page.encode("utf-8")
    css = ASSETS.parent.parent / "templates" / "packs" / "pack.css"
    yield "pages/assets/pack.css", css.read_bytes()


def _lang_string(parent: ET.Element, tag: str, lang: str, text: str) -> None:
    el = ET.SubElement(parent, f"{{{LOM}}}{tag}")
    string = ET.SubElement(el, f"{{{LOM}}}string", {"language": lang})
    string.text = text


def manifest(
    ident: str, title: str, lang: str, entries: list[tuple[str, str, str, str, list[str]]]
) -> bytes:
    """Return ``imsmanifest.xml``; ``entries`` are (item id, title, resource id, type, files)."""
    ET.register_namespace("", CC)
    ET.register_namespace("lomimscc", LOM)
    root = ET.Element(f"{{{CC}}}manifest", {"identifier": ident})
    meta = ET.SubElement(root, f"{{{CC}}}metadata")
    ET.SubElement(meta, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    ET.SubElement(meta, f"{{{CC}}}schemaversion").text = "1.3.0"
    general = ET.SubElement(ET.SubElement(meta, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    _lang_string(general, "title", lang, title)
    org = ET.SubElement(
        ET.SubElement(root, f"{{{CC}}}organizations"),
        f"{{{CC}}}organization",
        {"identifier": "ORG", "structure": "rooted-hierarchy"},
    )
    top = ET.SubElement(org, f"{{{CC}}}item", {"identifier": "ROOT"})
    resources = ET.SubElement(root, f"{{{CC}}}resources")
    for item_id, item_title, res_id, kind, files in entries:
        item = ET.SubElement(top, f"{{{CC}}}item", {"identifier": item_id, "identifierref": res_id})
        ET.SubElement(item, f"{{{CC}}}title").text = item_title
        attrs = {"identifier": res_id, "type": kind}
        if kind == "webcontent":
            attrs["href"] = files[0]
        res = ET.SubElement(resources, f"{{{CC}}}resource", attrs)
        for name in files:
            ET.SubElement(res, f"{{{CC}}}file", {"href": name})
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def cartridge(
    content: PackContent, cache: Cache, ident: str, title: str, titles: dict[str, str]
) -> tuple[bytes, list[str]]:
    """Return ``course.imscc`` and its warnings (questions the CC profile cannot carry)."""
    files = dict(_pages(content, cache))
    entries: list[tuple[str, str, str, str, list[str]]] = []
    lost: Counter[str] = Counter()
    css = "pages/assets/pack.css"
    for m in content.modules:
        page = f"pages/{m.id}.html"
        entries.append(
            (f"I-m-{m.id}", f"{m.number}. {m.title}", f"R-m-{m.id}", "webcontent", [page, css])
        )
        if m.quiz is not None:
            entries.append(_quiz_entry(ident, m.quiz, titles, files, lost))
    for x in content.exams:
        entries.append(_quiz_entry(ident, x, titles, files, lost))
    files["imsmanifest.xml"] = manifest(f"{ident}-imscc", title, content.lang, entries)
    order = ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]
    warnings = [
        f"Common Cartridge: left out {n} {kind} question{'s' if n > 1 else ''}; the CC profile "
        "of QTI has no such type, see docs/lms-exports.md"
        for kind, n in sorted(lost.items())
    ]
    return zip_bytes([(n, files[n]) for n in order], content.epoch), warnings


def _quiz_entry(
    ident: str,
    quiz: LocalQuiz,
    titles: dict[str, str],
    files: dict[str, bytes],
    lost: Counter[str],
) -> tuple[str, str, str, str, list[str]]:
    kind = "x" if quiz.is_exam else "q"
    name = f"assessments/{kind}-{quiz.id}/assessment.xml"
    title = titles.get(quiz.id, quiz.title or quiz.id)
    files[name] = assessment_xml(f"A-{ident}-{quiz.id}", quiz, title, lost)
    return (f"I-{kind}-{quiz.id}", title, f"R-{kind}-{quiz.id}", ASSESSMENT, [name])
