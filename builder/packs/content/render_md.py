"""The pandoc Markdown of every piece of the handbook and the instructor guide.

Each function returns one self-contained fragment. Fragments that depend only on one module
(and on which modules share the pack, through links) are the unit of the conversion cache, so a
module's fragment is converted once and reused by every pack and every rebuild that has the same
text. Author text goes through :mod:`builder.packs.content.mdprep` first; plain fields through
:func:`md_text`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from builder.body import CALLOUT_KINDS, MAX_DEPTH, Block
from builder.graph.selection import Reason
from builder.model import GlossaryEntry, GlossaryForm
from builder.packs.content.content import LocalQuestion, PackContent, PackModule
from builder.packs.content.i18n import Labels
from builder.packs.content.mdprep import LinkPolicy, for_pandoc, md_text
from builder.plan.schedule import Session
from builder.safety import slug

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class MdContext:
    """What a fragment needs to know about its pack."""

    labels: Labels
    source_lang: str
    link_standards: bool
    day_numbers: Mapping[dt.date, int]
    titles: Mapping[str, str]

    @property
    def policy(self) -> LinkPolicy:
        """Return the link policy of shared fragments.

        Module links always point at the module's anchor, so that a module's fragment is the same
        in every pack; links to a module that a pack lacks are turned into plain text when the
        pack is assembled (``unlink``). Standards link to the handbook's appendix, which holds
        every standard that trainee text links to; the guide shows them as plain text.
        """
        return LinkPolicy(
            module=lambda mid: f"#mod-{mid}",
            standard=lambda sid: f"#std-{slug(sid)}" if self.link_standards else None,
        )


def make_context(content: PackContent, standards: bool = True) -> MdContext:
    """Return the context of one pack (``standards``: link cited standards to the appendix)."""
    days = {d.date: i for i, d in enumerate(content.plan.days, start=1)}
    return MdContext(
        labels=content.labels,
        source_lang=content.source_lang,
        link_standards=standards,
        day_numbers=days,
        titles={m.id: m.title for m in content.modules},
    )


def num(x: float) -> str:
    """Return a number without a useless ``.0``."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _para(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def callout_title(block: Block, labels: Labels, policy: LinkPolicy) -> str:
    """Return a callout's title line: its kind, then its title as inline Markdown."""
    label = labels(block.kind) if block.kind in CALLOUT_KINDS else block.kind
    if not block.title:
        return md_text(label)
    return f"{md_text(label)} — {for_pandoc(' '.join(block.title.split()), policy)}"


def callout_md(block: Block, labels: Labels, policy: LinkPolicy, depth: int = 0) -> str:
    """Return a callout as a pandoc div with its kind and a title line; the blocks nested in it
    (hints; solutions where they are shown in place) as divs inside it."""
    fence = ":" * (5 + 2 * (MAX_DEPTH - depth))
    nested = [callout_md(c, labels, policy, depth + 1) for c in block.children]
    return _para(
        f"{fence} {{.callout .{block.kind}}}",
        "::: callout-title",
        callout_title(block, labels, policy),
        ":::",
        "",
        for_pandoc(block.text, policy),
        "",
        *nested,
        fence,
    )


def blocks_md(blocks: Iterable[Block], labels: Labels, policy: LinkPolicy) -> list[str]:
    """Return text blocks as Markdown and callouts as divs."""
    return [
        for_pandoc(b.text, policy) + "\n" if b.kind == "text" else callout_md(b, labels, policy)
        for b in blocks
    ]


def solutions_md(pm: PackModule, labels: Labels, policy: LinkPolicy) -> str:
    """Return the end-of-chapter "Solutions" section of a handbook module (empty when it has
    none, or when the programme keeps solutions for instructors)."""
    pairs = pm.trainee_solutions
    if not pairs:
        return ""
    parts = [_para(f"## {md_text(labels('solutions'))} {{#{pm.id}-solutions}}", "")]
    parts.append(_para(md_text(labels("solutions_intro")), ""))
    for exercise, solution in pairs:
        heading = callout_title(exercise, labels, policy)
        parts.append(_para(f"### {heading}", ""))
        parts.append(in_lang_block(callout_md(solution, labels, policy, 1), pm.lang, labels.lang))
    return "\n".join(parts)


def notices_text(pm: PackModule, labels: Labels, source_lang: str) -> list[str]:
    """Return the fallback and stale-translation notices of a module, as plain text."""
    out = []
    if pm.fallback:
        out.append(
            labels(
                "fallback_module",
                language=labels.language_name(labels.lang),
                source=labels.language_name(source_lang),
            )
        )
    if pm.stale_from:
        out.append(labels("stale", old=pm.stale_from, new=pm.version))
    return out


