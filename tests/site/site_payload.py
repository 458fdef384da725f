"""A minimal curriculum written from a tree literal, with script payloads in its author text.

Three modules in two tracks (one translated into French but out of date, one untranslated), a
practice quiz with every question type, an exam and one country profile. Every place where an
author writes text carries ``XSS_SCRIPT`` or ``XSS_IMG``; on the site they must show as text.
"""

from __future__ import annotations

import json
from pathlib import Path

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
PAYLOAD = f"{XSS_SCRIPT} {XSS_IMG}"
EXAM_PROMPT = "Which unique exam sentence about zebra containers must never reach the site"
INSTRUCTOR_TEXT = "Facilitators whisper the secret instructor answer about purple manifests"


def q(text: str) -> str:
    """Return text as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


PROGRAMME = f"""title: {q("Mini <b>SAFE</b> programme " + XSS_SCRIPT)}
short_title: Mini SAFE
version: 1.0.0
publisher: {q("Publisher " + XSS_IMG)}
description: {q("A tiny programme. " + PAYLOAD)}
source_language: en
languages: [en, fr]
pass_mark: 70
audiences:
  - {{id: frontline, title: {q("Frontline " + XSS_IMG)}}}
maturity_scale:
  - {{level: 0, name: None, description: Nothing.}}
  - {{level: 1, name: Initial, description: Some.}}
  - {{level: 2, name: Developing, description: More.}}
  - {{level: 3, name: Established, description: Most.}}
tracks:
  - {{id: basics, title: {q("Basics " + XSS_SCRIPT)}, summary: {q("Track summary " + XSS_IMG)}}}
  - {{id: advanced, title: Advanced, summary: The advanced track.}}
"""

STANDARDS = f"""groups:
  - {{id: main, title: {q("Main " + XSS_SCRIPT)}}}
standards:
  - {{id: S-1, group: main, title: {q("Standard one " + XSS_IMG)}, description: {q("Asks " + XSS_SCRIPT)}, source: Synthetic}}
  - {{id: S-2, group: main, title: Standard two, description: Asks more., source: Synthetic}}
"""


def module(
    mid: str, title: str, track: str, order: int, prereqs: str, body: str, version: str = "1.1.0"
) -> str:
    """Return a module file."""
    return f"""---
id: {mid}
title: {q(title)}
summary: {q("Summary of " + mid + " " + XSS_IMG)}
track: {track}
order: {order}
prerequisites: [{prereqs}]
standards: [S-1]
objectives:
  - {{id: obj-a, text: {q("Objective A " + XSS_SCRIPT)}}}
  - {{id: obj-b, text: Objective B.}}
audience: [frontline]
level: introductory
duration: {{teaching: 60, practice: 30}}
version: {version}
status: published
sources: [Synthetic]
---

{body}
"""


BODY = f"""## Part one {XSS_SCRIPT}

Body text {PAYLOAD} and a [bad link](javascript:window.__xss=1) and a
[module link](module:m-two) and a [standard link](standard:S-1).

Inline code `<b>kept as code</b>` and an entity &#60;script&#62;.

