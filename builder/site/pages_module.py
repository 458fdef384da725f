"""Module pages: facts, objectives and prerequisites, the body, the quiz, the exam notice, next.

A module has a page in the source language and one in every language section: the translation
where there is one (with a notice when it is older than its source), else the source text with
a notice that it is not translated yet.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from builder.figures import load_figure, resolve
from builder.i18n.locale import join, typography
from builder.model import Module, Objective, Quiz
from builder.safety import is_safe_url, json_for_html
from builder.site import i18n
from builder.site.layout import (
    STANDARDS,
    Page,
    Site,
    href,
    localized,
    module_path,
    rel,
    track_path,
)
from builder.site.markup import admonition, body_to_markdown, link_resolver, standard_anchor
from builder.site.quizdata import exam_facts, quiz_payload
from builder.site.text import html_text, md_inline


def minutes_text(minutes: int, lang: str = "en") -> str:
    """Return a duration as ``lang`` writes it: ``1 h 45 min`` (or ``45 min``, ``2 h``)."""
    h, m = divmod(minutes, 60)
    if not h:
        return i18n.t(lang, "time.min", m=m)
    return i18n.t(lang, "time.h_min", h=h, m=f"{m:02d}") if m else i18n.t(lang, "time.h", h=h)


def module_link(site: Site, page: str, module_id: str, lang: str) -> str:
    """Return a Markdown link from ``page`` to a module's page in ``lang``, titled in ``lang``."""
    target = rel(page, module_path(module_id, lang, site.source))
    return f"[{md_inline(title_in(site, module_id, lang))}]({target})"


def title_in(site: Site, module_id: str, lang: str) -> str:
    """Return a module's title in ``lang`` where translated, else in the source language."""
    m = site.module(module_id)
    tr = m.translations.get(lang)
    return tr.meta.title if tr else m.meta.title


def in_lang(markdown: str, text_lang: str, page_lang: str) -> str:
    """Return inline Markdown marked with its language when it differs from the page's."""
    return markdown if text_lang == page_lang else f'<span lang="{text_lang}">{markdown}</span>'


def module_lang(site: Site, module_id: str, lang: str) -> str:
    """Return the language a module's title is shown in within a language section."""
    return (
        lang if lang == site.source or lang in site.module(module_id).translations else site.source
    )


def version_key(version: str) -> tuple[int, ...] | None:
    """Return ``1.2.0`` as ``(1, 2, 0)``, or None when it is not dotted numbers."""
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return None


def is_outdated(translated_from: str, version: str) -> bool:
    """Return whether a translation follows an older version than its source."""
    old, new = version_key(translated_from), version_key(version)
    if old is None or new is None:
        return translated_from != version
    return old < new


def module_page(site: Site, module_id: str, lang: str) -> Page:
    """Return the page of a module in a language section."""
    m = site.module(module_id)
    path = module_path(module_id, lang, site.source)
    tr = m.translations.get(lang) if lang != site.source else None
    content_lang = lang if (lang == site.source or tr) else site.source
    title = tr.meta.title if tr else m.meta.title
    body_src = tr.body if tr else m.body
    body, assets = body_to_markdown(site, body_src, path, lang, lang, tr.path if tr else m.path)
    quiz_assets: list[tuple[str, str]] = []
    if content_lang != lang:
        body = f'<div lang="{content_lang}" markdown>\n\n{body}\n\n</div>'
    parts = [
        f"# {in_lang(md_inline(title), content_lang, lang)}",
        language_switch(site, m, path, lang),
        to_quiz(site, m, lang),
        *notices(site, m, lang, tr is not None),
        facts(site, m, path, lang, tr.meta.summary if tr else m.meta.summary),
        objectives(m, lang, tr.meta.objectives if tr else (), site.source),
        prerequisites(site, m, path, lang),
        body,
        quiz_section(site, m, lang, quiz_assets),
        exam_section(site, m, lang),
        next_link(site, module_id, path, lang),
    ]
    return Page(
        path,
        title,
        lang,
        "\n\n".join(p for p in parts if p) + "\n",
        (*assets, *quiz_assets),
        searchable=content_lang == lang,
        source=tr.path if tr else m.path,
    )


def language_switch(site: Site, m: Module, path: str, lang: str) -> str:
    """Return links to the module's other versions (raw HTML, so each link carries its language)."""
    versions = [site.source, *(lg for lg in site.languages if lg in m.translations)]
    others = [lg for lg in versions if lg != lang]
    if not others:
        return ""
    links = " · ".join(
        (
            f'<a href="{href(path, module_path(m.id, lg, site.source))}" hreflang="{lg}" '
            f'lang="{lg}">{html_text(i18n.native_name(lg))}</a>'
        )
        for lg in others
    )
    return f'<p class="cur-langs">{html_text(i18n.t(lang, "also_in"))} {links}</p>'