def notices(pm: PackModule, labels: Labels, source_lang: str) -> list[str]:
    """Return the fallback and stale-translation notices of a module, as notice divs."""
    return [_para("::: notice", md_text(t), ":::") for t in notices_text(pm, labels, source_lang)]


def _duration(pm: PackModule, labels: Labels) -> str:
    return labels(
        "duration", total=pm.teaching + pm.practice, teaching=pm.teaching, practice=pm.practice
    )


def objectives_md(pm: PackModule, labels: Labels, anchor: str) -> str:
    """Return the learning objectives as a numbered list under a level-2 heading."""
    items = [f"{i}. {md_text(text)}" for i, (_, text) in enumerate(pm.objectives, start=1)]
    listed = in_lang_block(_para(*items), pm.lang, labels.lang)
    return _para(f"## {md_text(labels('objectives'))} {{#{anchor}}}", "", listed)


# --------------------------------------------------------------------------- trainee handbook


def in_lang(text: str, lang: str, pack_lang: str) -> str:
    """Return inline Markdown marked as written in ``lang`` when that is not the pack's."""
    return text if lang == pack_lang else f"[{text}]{{.lang-{lang}}}"


def in_lang_block(text: str, lang: str, pack_lang: str) -> str:
    """Return block Markdown in a div marked as ``lang`` when that is not the pack's."""
    return text if lang == pack_lang else _para(f"::::::: {{.lang-{lang}}}", text, ":::::::")


def _title(pm: PackModule, labels: Labels) -> str:
    return in_lang(md_text(pm.title), pm.lang, labels.lang)


def handbook_head(pm: PackModule, total: int, ctx: MdContext) -> str:
    """Return the pack-specific opening of a handbook module: numbered title, notices, duration."""
    L = ctx.labels
    parts = [_para(f"# {pm.number}\\. {_title(pm, L)} {{#mod-{pm.id}}}")]
    parts += notices(pm, L, ctx.source_lang)
    meta = f"{L('module_n', n=pm.number, total=total)} · {_duration(pm, L)}"
    parts.append(_para("::: meta", md_text(meta), ":::"))
    return "\n".join(parts)


def handbook_body(pm: PackModule, ctx: MdContext) -> str:
    """Return a handbook module's shared part: objectives, content, practice quiz (no answers)."""
    L = ctx.labels
    lead = in_lang_block(_para("::: lead", md_text(pm.summary), ":::"), pm.lang, L.lang)
    parts = [lead, objectives_md(pm, L, f"{pm.id}-objectives")]
    parts += _own_lang(blocks_md(pm.trainee_blocks, L, ctx.policy), pm, L)
    parts.append(solutions_md(pm, L, ctx.policy))
    return "\n".join(p for p in parts if p)


def _own_lang(blocks: list[str], pm: PackModule, labels: Labels) -> list[str]:
    """Return a module's blocks, marked with their language when it is not the pack's."""
    text = "\n".join(blocks)
    return [in_lang_block(text, pm.lang, labels.lang)] if text.strip() else []


def _cell(text: str) -> str:
    return md_text(text).replace("|", "\\|")


def match_key(quiz_id: str, q: LocalQuestion) -> list[tuple[int, str, str, str]]:
    """Return ``(number, left, letter, right)`` per pair, as laid out by :func:`match_table`."""
    order = q.right_order or tuple(range(len(q.pairs)))
    letter_of = {k: LETTERS[n].upper() for n, k in enumerate(order)}
    return [(n + 1, left, letter_of[n], right) for n, (left, right) in enumerate(q.pairs)]


def answers_head(pm: PackModule, labels: Labels) -> str:
    """Return the numbered heading of a module's answers."""
    return _para(f"## {pm.number}\\. {_title(pm, labels)} {{#ans-{pm.id}}}")


def answers_heading(labels: Labels) -> str:
    """Return the heading of the answers appendix."""
    return _para(
        f"# {md_text(labels('answers'))} {{#answers .appendix}}",
        "",
        md_text(labels("answers_intro")),
    )


def standards_appendix(content: PackContent) -> str:
    """Return the appendix listing the standards that trainee text links to."""
    L = content.labels
    parts = [
        _para(
            f"# {md_text(L('standards'))} {{#standards .appendix}}",
            "",
            md_text(L("standards_intro")),
        )
    ]
    for s in content.standards:
        parts.append(
            _para(
                f"## {md_text(s.id)} — {md_text(s.title)} {{#std-{slug(s.id)}}}",
                "",
                md_text(s.description),
                "",
                f"*{md_text(s.source)}*",
            )
        )
    return "\n".join(parts)