![remote image](https://example.com/tracker.png)

::: note "Note {XSS_SCRIPT} <img src=x onerror=window.__xss=1>"
Note body {XSS_SCRIPT}.
:::

::: instructor
{INSTRUCTOR_TEXT}.
:::
"""


def quiz(mid: str) -> str:
    """Return a practice quiz with every question type and payloads in its text."""
    opt = q("Option " + PAYLOAD)
    return f"""module: {mid}
mode: practice
questions:
  - id: q-single
    type: single
    objective: obj-a
    prompt: {q("Single " + PAYLOAD)}
    options:
      - {{text: {opt}, correct: true, feedback: {q("Right " + XSS_IMG)}}}
      - {{text: Wrong option, feedback: {q("Wrong " + XSS_SCRIPT)}}}
    explanation: {q("Because " + XSS_SCRIPT)}
  - id: q-multiple
    type: multiple
    objective: obj-b
    prompt: Multiple choice.
    options:
      - {{text: A right one, correct: true, feedback: Yes.}}
      - {{text: Another right one, correct: true, feedback: Yes too.}}
      - {{text: A wrong one, feedback: No.}}
    explanation: Two are right.
  - id: q-tf
    type: true-false
    objective: obj-a
    prompt: {q("True or false " + XSS_IMG)}
    answer: true
    true_feedback: Right.
    false_feedback: Wrong.
    explanation: It is true.
  - id: q-short
    type: short
    objective: obj-a
    prompt: Name the thing.
    answers: [risk, risk management]
    explanation: Risk.
  - id: q-numeric
    type: numeric
    objective: obj-a
    prompt: How many?
    value: 11
    tolerance: 0
    unit: standards
    explanation: Eleven.
  - id: q-match
    type: match
    objective: obj-a
    prompt: Match them.
    pairs:
      - {{left: {q("L1 " + XSS_SCRIPT)}, right: {q("R1 " + XSS_IMG)}}}
      - {{left: L2, right: R2}}
      - {{left: L3, right: R3}}
    explanation: Pairs.
  - id: q-order
    type: order
    objective: obj-a
    prompt: Put in order.
    items: [{q("first " + XSS_IMG)}, second, third, fourth]
    explanation: In order.
"""


EXAM = f"""module: m-two
mode: exam
title: Basics exam
time_limit: 30
questions:
  - id: e-1
    type: single
    objective: m-one/obj-a
    prompt: {q(EXAM_PROMPT + "?")}
    options:
      - {{text: Zebra exam answer alpha, correct: true, feedback: Zebra exam feedback.}}
      - {{text: Zebra exam answer beta, feedback: Zebra exam feedback beta.}}
    explanation: Zebra exam explanation that is secret.
"""

TRANSLATION = f"""---
id: m-one
lang: fr
translated_from: 1.0.0
title: {q("Module un " + XSS_SCRIPT)}
summary: Résumé.
objectives:
  - {{id: obj-a, text: Objectif A.}}
  - {{id: obj-b, text: Objectif B.}}
---

## Partie un

Texte en français {XSS_IMG}.

::: instructor
{INSTRUCTOR_TEXT} en français.
:::
"""

COUNTRY = f"""country: SN
name: {q("Senegal " + XSS_SCRIPT)}
administration: {q("Customs " + PAYLOAD)}
languages: [fr, en]
sample_data: true
assessments:
  - date: 2026-01-10
    kind: initial
    notes: {q("Notes " + PAYLOAD)}
    levels: {{S-1: 0, S-2: 1}}
  - date: 2026-06-10
    kind: monitoring
    levels: {{S-1: 2}}
targets: {{default: 3}}
delivery: {{start: 2027-01-11, timezone: Africa/Dakar, hours_per_day: 6, days: [mon, tue, wed, thu, fri]}}
exclude:
  - {{module: m-three, reason: {q("Reason " + XSS_IMG)}}}
"""


GLOSSARY = f"""\
terms:
  - id: hostile
    definition: {q("Defined as " + PAYLOAD)}
    forms:
      en: {{term: {q("Term " + XSS_IMG)}, short: {q("S" + XSS_SCRIPT)}}}
      fr: {{term: {q("Terme " + XSS_SCRIPT)}, definition: {q("Défini " + XSS_IMG)}}}
"""


def write_minimal(root: Path) -> Path:
    """Write the minimal curriculum under ``root`` and return it."""
    files = {
        "curriculum/programme.yml": PROGRAMME,
        "curriculum/standards.yml": STANDARDS,
        "curriculum/countries/SN.yml": COUNTRY,
        "curriculum/glossary.yml": GLOSSARY,
        "modules/m-one.md": module("m-one", "Module one " + PAYLOAD, "basics", 10, "", BODY),
        "modules/m-one.fr.md": TRANSLATION,
        "modules/m-two.md": module(
            "m-two", "Module two", "basics", 20, "m-one", "## Two\n\nSecond module.\n"
        ),
        "modules/m-three.md": module(
            "m-three", "Module three", "advanced", 10, "m-two", "## Three\n\nThird module.\n"
        ),
        "quizzes/m-one.yml": quiz("m-one"),
        "quizzes/m-two.yml": quiz("m-two").replace(PAYLOAD, "plain"),
        "quizzes/m-three.yml": quiz("m-three").replace(PAYLOAD, "plain"),
        "quizzes/basics-exam.yml": EXAM,
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