def notices(site: Site, m: Module, lang: str, translated: bool) -> list[str]:
    """Return the notices at the top of a module page (draft, untranslated, out of date)."""
    out = []
    if m.meta.status == "draft":
        out.append(
            admonition("warning", i18n.t(lang, "draft.title"), md_inline(i18n.t(lang, "draft")))
        )
    if lang == site.source:
        return out
    source_name = i18n.language_name(site.source, lang)
    if not translated:
        text = i18n.t(lang, "untranslated", lang=i18n.language_name(lang, lang), source=source_name)
        out.append(
            admonition("info untranslated", i18n.t(lang, "untranslated.title"), md_inline(text))
        )
        return out
    tr = m.translations[lang]
    if is_outdated(tr.meta.translated_from, m.meta.version):
        text = md_inline(
            i18n.t(
                lang,
                "outdated",
                old=tr.meta.translated_from,
                new=m.meta.version,
                source=source_name,
            )
        )
        here = module_path(m.id, lang, site.source)
        target = rel(here, module_path(m.id, site.source, site.source))
        link = f"[{md_inline(i18n.t(lang, 'outdated.link'))}]({target})"
        out.append(admonition("warning outdated", i18n.t(lang, "outdated.title"), f"{text} {link}"))
    return out


def facts(site: Site, m: Module, path: str, lang: str, summary: str) -> str:
    """Return the summary, duration, level, audience and standards of a module."""
    meta = m.meta
    d = meta.duration
    programme = site.cur.programme_in(lang)
    audiences = {a.id: a.title for a in programme.audiences}
    std_page = localized(STANDARDS, lang, site.source)
    text_lang = lang if lang in site.cur.programme_translations else site.source
    duration = (
        f"{minutes_text(d.total, lang)} ({minutes_text(d.teaching, lang)} "
        f"{i18n.t(lang, 'teaching')}{join(['', ''], lang)}{minutes_text(d.practice, lang)} "
        f"{i18n.t(lang, 'practice')})"
    )
    src = site.source
    std_lang = lang if lang in site.cur.standards_translations else src
    standards = join(
        [
            f"[{in_lang(md_inline(s + ' ' + _std_title(site, s, lang)), std_lang, lang)}]"
            f"({rel(path, std_page)}#{standard_anchor(s)})"
            for s in meta.standards
        ],
        lang,
    ) or md_inline(i18n.t(lang, "none"))
    track = next((t for t in programme.tracks if t.id == meta.track), None)
    track_link = md_inline(meta.track)
    if track is not None:
        target = localized(track_path(track.id), lang, site.source)
        track_link = f"[{in_lang(md_inline(track.title), text_lang, lang)}]({rel(path, target)})"
    rows = [
        (i18n.t(lang, "track"), track_link),
        (i18n.t(lang, "duration"), md_inline(duration)),
        (i18n.t(lang, "level"), md_inline(i18n.t(lang, f"level.{meta.level}"))),
        (
            i18n.t(lang, "audience"),
            in_lang(
                md_inline(join([audiences.get(a, a) for a in meta.audience], lang)), text_lang, lang
            ),
        ),
        (i18n.t(lang, "safe_standards"), standards),
    ]
    items = "\n".join(f"- **{md_inline(typography(k + ':', lang))}** {v}" for k, v in rows)
    state = f'<p class="cur-module-state" data-module="{html_text(m.id)}" hidden></p>'
    summary_md = in_lang(md_inline(summary), module_lang(site, m.id, lang), lang)
    return f'<div class="cur-facts" markdown>\n\n{summary_md}\n\n{items}\n\n</div>\n\n{state}'


def _std_title(site: Site, standard_id: str, lang: str) -> str:
    s = next((x for x in site.cur.standards_in(lang).standards if x.id == standard_id), None)
    return f"— {s.title}" if s else ""


def objectives(m: Module, lang: str, translated: tuple[Objective, ...], source: str) -> str:
    """Return the objectives section (translated text by id where there is one)."""
    texts = {o.id: o.text for o in translated}
    items = "\n".join(
        f"1. {md_inline(texts[o.id])}"
        if o.id in texts
        else f"1. {in_lang(md_inline(o.text), source, lang)}"
        for o in m.meta.objectives
    )
    heading = md_inline(i18n.t(lang, "objectives"))
    return f"## {heading}\n\n{md_inline(i18n.t(lang, 'objectives.lead'))}\n\n{items}"