def glossary_appendix(content: PackContent) -> str:
    """Return the glossary appendix: each term in the pack language, its source-language term
    and its definition (the source-language definition where the pack language has none)."""
    L, lang, src = content.labels, content.lang, content.source_lang
    rows = [_glossary_row(entry.forms.get(lang), entry, src) for entry in content.glossary.terms]
    return _para(
        f"# {md_text(L('glossary'))} {{#glossary .appendix}}",
        "",
        md_text(L("glossary_intro")),
        "",
        *[row for row in rows if row],
    )


def _glossary_row(form: GlossaryForm | None, entry: GlossaryEntry, src: str) -> str:
    """Return one glossary entry as a definition-list item (empty when not in the language)."""
    original = entry.forms.get(src)
    if form is None or original is None:
        return ""
    name = form.term + (f" ({form.short})" if form.short else "")
    same = form.term == original.term
    english = "" if same else f" — *{md_text(original.term)}*"
    definition = form.definition or entry.definition
    return f"**{md_text(name)}**{english}\n:   {md_text(definition)}\n"


def cover_md(content: PackContent, what: str) -> str:
    """Return the cover facts as Markdown (the DOCX and HTML covers)."""
    return _para(
        *[f"**{md_text(content.labels.colon(k))}** {md_text(v)}  " for k, v in cover_facts(content)]
    ) + (
        _para("", "::: notice", md_text(content.labels("sample_data")), ":::")
        if content.sample_data and what == "guide"
        else ""
    )


def cover_facts(content: PackContent) -> list[tuple[str, str]]:
    """Return the label/value pairs shown on every cover."""
    L, plan = content.labels, content.plan
    dates = (
        f"{L.date(plan.days[0].date)} – {L.date(plan.days[-1].date)}" if plan.days else L("none")
    )
    return [
        (L("country"), f"{content.country_name} ({plan.country})"),
        (L("administration"), plan.administration),
        (L("training_dates"), dates),
        (L("programme_version"), content.programme.version),
        (L("language"), L.language_name(content.lang)),
    ]


# --------------------------------------------------------------------------- instructor guide


def weekday(labels: Labels, day: dt.date) -> str:
    """Return the weekday name of ``day`` in the labels' language."""
    return labels.weekday(day)


def describe_reason(r: Reason, labels: Labels, titles: Mapping[str, str]) -> str:
    """Return why a module is in the plan, in words."""
    if r.kind == "gap":
        return labels("reason_gap", ref=r.ref)
    if r.kind == "include":
        return labels("reason_include")
    return labels("reason_prerequisite", ref=titles.get(r.ref, r.ref))


