"""The evaluation instruments of a pack (``instructor/evaluation/``), after Kirkpatrick's levels:

- ``reaction.html``: the reaction questionnaire trainees fill in at the end of training (level 1);
- ``pretest.html``: the pre-test, drawn from the practice pools of the plan's modules
  (:data:`PRETEST_PER_MODULE` questions a module, spread evenly over its quiz), to measure learning
  against the post-test (level 2); its answer key is a separate page, ``pretest-key.html``;
- ``behaviour.html``: the follow-up checklist for mentoring visits: what trainees now do on the
  job, per objective (level 3).

Results (level 4) and return on investment come from the monitoring assessments and reports
(``curriculum results``). Every page is self-contained HTML, printable, with no script.
"""

from __future__ import annotations

from builder.evidence.doc import Block, Document, Heading, Para, Table, to_html
from builder.packs.content.content import LocalQuestion, PackContent

PRETEST_PER_MODULE = 3
BOX = "☐"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "reaction": "Reaction questionnaire",
        "reaction_intro": "Tick one box per line: 1 strongly disagree … 5 strongly agree. Anonymous.",
        "statement": "Statement",
        "module": "Module",
        "useful": "How useful was this module for your work? (1–5)",
        "open": "What will you do differently at work after this training?",
        "pretest": "Pre-test",
        "pretest_intro": "Answer before the training starts. It does not count towards any mark: it shows what the training adds.",
        "key": "Pre-test answer key (instructors only)",
        "question": "Question",
        "answer": "Answer",
        "behaviour": "Behaviour follow-up checklist for mentoring visits",
        "behaviour_intro": "At each mentoring visit, observe or ask what trainees now do on the job. Note the evidence seen.",
        "objective": "Objective",
        "observed": "Observed on the job",
        "evidence": "Evidence seen",
        "visits": "Planned mentoring visits",
        "facts": "Date: ________  Mentor: ________  Unit visited: ________",
    },
    "fr": {
        "reaction": "Questionnaire de satisfaction",
        "reaction_intro": "Cochez une case par ligne : 1 pas du tout d'accord … 5 tout à fait d'accord. Anonyme.",
        "statement": "Affirmation",
        "module": "Module",
        "useful": "Ce module est-il utile pour votre travail ? (1–5)",
        "open": "Que ferez-vous différemment au travail après cette formation ?",
        "pretest": "Pré-test",
        "pretest_intro": "À remplir avant la formation. Il ne compte pas dans la note : il montre ce que la formation apporte.",
        "key": "Corrigé du pré-test (formateurs seulement)",
        "question": "Question",
        "answer": "Réponse",
        "behaviour": "Grille de suivi des pratiques pour les visites de mentorat",
        "behaviour_intro": "À chaque visite, observez ou demandez ce que les stagiaires font désormais au travail. Notez les preuves vues.",
        "objective": "Objectif",
        "observed": "Observé au travail",
        "evidence": "Preuves vues",
        "visits": "Visites de mentorat prévues",
        "facts": "Date : ________  Mentor : ________  Service visité : ________",
    },
    "es": {
        "reaction": "Cuestionario de reacción",
        "reaction_intro": "Marque una casilla por línea: 1 muy en desacuerdo … 5 muy de acuerdo. Anónimo.",
        "statement": "Afirmación",
        "module": "Módulo",
        "useful": "¿Qué utilidad tuvo este módulo para su trabajo? (1–5)",
        "open": "¿Qué hará de otra manera en su trabajo después de esta formación?",
        "pretest": "Prueba previa",
        "pretest_intro": "Respóndala antes de la formación. No cuenta para la nota: muestra lo que aporta la formación.",
        "key": "Clave de la prueba previa (solo instructores)",
        "question": "Pregunta",
        "answer": "Respuesta",
        "behaviour": "Lista de seguimiento de la conducta para las visitas de mentoría",
        "behaviour_intro": "En cada visita, observe o pregunte qué hacen ahora los participantes en su trabajo. Anote las evidencias vistas.",
        "objective": "Objetivo",
        "observed": "Observado en el trabajo",
        "evidence": "Evidencias vistas",
        "visits": "Visitas de mentoría previstas",
        "facts": "Fecha: ________  Mentor: ________  Unidad visitada: ________",
    },
}

STATEMENTS = {
    "en": (
        "The training was relevant to my job.",
        "The objectives were clear.",
        "The pace was right.",
        "The materials and exercises helped me learn.",
        "The instructors explained well and answered questions.",
        "I feel able to apply what I learnt.",
    ),
    "fr": (
        "La formation correspond à mon travail.",
        "Les objectifs étaient clairs.",
        "Le rythme était adapté.",
        "Les supports et exercices m'ont aidé à apprendre.",
        "Les formateurs ont bien expliqué et répondu aux questions.",
        "Je me sens capable d'appliquer ce que j'ai appris.",
    ),
    "es": (
        "La formación fue pertinente para mi trabajo.",
        "Los objetivos eran claros.",
        "El ritmo fue adecuado.",
        "Los materiales y ejercicios me ayudaron a aprender.",
        "Los instructores explicaron bien y respondieron a las preguntas.",
        "Me siento capaz de aplicar lo aprendido.",
    ),
}