def prerequisites(site: Site, m: Module, path: str, lang: str) -> str:
    """Return the prerequisites as links, each with a place for its completion state."""
    head = f"## {md_inline(i18n.t(lang, 'prerequisites'))}"
    reqs = [p for p in m.meta.prerequisites if p in site.cur.modules]
    if not reqs:
        return f"{head}\n\n{md_inline(i18n.t(lang, 'prerequisites.none'))}"
    items = []
    for p in reqs:
        title = in_lang(md_inline(title_in(site, p, lang)), module_lang(site, p, lang), lang)
        state = f' <span class="cur-state" data-module="{html_text(p)}"></span>'
        items.append(
            f"- [{title}]({rel(path, module_path(p, lang, site.source))}){state}"
            if site.on_site(p)
            else f"- {title}"
        )
    return f"{head}\n\n{md_inline(i18n.t(lang, 'prerequisites.lead'))}\n\n" + "\n".join(items)


def quiz_links(site: Site, lang: str) -> Callable[[str], str | None]:
    """Return where a link in quiz text on a module page goes (None: shown as text)."""
    page = module_path("x", lang, site.source)
    resolve = link_resolver(site, page, lang)

    def link(target: str) -> str | None:
        scheme, _, rest = target.partition(":")
        if scheme in ("module", "standard") and rest:
            return resolve(scheme, rest.split("#", 1)[0])
        return target if is_safe_url(target, absolute=True) else None

    return link


def quiz_images(
    site: Site, quiz: Quiz, page: str, assets: list[tuple[str, str]]
) -> Callable[[str], str | None]:
    """Return where an image of quiz text points on ``page`` (its figure, which is added to
    ``assets``; None: shown as its alt text)."""
    root = Path(site.cur.root)

    def image(target: str) -> str | None:
        source = resolve(quiz.path, target)
        fig = load_figure(root, source) if source else None
        if fig is None:
            return None
        assets.append((str(root / fig.source), fig.name))
        return posixpath.relpath(fig.name, posixpath.dirname(page))

    return image


#: The anchor of a module page's quiz heading (the same in every language).
QUIZ_ANCHOR = "cur-quiz"


def to_quiz(site: Site, m: Module, lang: str) -> str:
    """Return the "Go to the quiz" link at the top of a module page (none without a quiz)."""
    if m.id not in site.practice:
        return ""
    label = html_text(i18n.t(lang, "to_quiz"))
    return f'<p class="cur-to-quiz"><a class="md-button" href="#{QUIZ_ANCHOR}">{label}</a></p>'


def quiz_section(
    site: Site, m: Module, lang: str, assets: list[tuple[str, str]] | None = None
) -> str:
    """Return the practice quiz: a heading, a mount point and the quiz data as escaped JSON
    (the figures its text shows are added to ``assets``)."""
    head = f"## {md_inline(i18n.t(lang, 'quiz'))} {{#{QUIZ_ANCHOR}}}"
    quiz = site.practice.get(m.id)
    if quiz is None:
        return f"{head}\n\n{md_inline(i18n.t(lang, 'quiz.none'))}"
    page = module_path(m.id, lang, site.source)
    images = quiz_images(site, quiz, page, assets if assets is not None else [])
    data, text_lang = quiz_payload(site.cur, quiz, lang, quiz_links(site, lang), images)
    note = ""
    if text_lang != lang:
        text = i18n.t(
            lang,
            "quiz.untranslated",
            lang=i18n.language_name(lang, lang),
            source=i18n.language_name(text_lang, lang),
        )
        note = f"{md_inline(text)}\n\n"
    ident = html_text(f"cur-quiz-{quiz.id}")
    return (
        f"{head}\n\n{note}"
        f'<div class="cur-quiz" data-quiz="{ident}" lang="{text_lang}"></div>\n\n'
        "<noscript><p "
        f'class="cur-noscript">{html_text(i18n.t(lang, "quiz.noscript"))}</p></noscript>\n\n'
        f'<script type="application/json" id="{ident}">{json_for_html(data)}</script>'
    )


def exam_section(site: Site, m: Module, lang: str) -> str:
    """Return the notice that an exam follows this module (no question, no answer)."""
    quiz = site.exams.get(m.id)
    if quiz is None:
        return ""
    f = exam_facts(site.cur, quiz, lang)
    key = "exam.text" if f.time_limit else "exam.text.notime"
    text = i18n.t(
        lang, key, title=f.title, count=f.questions, pass_mark=f.pass_mark, time=f.time_limit
    )
    return admonition("info exam", i18n.t(lang, "exam.title"), md_inline(text))


def next_link(site: Site, module_id: str, path: str, lang: str) -> str:
    """Return the link to the next module in course order."""
    nxt = site.next_module(module_id)
    if nxt is None:
        return (
            f'<div class="cur-next" markdown>\n\n{md_inline(i18n.t(lang, "next.last"))}\n\n</div>'
        )
    title = in_lang(md_inline(title_in(site, nxt, lang)), module_lang(site, nxt, lang), lang)
    link = f"[{title}]({rel(path, module_path(nxt, lang, site.source))})"
    label = md_inline(typography(i18n.t(lang, "next") + ":", lang))
    return f'<div class="cur-next" markdown>\n\n**{label}** {link}\n\n</div>'