def guide_front(content: PackContent, ctx: MdContext) -> str:
    """Return the guide's opening chapters: gaps, why each module, schedule, exclusions."""
    return "\n".join(
        [_gaps_md(content), _why_md(content, ctx), _schedule_md(content), _excluded_md(content)]
    )


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int] = ()) -> str:
    """Return a pipe table; ``widths`` (relative) become the dashes pandoc sizes columns by."""
    dashes = widths or [3] * len(header)
    lines = [
        "| " + " | ".join(md_text(h) for h in header) + " |",
        "|" + "|".join("-" * max(3, w) for w in dashes) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return _para(*lines)


def _gaps_md(content: PackContent) -> str:
    L = content.labels
    parts = [_para(f"# {md_text(L('gaps'))} {{#sec-gaps}}")]
    if content.sample_data:
        parts.append(_para("::: notice", md_text(L("sample_data")), ":::"))
    if not content.plan.gaps:
        return "\n".join([*parts, _para(md_text(L("no_gaps")))])
    rows = [(g.standard, g.title, str(g.current), str(g.target)) for g in content.plan.gaps]
    return "\n".join(
        [
            *parts,
            _para(md_text(L("gaps_intro"))),
            _table([L("standard"), L("title"), L("assessed"), L("target")], rows, (10, 60, 15, 15)),
        ]
    )


def _why_md(content: PackContent, ctx: MdContext) -> str:
    L = content.labels
    rows = [
        (
            str(pm.number),
            pm.title,
            str(pm.teaching + pm.practice),
            "; ".join(describe_reason(r, L, ctx.titles) for r in pm.reasons),
        )
        for pm in content.modules
    ]
    return "\n".join(
        [
            _para(f"# {md_text(L('why'))} {{#sec-why}}"),
            _table(["#", L("module"), L("minutes"), L("reasons")], rows, (4, 40, 8, 48)),
        ]
    )


def _session_label(s: Session, labels: Labels, titles: Mapping[str, str]) -> str:
    title = titles.get(s.module, s.title)
    return f"{title} ({labels('part', part=s.part, parts=s.parts)})" if s.parts > 1 else title


def _schedule_md(content: PackContent) -> str:
    L = content.labels
    titles = {m.id: f"{m.number}. {m.title}" for m in content.modules}
    parts = [
        _para(
            f"# {md_text(L('schedule'))} {{#sec-schedule}}",
            "",
            md_text(L("schedule_intro", tz=content.plan.timezone)),
        )
    ]
    for n, day in enumerate(content.plan.days, start=1):
        head = f"{L('day_n', n=n)} — {L.date(day.date, 'full')}"
        rows = [
            (f"{s.start:%H:%M}–{s.end:%H:%M}", _session_label(s, L, titles), str(s.minutes))
            for s in day.sessions
        ]
        parts.append(
            _para(
                f"## {md_text(head)}",
                "",
                _table([L("time"), L("module"), L("minutes")], rows, (16, 72, 12)),
            )
        )
    return "\n".join(parts)


def _excluded_md(content: PackContent) -> str:
    L, plan = content.labels, content.plan
    if not plan.exclusions and not plan.conflicts:
        return ""
    parts = [_para(f"## {md_text(L('excluded'))}")]
    parts += [_para(f"- **{md_text(mid)}**: {md_text(reason)}") for mid, reason in plan.exclusions]
    parts += [
        _para("::: notice", md_text(L("conflict", excluded=c.excluded, needed=c.needed_by)), ":::")
        for c in plan.conflicts
    ]
    return "\n".join(parts)


def guide_head(pm: PackModule, ctx: MdContext) -> str:
    """Return the pack-specific opening of a module's notes: title, notices, timing, reasons."""
    L = ctx.labels
    parts = [_para(f"# {pm.number}\\. {_title(pm, L)} {{#mod-{pm.id}}}")]
    parts += notices(pm, L, ctx.source_lang)
    parts.append(_timing_md(pm, ctx))
    reasons = [f"- {md_text(describe_reason(r, L, ctx.titles))}" for r in pm.reasons]
    parts.append(_para(f"## {md_text(L('in_plan_because'))}", "", *reasons))
    return "\n".join(parts)


def guide_body(pm: PackModule, ctx: MdContext) -> str:
    """Return the shared part of a module's notes: objectives, activities, notes, answer key."""
    L = ctx.labels
    parts = [objectives_md(pm, L, f"{pm.id}-g-objectives")]
    # With their solutions in place: the guide is the instructors'.
    activities = [b for b in pm.blocks if b.kind in ("exercise", "case-study")]
    if activities:
        parts.append(_para(f"## {md_text(L('activities'))}"))
        parts += _own_lang(blocks_md(activities, L, ctx.policy), pm, L)
    parts.append(_para(f"## {md_text(L('instructor'))}"))
    notes = _own_lang(blocks_md(pm.instructor_blocks, L, ctx.policy), pm, L)
    parts += notes or [_para(md_text(L("no_instructor_notes")))]
    return "\n".join(parts)


def _timing_md(pm: PackModule, ctx: MdContext) -> str:
    L = ctx.labels
    lines = [f"- {md_text(_duration(pm, L))}"]
    for s in pm.sessions:
        day = ctx.day_numbers.get(s.start.date(), 0)
        when = (
            f"{L('day_n', n=day)}, {L.date(s.start.date())}, {s.start:%H:%M}–{s.end:%H:%M} "
            f"({s.minutes} min)"
        )
        part = ", " + L("part", part=s.part, parts=s.parts) if s.parts > 1 else ""
        lines.append(f"- {md_text(when + part)}")
    return _para(f"## {md_text(L('timing'))}", "", *lines)


def exams_heading(labels: Labels, has_exams: bool) -> str:
    """Return the heading of the exams chapter."""
    intro = labels("exams_intro") if has_exams else labels("no_exams")
    return _para(f"# {md_text(labels('exams'))} {{#sec-exams}}", "", md_text(intro))


def guide_back(content: PackContent) -> str:
    """Return the mentoring plan, the next monitoring assessment and progress so far."""
    L, plan = content.labels, content.plan
    visits = [f"{n}. {md_text(L.date(d, 'full'))}" for n, d in enumerate(plan.mentoring, start=1)]
    parts = [
        _para(
            f"# {md_text(L('mentoring'))} {{#sec-mentoring}}",
            "",
            f"## {md_text(L('mentoring_visits'))}",
            "",
        )
    ]
    parts.append(_para(*visits) if visits else _para(md_text(L("no_visits"))))
    monitoring = L.date(plan.next_monitoring, "full") if plan.next_monitoring else L("none")
    parts.append(_para(f"## {md_text(L('next_monitoring'))}", "", f"**{md_text(monitoring)}**"))
    if plan.progress:
        rows = [
            (p.standard, str(p.first), str(p.latest), "" if p.target is None else str(p.target))
            for p in plan.progress
        ]
        parts.append(
            _para(
                f"## {md_text(L('progress'))}",
                "",
                _table([L("standard"), L("first"), L("latest"), L("target")], rows),
            )
        )
    return "\n".join(parts)
