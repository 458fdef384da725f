"""IMS QTI 2.1 content package: one item file per question, one test per quiz, a manifest.

Interactions: single/multiple/true-false → ``choiceInteraction``; short → ``textEntryInteraction``
(string, case-insensitive mapping); numeric → ``textEntryInteraction`` with a float response and
``equal`` within the absolute tolerance; match → ``matchInteraction`` (directed pairs); order →
``orderInteraction``; task → ``extendedTextInteraction`` (no response processing: an instructor
marks it). Choices, pairs and items are shuffled by the delivery engine (``shuffle="true"``,
pinned options ``fixed="true"``, a question's ``shuffle: false`` turns it off). Scoring follows
docs/marking.md: multiple, match and order earn partial credit (a mapping per option or pair,
one share per item in its right position, never below 0); other types are all-or-nothing per
question (``points``); feedback is
``modalFeedback`` driven by a FEEDBACK outcome (the chosen options, CORRECT or INCORRECT, and the
explanation, always). Tests sum the item scores and set PASS against the pass mark.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.content.render_md import num
from builder.packs.formats.lms_names import question_name
from builder.packs.zipout import zip_bytes
from builder.quiztext import BLOCK_TAGS, append_xhtml, inline_or_blocks, parse

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
QTI_LOCATION = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_LOCATION = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"


def _q(tag: str) -> str:
    """Return a tag name; the namespace is declared as ``xmlns`` on the root (see _serialise)."""
    return tag


def _el(
    parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None, text: str | None = None
) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), dict(attrs or {}))
    if text is not None:
        el.text = text
    return el


def item_id(scope: str, quiz: LocalQuiz, q: LocalQuestion) -> str:
    """Return the item identifier (an NCName: the pack's scope, quiz and question ids)."""
    return f"I-{scope}-{quiz.id}-{q.id}"


def test_id(scope: str, quiz: LocalQuiz) -> str:
    """Return the test identifier (an NCName: the pack's scope and the quiz id)."""
    return f"T-{scope}-{quiz.id}"


def _declarations(root: ET.Element, q: LocalQuestion) -> None:
    card, base, values = _response(q)
    decl = _el(
        root,
        "responseDeclaration",
        {"identifier": "RESPONSE", "cardinality": card, "baseType": base},
    )
    if values:
        correct = _el(decl, "correctResponse")
        for v in values:
            _el(correct, "value", text=v)
    if q.type in PARTIAL and q.type != "order":
        _partial_mapping(decl, q)
    if q.type == "short":
        mapping = _el(decl, "mapping", {"defaultValue": "0"})
        for a in q.answers:
            _el(
                mapping,
                "mapEntry",
                {"mapKey": " ".join(a.split()), "mappedValue": "1", "caseSensitive": "false"},
            )
    for ident, kind, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", num(q.points))):
        out = _el(
            root,
            "outcomeDeclaration",
            {"identifier": ident, "cardinality": "single", "baseType": kind},
        )
        _el(_el(out, "defaultValue"), "value", text=default)
    _el(
        root,
        "outcomeDeclaration",
        {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
    )


#: Types marked with partial credit (docs/marking.md): per option, per pair, per position.
PARTIAL = ("multiple", "match", "order")


def _share(points: float, count: int) -> str:
    return num(round(points / count, 5)) if count else "0"


def _partial_mapping(decl: ET.Element, q: LocalQuestion) -> None:
    """Map each option (+points/right, -points/wrong) or each right pair (+points/pairs)."""
    mapping = _el(
        decl, "mapping", {"defaultValue": "0", "lowerBound": "0", "upperBound": num(q.points)}
    )
    if q.type == "multiple":
        right = sum(1 for o in q.options if o.correct)
        wrong = len(q.options) - right
        for i, o in enumerate(q.options):
            value = _share(q.points, right) if o.correct else "-" + _share(q.points, wrong)
            _el(mapping, "mapEntry", {"mapKey": f"C{i}", "mappedValue": value})
    else:
        for i in range(len(q.pairs)):
            share = _share(q.points, len(q.pairs))
            _el(mapping, "mapEntry", {"mapKey": f"L{i} R{i}", "mappedValue": share})


def _response(q: LocalQuestion) -> tuple[str, str, list[str]]:
    if q.type in ("single", "true-false"):
        right = (
            [f"C{i}" for i, o in enumerate(q.options) if o.correct]
            if q.type == "single"
            else ["T" if q.answer else "F"]
        )
        return "single", "identifier", right
    if q.type == "multiple":
        return "multiple", "identifier", [f"C{i}" for i, o in enumerate(q.options) if o.correct]
    if q.type == "short":
        return "single", "string", [" ".join(q.answers[0].split())] if q.answers else []
    if q.type == "numeric":
        return "single", "float", [num(q.value or 0)]
    if q.type == "match":
        return "multiple", "directedPair", [f"L{i} R{i}" for i in range(len(q.pairs))]
    if q.type == "task":
        return "single", "string", []
    return "ordered", "identifier", [f"O{i}" for i in range(len(q.items))]


def _body(root: ET.Element, q: LocalQuestion, labels: Labels) -> None:
    """Add the item body: the prompt and the interaction of the question's type."""
    body = _el(root, "itemBody")
    if q.type in ("single", "multiple", "true-false"):
        _choice_body(body, q, labels)
    elif q.type in ("short", "numeric"):
        _entry_body(body, q)
    elif q.type == "match":
        _match_body(body, q)
    elif q.type == "task":
        inter = _el(
            body,
            "extendedTextInteraction",
            {"responseIdentifier": "RESPONSE", "expectedLines": "15", "format": "plain"},
        )
        _prompt(body, inter, q.prompt)
    else:
        inter = _el(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        _prompt(body, inter, q.prompt)
        for i, item in enumerate(q.items):
            _flow(inter, "simpleChoice", {"identifier": f"O{i}"}, item)


def _prompt(body: ET.Element, inter: ET.Element, text: str) -> None:
    """Give an interaction its prompt: inline text as its ``prompt``; a prompt with blocks
    (code, lists, paragraphs), which ``prompt`` cannot hold, goes just before it in the body."""
    nodes = inline_or_blocks(text)
    if all(isinstance(n, str) or n.tag not in BLOCK_TAGS for n in nodes):
        append_xhtml(_el(inter, "prompt"), nodes)
        return
    block = ET.Element(_q("div"))
    append_xhtml(block, nodes)
    body.insert(list(body).index(inter), block)


def _flow(parent: ET.Element, tag: str, attrs: Mapping[str, str], text: str) -> ET.Element:
    """Add an element holding quiz text (inline, or its blocks when it has several)."""
    return append_xhtml(_el(parent, tag, attrs), inline_or_blocks(text))


def _choice_body(body: ET.Element, q: LocalQuestion, labels: Labels) -> None:
    choices = (
        [(f"C{i}", o.text) for i, o in enumerate(q.options)]
        if q.type != "true-false"
        else [("T", labels("true")), ("F", labels("false"))]
    )
    attrs = {
        "responseIdentifier": "RESPONSE",
        "shuffle": "true" if q.shuffle and q.type != "true-false" else "false",
        "maxChoices": "1" if q.type != "multiple" else "0",
    }
    inter = _el(body, "choiceInteraction", attrs)
    _prompt(body, inter, q.prompt)
    pinned = {f"C{i}" for i, o in enumerate(q.options) if o.fixed}
    for ident, text in choices:
        _flow(inter, "simpleChoice", {"identifier": ident, **_fixed(ident in pinned)}, text)


def _fixed(pinned: bool) -> dict[str, str]:
    return {"fixed": "true"} if pinned else {}


def _entry_body(body: ET.Element, q: LocalQuestion) -> None:
    append_xhtml(_el(body, "div"), parse(q.prompt))
    para = _el(body, "p")
    length = "30" if q.type == "short" else "12"
    _el(para, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": length})
    if q.unit and q.type == "numeric":
        para[-1].tail = f" {q.unit}"


def _match_body(body: ET.Element, q: LocalQuestion) -> None:
    attrs = {
        "responseIdentifier": "RESPONSE",
        "shuffle": "true" if q.shuffle else "false",
        "maxAssociations": str(len(q.pairs)),
    }
    inter = _el(body, "matchInteraction", attrs)
    _prompt(body, inter, q.prompt)
    for side, idx in (("L", 0), ("R", 1)):
        group = _el(inter, "simpleMatchSet")
        for i, pair in enumerate(q.pairs):
            attrs = {"identifier": f"{side}{i}", "matchMax": "1"}
            _el(group, "simpleAssociableChoice", attrs, pair[idx])


def _condition(q: LocalQuestion) -> ET.Element:
    """Return the test of a right answer."""
    if q.type == "short":
        gt = ET.Element(_q("gt"))
        _el(gt, "mapResponse", {"identifier": "RESPONSE"})
        _el(gt, "baseValue", {"baseType": "float"}, "0")
        return gt
    if q.type == "numeric":
        attrs = (
            {"toleranceMode": "absolute", "tolerance": f"{num(q.tolerance)} {num(q.tolerance)}"}
            if q.tolerance
            else {"toleranceMode": "exact"}
        )
        test = ET.Element(_q("equal"), attrs)
    else:
        test = ET.Element(_q("match"))
    _el(test, "variable", {"identifier": "RESPONSE"})
    _el(test, "correct", {"identifier": "RESPONSE"})
    return test


def _set(parent: ET.Element, q: LocalQuestion, right: bool) -> None:
    score = _el(parent, "setOutcomeValue", {"identifier": "SCORE"})
    _el(score, "baseValue", {"baseType": "float"}, num(q.points) if right else "0")
    _feedback_outcome(parent, q, right)


def _feedback_outcome(parent: ET.Element, q: LocalQuestion, right: bool) -> None:
    fb = _el(_el(parent, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
    if q.type in ("single", "multiple", "true-false"):
        _el(fb, "variable", {"identifier": "RESPONSE"})
    _el(fb, "baseValue", {"baseType": "identifier"}, "CORRECT" if right else "INCORRECT")
    _el(fb, "baseValue", {"baseType": "identifier"}, "EXPLANATION")


def _partial_score(proc: ET.Element, q: LocalQuestion) -> None:
    """Set SCORE with partial credit: mapped options or pairs, or one share per right position."""
    if q.type != "order":
        _el(
            _el(proc, "setOutcomeValue", {"identifier": "SCORE"}),
            "mapResponse",
            {"identifier": "RESPONSE"},
        )
        return
    for i in range(len(q.items)):
        cond = _el(_el(proc, "responseCondition"), "responseIf")
        test = _el(cond, "match")
        _el(_el(test, "index", {"n": str(i + 1)}), "variable", {"identifier": "RESPONSE"})
        _el(test, "baseValue", {"baseType": "identifier"}, f"O{i}")
        total = _el(_el(cond, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
        _el(total, "variable", {"identifier": "SCORE"})
        _el(total, "baseValue", {"baseType": "float"}, _share(q.points, len(q.items)))


def _processing(root: ET.Element, q: LocalQuestion) -> None:
    if q.type == "task":
        return  # marked by an instructor against the rubric: no response processing
    if q.type in PARTIAL:
        proc = _el(root, "responseProcessing")
        _partial_score(proc, q)
        cond = _el(proc, "responseCondition")
        yes = _el(cond, "responseIf")
        yes.append(_condition(q))
        _feedback_outcome(yes, q, True)
        _feedback_outcome(_el(cond, "responseElse"), q, False)
        return
    cond = _el(_el(root, "responseProcessing"), "responseCondition")
    yes = _el(cond, "responseIf")
    yes.append(_condition(q))
    _set(yes, q, True)
    _set(_el(cond, "responseElse"), q, False)


def _feedback(root: ET.Element, q: LocalQuestion, labels: Labels) -> None:
    items: list[tuple[str, str]] = []
    if q.type in ("single", "multiple"):
        items += [(f"C{i}", o.feedback) for i, o in enumerate(q.options)]
    elif q.type == "true-false":
        items += [("T", q.true_feedback), ("F", q.false_feedback)]
    items += [
        ("CORRECT", q.correct_feedback or labels("right")),
        ("INCORRECT", q.incorrect_feedback or labels("wrong")),
        ("EXPLANATION", q.explanation),
    ]
    for ident, text in items:
        if text.strip():
            fb = _el(
                root,
                "modalFeedback",
                {"outcomeIdentifier": "FEEDBACK", "identifier": ident, "showHide": "show"},
            )
            append_xhtml(fb, parse(text))


def item_xml(scope: str, quiz: LocalQuiz, q: LocalQuestion, labels: Labels) -> bytes:
    """Return one assessment item."""
    root = ET.Element(
        _q("assessmentItem"),
        {
            f"{{{XSI}}}schemaLocation": QTI_LOCATION,
            "identifier": item_id(scope, quiz, q),
            "title": question_name(q),
            XML_LANG: quiz.lang,
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    _declarations(root, q)
    _body(root, q, labels)
    _processing(root, q)
    _feedback(root, q, labels)
    return _serialise(root, QTI)


def test_xml(scope: str, quiz: LocalQuiz, title: str) -> bytes:
    """Return the assessment test of one quiz: its items, total score and pass/fail."""
    root = ET.Element(
        _q("assessmentTest"),
        {
            f"{{{XSI}}}schemaLocation": QTI_LOCATION,
            "identifier": test_id(scope, quiz),
            "title": title,
        },
    )
    for ident, kind in (("SCORE", "float"), ("MAXSCORE", "float"), ("PASS", "boolean")):
        _el(
            root,
            "outcomeDeclaration",
            {"identifier": ident, "cardinality": "single", "baseType": kind},
        )
    if quiz.time_limit:
        _el(root, "timeLimits", {"maxTime": str(quiz.time_limit * 60)})
    part = _el(
        root,
        "testPart",
        {"identifier": "P1", "navigationMode": "nonlinear", "submissionMode": "simultaneous"},
    )
    section = _el(
        part, "assessmentSection", {"identifier": "S1", "title": title, "visible": "true"}
    )
    for q in quiz.questions:
        _el(
            section,
            "assessmentItemRef",
            {
                "identifier": item_id(scope, quiz, q),
                "href": f"../items/{item_id(scope, quiz, q)}.xml",
            },
        )
    _outcomes(root, quiz)
    return _serialise(root, QTI)


def _outcomes(root: ET.Element, quiz: LocalQuiz) -> None:
    proc = _el(root, "outcomeProcessing")
    for ident in ("SCORE", "MAXSCORE"):
        total = _el(_el(proc, "setOutcomeValue", {"identifier": ident}), "sum")
        _el(total, "testVariables", {"variableIdentifier": ident})
    gte = _el(_el(proc, "setOutcomeValue", {"identifier": "PASS"}), "gte")
    _el(gte, "variable", {"identifier": "SCORE"})
    product = _el(gte, "product")
    _el(product, "variable", {"identifier": "MAXSCORE"})
    _el(product, "baseValue", {"baseType": "float"}, num(quiz.pass_mark / 100))


def manifest_xml(scope: str, quizzes: Sequence[LocalQuiz]) -> bytes:
    """Return the content-package manifest listing every test and item."""

    def cp(tag: str) -> str:
        return tag

    root = ET.Element(
        cp("manifest"),
        {f"{{{XSI}}}schemaLocation": CP_LOCATION, "identifier": f"M-{scope}-quizzes"},
    )
    meta = ET.SubElement(root, cp("metadata"))
    ET.SubElement(meta, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(meta, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(root, cp("organizations"))
    resources = ET.SubElement(root, cp("resources"))
    for quiz in quizzes:
        href = f"tests/{test_id(scope, quiz)}.xml"
        res = ET.SubElement(
            resources,
            cp("resource"),
            {
                "identifier": f"R-{test_id(scope, quiz)}",
                "type": "imsqti_test_xmlv2p1",
                "href": href,
            },
        )
        ET.SubElement(res, cp("file"), {"href": href})
        for q in quiz.questions:
            ET.SubElement(res, cp("dependency"), {"identifierref": f"R-{item_id(scope, quiz, q)}"})
    for quiz in quizzes:
        for q in quiz.questions:
            href = f"items/{item_id(scope, quiz, q)}.xml"
            res = ET.SubElement(
                resources,
                cp("resource"),
                {
                    "identifier": f"R-{item_id(scope, quiz, q)}",
                    "type": "imsqti_item_xmlv2p1",
                    "href": href,
                },
            )
            ET.SubElement(res, cp("file"), {"href": href})
    return _serialise(root, CP)


#: Elements whose content is quiz text (mixed content, code): never re-indented.
_TEXT_HOLDERS = frozenset(
    {"p", "pre", "div", "prompt", "simpleChoice", "modalFeedback", "rubricBlock"}
)


def _indent(el: ET.Element, level: int = 0) -> None:
    """Indent the structure like ``ET.indent`` but leave the inside of text alone (whitespace
    in a ``pre``, or between inline elements, is content)."""
    if el.tag in _TEXT_HOLDERS or not len(el):
        return
    inner = "\n" + "  " * (level + 1)
    if not (el.text or "").strip():
        el.text = inner
    for child in el:
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = inner
    el[-1].tail = "\n" + "  " * level


def _serialise(root: ET.Element, ns: str) -> bytes:
    """Return the document with ``ns`` as the default namespace of every element."""
    root.attrib = {"xmlns": ns, **root.attrib}
    _indent(root)
    # Serialised to str, then encoded once: ET's byte encodings go through a codec per write.
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    ).encode("utf-8")


def qti_package(
    scope: str, quizzes: Sequence[LocalQuiz], titles: Mapping[str, str], labels: Labels, epoch: int
) -> bytes:
    """Return the QTI 2.1 package (zip): imsmanifest.xml, tests/ and items/."""
    files: list[tuple[str, bytes]] = [("imsmanifest.xml", manifest_xml(scope, quizzes))]
    files += [
        (f"tests/{test_id(scope, quiz)}.xml", test_xml(scope, quiz, titles[quiz.id]))
        for quiz in quizzes
    ]
    files += [
        (f"items/{item_id(scope, quiz, q)}.xml", item_xml(scope, quiz, q, labels))
        for quiz in quizzes
        for q in quiz.questions
    ]
    return zip_bytes(files, epoch)