SCALE = ("1", "2", "3", "4", "5")


def _w(lang: str) -> dict[str, str]:
    return {**WORDS["en"], **WORDS.get(lang, {})}


def reaction(content: PackContent) -> Document:
    """Return the reaction questionnaire (overall statements, then one line per module)."""
    w, lang = _w(content.lang), content.lang
    boxes = tuple(f"{BOX} {n}" for n in SCALE)
    rows = tuple((s, *boxes) for s in STATEMENTS.get(lang, STATEMENTS["en"]))
    modules = tuple((f"{m.number}. {m.title}", *boxes) for m in content.modules)
    blocks: tuple[Block, ...] = (
        Para(w["reaction_intro"]),
        Table(w["reaction"], (w["statement"], *SCALE), rows),
        Table(w["useful"], (w["module"], *SCALE), modules),
        Para(f"{w['open']} ____________________________________________"),
    )
    return Document(f"{w['reaction']} — {content.plan.name}", lang, blocks)


def pretest_questions(content: PackContent) -> list[tuple[str, str, LocalQuestion]]:
    """Return the pre-test: (module title, quiz id, question), the plan's modules in order."""
    out = []
    for m in content.modules:
        if m.quiz is None or not m.quiz.questions:
            continue
        pool = m.quiz.questions
        k = min(PRETEST_PER_MODULE, len(pool))
        for i in sorted({j * len(pool) // k for j in range(k)}):
            out.append((f"{m.number}. {m.title}", m.quiz.id, pool[i]))
    return out


def pretest(content: PackContent) -> tuple[Document, Document]:
    """Return the pre-test and its answer key."""
    w = _w(content.lang)
    blocks: list[Block] = [Para(w["pretest_intro"])]
    key_rows = []
    current = ""
    for n, (module, quiz, q) in enumerate(pretest_questions(content), start=1):
        if module != current:
            blocks.append(Heading(module))
            current = module
        blocks.append(Para(f"{n}. {q.prompt}  [{quiz}/{q.id}]"))
        if q.options:
            blocks.append(Para("   ".join(f"{BOX} {o.text}" for o in q.options)))
        else:
            blocks.append(Para(f"{w['answer']}: ______________________________"))
        key_rows.append((f"{n}", f"{quiz}/{q.id}", _key(q)))
    title = f"{w['pretest']} — {content.plan.name}"
    key = Document(
        f"{w['key']} — {content.plan.name}",
        content.lang,
        (Table(w["key"], ("#", w["question"], w["answer"]), tuple(key_rows)),),
    )
    return Document(title, content.lang, tuple(blocks)), key


def _key(q: LocalQuestion) -> str:
    if q.options:
        return "; ".join(o.text for o in q.options if o.correct)
    if q.answer is not None:
        return str(q.answer).lower()
    if q.answers:
        return "; ".join(q.answers)
    if q.value is not None:
        return f"{q.value:g} ± {q.tolerance:g} {q.unit}".strip()
    if q.pairs:
        return "; ".join(f"{a} → {b}" for a, b in q.pairs)
    return " → ".join(q.items)


def behaviour(content: PackContent) -> Document:
    """Return the behaviour follow-up checklist: one line per objective of each module."""
    w = _w(content.lang)
    marks = f"{BOX} ✓   {BOX} ~   {BOX} ✗   {BOX} n/a"
    blocks: list[Block] = [Para(w["behaviour_intro"]), Para(w["facts"])]
    visits = ", ".join(d.isoformat() for d in content.plan.mentoring)
    if visits:
        blocks.append(Para(f"{w['visits']}: {visits}"))
    for m in content.modules:
        rows = tuple((text, marks, "") for _oid, text in m.objectives)
        head = (w["objective"], w["observed"], w["evidence"])
        blocks.append(Table(f"{m.number}. {m.title}", head, rows))
    return Document(f"{w['behaviour']} — {content.plan.name}", content.lang, tuple(blocks))


def evaluation_files(content: PackContent) -> dict[str, bytes]:
    """Return the instruments as files of the pack."""
    test, key = pretest(content)
    docs = {
        "reaction.html": reaction(content),
        "pretest.html": test,
        "pretest-key.html": key,
        "behaviour.html": behaviour(content),
    }
    return {f"instructor/evaluation/{n}": to_html(d).encode("utf-8") for n, d in docs.items()}
