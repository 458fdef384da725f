"""A tiny curriculum, written inline, whose content tries every trick a hostile author could.

``write_tree(root)`` writes it under ``root``. Module ``intro`` has raw HTML, a ``javascript:``
link, an image, links to a module in the pack, to one outside it and to a standard, callouts and
an instructor block; its practice quiz has every question type, also with HTML in its text. The
exam of the ``basics`` track and the instructor block carry marker words that must never reach
a trainee file.
"""

from __future__ import annotations

from pathlib import Path

INSTRUCTOR_MARK = "Zanzibarquokka instructor-only facilitation secret"
EXAM_MARK = "Quagmirefalcon exam-only question text"
EVIL = "<script>alert('pwned')</script>"

TREE: dict[str, str] = {
    "curriculum/programme.yml": """\
title: Tiny <b>programme</b>
short_title: Tiny
version: 3.1.0
publisher: Test publisher
source_language: en
languages: [en, fr]
pass_mark: 60
audiences:
  - {id: frontline, title: Frontline}
maturity_scale:
  - {level: 0, name: None, description: Nothing.}
  - {level: 1, name: Some, description: Some.}
  - {level: 2, name: Most, description: Most.}
tracks:
  - {id: basics, title: Basics}
  - {id: advanced, title: Advanced}
""",
    "curriculum/standards.yml": """\
groups:
  - {id: main, title: Main}
standards:
  - {id: S-1, group: main, title: First standard, description: "The first <i>standard</i>.", source: Tests}
  - {id: S-2, group: main, title: Second standard, description: The second standard., source: Tests}
  - {id: S-3, group: main, title: Third standard, description: The third standard., source: Tests}
""",
    "curriculum/countries/KE.yml": """\
country: KE
name: Testland <img src=x onerror=alert(1)>
administration: "Customs & <b>Excise</b>"
languages: [fr, en]
sample_data: true
assessments:
  - {date: 2026-01-12, kind: initial, levels: {S-1: 0, S-2: 0, S-3: 2}}
targets: {default: 2}
delivery:
  start: 2027-02-01
  timezone: Africa/Nairobi
  hours_per_day: 3
  days: [mon, wed]
  start_time: "09:30"
""",
    "modules/intro.md": """\
---
id: intro
title: Intro <b>bold</b> & "quotes"
summary: Where it starts <script>x</script>.
track: basics
order: 10
standards: [S-1]
objectives:
  - {id: know, text: Know <em>things</em>.}
  - {id: do, text: Do things.}
audience: [frontline]
level: introductory
duration: {teaching: 60, practice: 30}
version: 1.2.0
---

## Start here

Plain text """
    + EVIL
    + """ and <img src=x onerror=alert(1)> and a [bad link](javascript:alert(1)).
Also [next module](module:risk), [outside module](module:extra), [a standard](standard:S-1) and
![an image](https://example.org/x.png) and <javascript:alert(2)> and [web](https://example.org).

## Start here

Same heading twice, and `<code>kept</code>` in code.

```
<pre>fenced [x](javascript:alert(3))</pre>
```

::: note "Careful <b>now</b>"
A note with **bold**.
:::

::: exercise "Try it"
1. First step.
2. Second step.
:::

::: instructor "Running it"
"""
    + INSTRUCTOR_MARK
    + """ about pacing the session carefully.

Expected answers are discussed in plenary with the whole group of trainees.
:::

| A | B |
|---|---|
| 1 | 2 |
""",
    "modules/intro.fr.md": """\
---
id: intro
lang: fr
translated_from: 1.2.0
title: Introduction <b>grasse</b>
summary: Là où tout commence.
objectives:
  - {id: know, text: Savoir des choses.}
  - {id: do, text: Faire des choses.}
---

## Commencer ici

Texte """
    + EVIL
    + """ et un [lien](javascript:alert(1)) et [suivant](module:risk), [hors du plan](module:extra)
et [une norme](standard:S-1).

::: instructor
"""
    + INSTRUCTOR_MARK
    + """ en français pour les formateurs seulement.
:::
""",
    "modules/risk.md": """\
---
id: risk
title: Risk
summary: Risk things.
track: basics
order: 20
prerequisites: [intro]
standards: [S-2]
objectives:
  - {id: assess, text: Assess risk.}
  - {id: treat, text: Treat risk.}
audience: [frontline]
level: intermediate
duration: {teaching: 100, practice: 100}
version: 1.0.0
---

## Risk

Back to [the intro](module:intro).

::: instructor
Only instructors see this note about risk scoring and the flip chart exercise.
:::
""",
    "modules/extra.md": """\
---
id: extra
title: Extra
summary: Not planned.
track: advanced
order: 10
standards: [S-3]
objectives:
  - {id: one, text: One.}
  - {id: two, text: Two.}
audience: [frontline]
level: advanced
duration: {teaching: 30}
version: 1.0.0
---

## Extra

Nothing.
""",
    "quizzes/intro.yml": """\
module: intro
questions:
  - id: q-single
    type: single
    objective: know
    prompt: "Pick <b>one</b> & only one: a {brace} ~tilde =eq #hash :colon"
    options:
      - {text: "Right <i>one</i>", correct: true, feedback: "Yes <b>right</b>."}
      - {text: Wrong one, feedback: No.}
    explanation: Because <script>x</script>.
  - id: q-multiple
    type: multiple
    objective: know
    prompt: Pick all that apply.
    options:
      - {text: A, correct: true, feedback: A is right.}
      - {text: B, correct: true, feedback: B is right.}
      - {text: C, feedback: C is wrong.}
    explanation: A and B.
  - id: q-tf
    type: true-false
    objective: do
    prompt: The sky is green.
    answer: false
    true_feedback: No, it is not green.
    false_feedback: Right, it is not green.
    explanation: The sky is blue.
  - id: q-short
    type: short
    objective: do
    prompt: Name the framework.
    answers: [SAFE, SAFE Framework]
    correct_feedback: Well done.
    incorrect_feedback: It is SAFE.
    explanation: It is called SAFE.
  - id: q-num
    type: numeric
    objective: do
    prompt: How many pillars?
    value: 3
    tolerance: 0.5
    unit: pillars
    correct_feedback: Three.
    incorrect_feedback: There are three.
    explanation: Three pillars.
  - id: q-match
    type: match
    objective: know
    prompt: Match them.
    pairs:
      - {left: One, right: Un}
      - {left: Two, right: Deux}
      - {left: Three, right: Trois}
    correct_feedback: All matched.
    incorrect_feedback: Check again.
    explanation: French numbers.
  - id: q-order
    type: order
    objective: know
    prompt: Order them.
    items: [First, Second, Third]
    correct_feedback: In order.
    incorrect_feedback: Not in order.
    explanation: One, two, three.
""",
    "quizzes/intro.fr.yml": """\
lang: fr
translated_from: 1.2.0
questions:
  - id: q-single
    prompt: "Choisissez <b>une</b> réponse"
    options:
      - {text: "La bonne", feedback: Oui.}
      - {text: La mauvaise, feedback: Non.}
    explanation: Parce que.
""",
    "quizzes/risk.yml": """\
module: risk
questions:
  - id: r1
    type: true-false
    objective: assess
    prompt: Risk is likelihood times impact.
    answer: true
    true_feedback: Yes.
    false_feedback: It is.
    explanation: Likelihood and impact.
  - id: r2
    type: single
    objective: treat
    prompt: What comes after assessing risk?
    options:
      - {text: Treating it, correct: true, feedback: Yes.}
      - {text: Ignoring it, feedback: No.}
    explanation: Treat after assessing.
""",
    "quizzes/extra.yml": """\
module: extra
questions:
  - {id: e1, type: true-false, objective: one, prompt: One?, answer: true, explanation: One.}
  - {id: e2, type: true-false, objective: two, prompt: Two?, answer: true, explanation: Two.}
""",
    "quizzes/basics-exam.yml": """\
module: risk
mode: exam
title: Basics exam
time_limit: 15
forms: 2
min_questions: 3
blueprint:
  - {module: intro, count: 1}
  - {module: risk, count: 2}
questions:
  - id: x1
    type: single
    objective: intro/know
    prompt: """
    + EXAM_MARK
    + """ about the first module?
    options:
      - {text: Quagmirefalcon correct exam option, correct: true, feedback: Quagmirefalcon exam feedback right.}
      - {text: Quagmirefalcon wrong exam option, feedback: Quagmirefalcon exam feedback wrong.}
    explanation: Quagmirefalcon exam explanation of the answer.
  - id: x2
    type: order
    objective: risk/assess
    prompt: Quagmirefalcon order the exam steps.
    items: [Quagmirefalcon step one, Quagmirefalcon step two, Quagmirefalcon step three]
    explanation: Quagmirefalcon exam order explanation.
  - id: x3
    type: task
    objective: risk/treat
    prompt: Quagmirefalcon write a treatment plan for the exam risk.
    rubric:
      - {criterion: Quagmirefalcon names a control, points: 2}
      - {criterion: Quagmirefalcon sets an owner and a date, points: 1}
    model_answer: Quagmirefalcon model answer of the exam task.
    explanation: Quagmirefalcon exam task explanation.
  - id: x4
    type: multiple
    objective: intro/do
    prompt: Quagmirefalcon which exam options apply?
    options:
      - {text: Quagmirefalcon exam right one, correct: true, feedback: Quagmirefalcon yes.}
      - {text: Quagmirefalcon exam right two, correct: true, feedback: Quagmirefalcon yes too.}
      - {text: Quagmirefalcon exam wrong, feedback: Quagmirefalcon no.}
      - {text: None of the above, fixed: true, feedback: Quagmirefalcon no either.}
    explanation: Quagmirefalcon exam multiple explanation.
""",
}


def write_tree(root: Path) -> Path:
    """Write the tiny curriculum under ``root`` and return ``root``."""
    for rel, text in TREE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
