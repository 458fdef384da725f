"""The pages shared by the SCORM 1.2, SCORM 2004 and cmi5 packages: one page per module (its
trainee text and practice quiz) and per exam, with the mini-site's look and quiz script.

Every page is the same in the three packages; only ``assets/runtime.js`` (which standard to talk
to) differs. Links to other modules become plain text (a SCO must not navigate to another SCO),
and exams carry hashed keys instead of answers (:mod:`builder.packs.formats.lms_key`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from builder.packs.cache import Cache
from builder.packs.content.content import LocalQuiz, PackContent
from builder.packs.content.mdprep import LinkPolicy
from builder.packs.formats.lms_key import exam_data
from builder.packs.formats.out_site import ASSETS, common_fields, module_fields, new_md
from builder.packs.templating import render
from builder.safety import json_for_html

RUNTIMES = ("scorm12", "scorm2004", "cmi5")
MARKING = ASSETS.parent / "marking.js"
"""The marking rules shared with the site (loaded before quiz.js where they exist)."""
"""The standards a package talks to, as ``assets/runtime.js`` names them."""


@dataclass(frozen=True)
class Unit:
    """One SCO (SCORM) or AU (cmi5): a module with its practice quiz, or an exam."""

    key: str
    """The module or exam id."""
    ident: str
    """An XML NCName, unique in the package (``m-<module>`` or ``x-<exam>``)."""
    href: str
    """The page, relative to the package root."""
    title: str
    pass_mark: int | None
    """The pass mark in percent; None when the unit has no quiz (completed on launch)."""
    requires: tuple[str, ...]
    """Identifiers (``ident``) of the units that must be passed first."""
    exam: bool = False


def units(content: PackContent) -> tuple[Unit, ...]:
    """Return the package's units: the modules in plan order, then the exams. An exam requires
    the modules of its track that the pack holds."""
    ids = content.module_ids
    out = [
        Unit(
            key=m.id,
            ident=f"m-{m.id}",
            href=f"{m.id}.html",
            title=f"{m.number}. {m.title}",
            pass_mark=m.quiz.pass_mark if m.quiz is not None else None,
            requires=tuple(f"m-{p}" for p in m.prerequisites if p in ids),
        )
        for m in content.modules
    ]
    track_of = {m.id: m.track for m in content.modules}
    for x in content.exams:
        track = track_of.get(x.module)
        requires = tuple(f"m-{m.id}" for m in content.modules if m.track == track)
        out.append(
            Unit(
                x.id, f"x-{x.id}", f"exam-{x.id}.html", x.title or x.id, x.pass_mark, requires, True
            )
        )
    return tuple(out)


def _sco_json(content: PackContent, unit_id: str, pass_mark: int | None) -> Markup:
    data = {"id": unit_id, "passMark": pass_mark, "noLms": content.labels("lms_none")}
    return Markup(json_for_html(data))


def exam_page(content: PackContent, exam: LocalQuiz) -> str:
    """Return the page of an exam: its facts and its questions, keys hashed."""
    L = content.labels
    facts = L("exam_facts", n=len(exam.questions), mark=exam.pass_mark)
    if exam.time_limit:
        facts += " " + L("time_limit", minutes=exam.time_limit)
    notice = ""
    if exam.fallback:
        notice = L(
            "fallback_quiz",
            language=L.language_name(L.lang),
            source=L.language_name(content.source_lang),
        )
    scope = f"{content.code}/{content.lang}"
    return render(
        "sco-exam.html.j2",
        **common_fields(content, exam.title or exam.id),
        sco=_sco_json(content, exam.id, exam.pass_mark),
        title=exam.title or exam.id,
        facts=facts,
        quiz_notice=notice,
        quiz_json=Markup(json_for_html(exam_data(exam, L, scope))),
        marking=MARKING.exists(),
    )


NO_LINKS = LinkPolicy(module=lambda _: None, standard=lambda _: None)
"""Links between SCOs become plain text."""


def sco_pages(content: PackContent, cache: Cache) -> Iterator[tuple[str, bytes]]:
    """Yield ``(path, bytes)`` of every page and shared asset of the packages."""
    md = new_md()
    for i, m in enumerate(content.modules):
        fields = module_fields(content, i, md, cache, NO_LINKS)
        pass_mark = m.quiz.pass_mark if m.quiz is not None else None
        page = render(
            "site-module.html.j2",
            **common_fields(content, f"{m.number}. {m.title}"),
            **fields,
            sco=_sco_json(content, m.id, pass_mark),
        )
        yield f"{m.id}.html", page.encode("utf-8")
    for x in content.exams:
        yield f"exam-{x.id}.html", exam_page(content, x).encode("utf-8")
    css = ASSETS.parent.parent / "templates" / "packs" / "pack.css"
    yield "assets/pack.css", css.read_bytes()
    if MARKING.exists():
        yield "assets/marking.js", MARKING.read_bytes()
    yield "assets/quiz.js", (ASSETS / "quiz.js").read_bytes()
    yield "assets/sco.js", (ASSETS / "sco.js").read_bytes()


def runtime_js(runtime: str) -> bytes:
    """Return ``assets/runtime.js`` of one package: which standard its pages talk to."""
    if runtime not in RUNTIMES:
        raise ValueError(f"unknown runtime {runtime!r}")
    return f'window.PACK_RUNTIME = "{runtime}";\n'.encode()
