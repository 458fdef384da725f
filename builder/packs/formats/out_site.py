"""The offline mini-site: the pack's modules as plain HTML pages with working practice quizzes.

Pages are rendered with Jinja2 and Python-Markdown (no MkDocs, no CDN, nothing fetched), so the
site opens straight from the file system. Author Markdown is made safe first (raw HTML escaped,
links through the pack's policy) and a tree processor drops any link that is not a page of the
site, an anchor, http(s) or mailto. Quiz data is embedded as JSON with ``<``, ``>`` and ``&``
escaped; the quiz script renders all text with ``textContent``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from builder.body import Block
from builder.figures import FIGURE_NAME
from builder.packs.cache import Cache, code_salt, sha256
from builder.packs.content.content import LocalQuiz, PackContent, PackModule
from builder.packs.content.i18n import Labels
from builder.packs.content.mdprep import LinkPolicy, for_python_markdown
from builder.packs.content.render_md import cover_facts, notices_text
from builder.packs.templating import render
from builder.quiztext import web_only, with_rich
from builder.safety import json_for_html, slug

ASSETS = Path(__file__).resolve().parents[2] / "assets" / "packs"
FIGURE_IN_PAGE = re.compile(r"figures/[0-9a-f]{16}-\d+x\d+\.(?:png|jpg|svg)")
_SAFE = re.compile(r"^(https?://|mailto:|#[\w-]*$|[a-z0-9-]+\.html(#[\w-]+)?$)", re.I)
QUIZ_LABELS = (
    "true",
    "false",
    "choose",
    "answer",
    "position",
    "right",
    "wrong",
    "explanation",
    "check",
    "reset",
    "score",
    "passed",
    "not_passed",
    "partly",
    "expected",
    "your_answer",
    "tf_answer",
    "unanswered_warn",
    "check_anyway",
)


class _SafeLinks(Treeprocessor):
    """Drop every href that is not a site page, an anchor, http(s) or mailto; drop images that
    are not figures of the pack (those are copied into the site's ``figures/``)."""

    def run(self, root: ET.Element) -> None:
        for a in root.iter("a"):
            if not _SAFE.match(a.get("href", "")):
                a.attrib.pop("href", None)
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img" and not FIGURE_NAME.match(child.get("src", "")):
                    parent.remove(child)


class SafeLinks(Extension):
    """Register :class:`_SafeLinks` to run after every inline pattern."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "pack_safe_links", 0)


def new_md() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "fenced_code", "sane_lists", "toc", SafeLinks()],
        extension_configs={"toc": {"slugify": lambda v, sep: "s-" + slugify_unicode(v, sep)}},
        output_format="html",
    )


def quiz_data(quiz: LocalQuiz, labels: Labels) -> dict[str, Any]:
    """Return what the quiz script needs (practice quizzes only: checked in the browser)."""
    if quiz.is_exam:
        raise ValueError("exam quizzes never reach the trainee site")
    return {
        "id": quiz.id,
        "passMark": quiz.pass_mark,
        "labels": labels.as_dict(QUIZ_LABELS),
        "questions": [
            with_rich(_question(quiz, q), _quiz_link, _quiz_image) for q in quiz.questions
        ],
    }


def _quiz_link(target: str) -> str | None:
    """Return where a link of quiz text goes on the mini-site (a module page or the web)."""
    if target.startswith("module:"):
        return target[len("module:") :].split("#", 1)[0] + ".html"
    return web_only(target)


def _quiz_image(target: str) -> str | None:
    """Return a figure of quiz text (already pointing at its figure) as the site shows it."""
    return target if FIGURE_NAME.match(target) else None


def _question(quiz: LocalQuiz, q: Any) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type,
        "prompt": q.prompt,
        "explanation": q.explanation,
        "points": q.points,
        "options": [
            {"text": o.text, "correct": o.correct, "feedback": o.feedback, "fixed": o.fixed}
            for o in q.options
        ],
        "answer": q.answer,
        "trueFeedback": q.true_feedback,
        "falseFeedback": q.false_feedback,
        "answers": list(q.answers),
        "value": q.value,
        "tolerance": q.tolerance,
        "unit": q.unit,
        "pairs": [{"left": left, "right": right} for left, right in q.pairs],
        "rightOrder": list(q.right_order),
        "items": list(q.items),
        "itemOrder": list(q.item_order),
        "shuffle": q.shuffle,
        "correctFeedback": q.correct_feedback,
        "incorrectFeedback": q.incorrect_feedback,
    }


def _policy(content: PackContent) -> LinkPolicy:
    cited = {s.id for s in content.standards}
    return LinkPolicy(
        module=lambda mid: f"{mid}.html" if mid in content.module_ids else None,
        standard=lambda sid: f"standards.html#std-{slug(sid)}" if sid in cited else None,
    )


def _markdown_html(text: str, md: markdown.Markdown, cache: Cache) -> str:
    """Return Python-Markdown's HTML of ``text``, through the cache (packs share modules)."""
    key = sha256("site-md-1", code_salt(), markdown.__version__, text)
    cached = cache.get(key, "html")
    if cached is not None:
        return cached.decode("utf-8")
    md.reset()
    html = md.convert(text)
    cache.put(key, "html", html.encode("utf-8"))
    return html


def _block_html(
    block: Block, md: markdown.Markdown, policy: LinkPolicy, labels: Labels, cache: Cache
) -> str:
    inner = _markdown_html(for_python_markdown(block.text, policy), md, cache)
    if block.kind == "text":
        return inner
    title = _title_html(block, labels, md, policy, cache)
    nested = "".join(_nested_html(c, md, policy, labels, cache) for c in block.children)
    return (
        f'<aside class="callout {escape(block.kind)}">\n<p '
        f'class="callout-title">{title}</p>\n{inner}\n{nested}</aside>'
    )


def _title_html(
    block: Block, labels: Labels, md: markdown.Markdown, policy: LinkPolicy, cache: Cache
) -> Markup:
    """Return a callout's title line: its kind, then its title as inline Markdown."""
    if not block.title:
        return escape(labels(block.kind))
    inline = _markdown_html(for_python_markdown(block.title, policy), md, cache)
    inline = inline.removeprefix("<p>").removesuffix("</p>")
    return escape(labels(block.kind) + " — ") + Markup(inline)  # sanitised by Python-Markdown


def _nested_html(
    block: Block, md: markdown.Markdown, policy: LinkPolicy, labels: Labels, cache: Cache
) -> str:
    """Return a solution or hint as a disclosure that works without JavaScript."""
    inner = _markdown_html(for_python_markdown(block.text, policy), md, cache)
    summary = labels("show_solution" if block.kind == "solution" else "show_hint")
    if block.title:
        summary += f" — {block.title}"
    return (
        f'<details class="{escape(block.kind)}">\n<summary>{escape(summary)}</summary>\n'
        f"{inner}\n</details>\n"
    )


def module_fields(
    content: PackContent, i: int, md: markdown.Markdown, cache: Cache, policy: LinkPolicy
) -> dict[str, Any]:
    """Return what the module template shows of the ``i``-th module (trainee blocks, practice
    quiz), with links made by ``policy``: shared by the mini-site and the LMS packages."""
    L = content.labels
    pm: PackModule = content.modules[i]
    shown = (
        pm.trainee_blocks if not pm.solutions else [b for b in pm.blocks if b.kind != "instructor"]
    )
    body = "\n".join(_block_html(b, md, policy, L, cache) for b in shown)
    quiz_notice = ""
    if pm.quiz is not None and pm.quiz.fallback:
        quiz_notice = L(
            "fallback_quiz",
            language=L.language_name(L.lang),
            source=L.language_name(content.source_lang),
        )
    return {
        "number": pm.number,
        "title": pm.title,
        "notices": notices_text(pm, L, content.source_lang),
        "meta": L("module_n", n=pm.number, total=len(content.modules)),
        "summary": pm.summary,
        "objectives": [text for _, text in pm.objectives],
        "body": Markup(body),  # escaped and sanitised above
        "quiz_json": (
            Markup(json_for_html(quiz_data(pm.quiz, L))) if pm.quiz is not None else None
        ),
        "quiz_notice": quiz_notice,
        # a module or quiz shown in the source language is tagged with it (screen readers)
        "body_lang": pm.lang if pm.lang != content.lang else None,
        "quiz_lang": pm.quiz.lang if pm.quiz and pm.quiz.lang != content.lang else None,
    }


def module_page(content: PackContent, i: int, md: markdown.Markdown, cache: Cache) -> str:
    """Return the page of the ``i``-th module (trainee blocks only, practice quiz)."""
    mods = content.modules
    pm: PackModule = mods[i]
    common = common_fields(content, f"{pm.number}. {pm.title}")
    common["prev"] = (f"{mods[i - 1].id}.html", mods[i - 1].title) if i > 0 else None
    common["next"] = (f"{mods[i + 1].id}.html", mods[i + 1].title) if i + 1 < len(mods) else None
    return render(
        "site-module.html.j2", **common, **module_fields(content, i, md, cache, _policy(content))
    )


def common_fields(content: PackContent, page_title: str) -> dict[str, Any]:
    L = content.labels
    return {
        "lang": content.lang,
        "dir": "rtl" if L.is_rtl else "ltr",
        "L": L,
        "page_title": page_title,
        "site_title": (
            f"{content.programme.short_title or content.programme.title} — {content.country_name}"
        ),
        "prev": None,
        "next": None,
    }


def site_files(content: PackContent, cache: Cache) -> Iterator[tuple[str, bytes]]:
    """Yield ``(path inside site/, bytes)`` for every file of the mini-site."""
    md, mods = new_md(), content.modules
    index = render(
        "site-index.html.j2",
        **{
            **common_fields(content, content.labels("offline_site")),
            "next": (f"{mods[0].id}.html", mods[0].title) if mods else None,
        },
        programme=content.programme.title,
        country=content.country_name,
        facts=cover_facts(content),
        modules=[(f"{m.id}.html", f"{m.number}. {m.title}", m.summary) for m in mods],
        has_standards=bool(content.standards),
    )
    yield "index.html", index.encode("utf-8")
    shown: set[str] = set()
    for i, m in enumerate(mods):
        page = module_page(content, i, md, cache)
        shown.update(FIGURE_IN_PAGE.findall(page))
        yield f"{m.id}.html", page.encode("utf-8")
    if content.standards:
        rows = [
            (f"std-{slug(s.id)}", s.id, s.title, s.description, s.source) for s in content.standards
        ]
        yield (
            "standards.html",
            render(
                "site-standards.html.j2",
                **common_fields(content, content.labels("standards")),
                standards=rows,
            ).encode("utf-8"),
        )
    yield (
        "assets/pack.css",
        (ASSETS.parent.parent / "templates" / "packs" / "pack.css").read_bytes(),
    )
    yield "assets/marking.js", (ASSETS.parent / "marking.js").read_bytes()
    yield "assets/quiz.js", (ASSETS / "quiz.js").read_bytes()
    for fig in content.figures:
        if fig.name in shown:  # only what a page shows (not an instructor block's figure)
            yield fig.name, fig.data
