"""Cross-file checks: every reference resolves, every rule of the curriculum holds.

Each ``check_*`` function reads loaded files and adds diagnostics to a :class:`Sink`; none of
them raises or prints. :func:`assemble` then builds the frozen :class:`Curriculum` from the
files that loaded cleanly.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.diagnostics import did_you_mean
from builder.load.loader import Loaded, is_slug
from builder.model import (
    ModuleMeta,
    ModuleTranslationMeta,
    Policies,
)
from builder.validate.body import check_body
from builder.validate.common import check_ids, check_lang_offered, check_version, ref_list
from builder.validate.known import Known
from builder.validate.prerequisites import check_prerequisites
from builder.validate.sink import Sink, unknown

# --------------------------------------------------------------------------- programme, standards


# --------------------------------------------------------------------------- modules


def check_module(sink: Sink, f: Loaded, known: Known) -> None:
    """Check one module's front matter: ids and references (its body is checked by
    :func:`~builder.validate.body.module_body_checks`)."""
    m: ModuleMeta = f.value
    stem = f.rel.rsplit("/", 1)[-1][:-3]
    if not is_slug(m.id):
        sink.at(
            f,
            ("id",),
            "id.slug",
            (
                f"id '{m.id}' is not a valid slug (lowercase letters, digits and single hyphens, "
                "at most 64 characters)"
            ),
        )
    elif m.id != stem:
        sink.at(f, ("id",), "id.mismatch", f"id '{m.id}' differs from the file name '{stem}.md'")
    if known.tracks is not None and m.track not in known.tracks:
        unknown(sink, f, ("track",), "track.unknown", "track", m.track, known.tracks)
    ref_list(sink, f, "audience", m.audience, known.audiences, "audience.unknown", "audience")
    ref_list(sink, f, "standards", m.standards, known.standards, "standard.unknown", "standard")
    check_ids(sink, f, "objectives", [o.id for o in m.objectives], code="objective.duplicate")
    low, high = _objective_limits(known)
    if not low <= len(m.objectives) <= high:
        sink.at(
            f,
            ("objectives",),
            "objective.count",
            f"a module should have {low} to {high} objectives, this one has {len(m.objectives)}",
        )
    check_prerequisites(sink, f, m, known)


def _objective_limits(known: Known) -> tuple[int, int]:
    """Return the programme's objective limits (the defaults when programme.yml is broken)."""
    policy = known.programme.policies if known.programme else Policies()
    return policy.objectives.min, policy.objectives.max


def check_duplicate_modules(sink: Sink, modules: Sequence[Loaded]) -> None:
    """Report two module files that declare the same id."""
    seen: dict[str, str] = {}
    for f in modules:
        if f.value is None:
            continue
        mid = f.value.id
        if mid in seen:
            sink.at(f, ("id",), "id.duplicate", f"module id '{mid}' is already used by {seen[mid]}")
        else:
            seen[mid] = f.rel


def check_module_translation(
    sink: Sink, lang: str, f: Loaded, known: Known, refs: bool = True
) -> None:
    """Check a module translation against its source (its links and images only with ``refs``)."""
    t: ModuleTranslationMeta = f.value
    base = f.rel.rsplit("/", 1)[-1].split(".")[0]
    if t.id != base:
        sink.at(f, ("id",), "id.mismatch", f"id '{t.id}' differs from the file name's id '{base}'")
    if t.lang != lang:
        sink.at(
            f,
            ("lang",),
            "language.unknown",
            f"lang '{t.lang}' differs from the file name's language '{lang}'",
        )
    check_lang_offered(sink, f, ("lang",), t.lang, known)
    src = known.metas.get(t.id)
    if src is None:
        if t.id not in known.broken_modules:
            sink.at(
                f,
                ("id",),
                "translation.orphan",
                (
                    f"translation of module '{t.id}', which does not "
                    f"exist{did_you_mean(t.id, known.module_ids)}"
                ),
            )
        return
    check_version(sink, f, t.translated_from, src.version, f"module '{t.id}'")
    source_ids = [o.id for o in src.objectives]
    for i, o in enumerate(t.objectives):
        if o.id not in source_ids:
            sink.at(
                f,
                ("objectives", i, "id"),
                "translation.mismatch",
                (
                    f"objective '{o.id}' is not an objective of "
                    f"'{t.id}'{did_you_mean(o.id, source_ids)}"
                ),
            )
    missing = [o for o in source_ids if o not in {x.id for x in t.objectives}]
    if missing:
        sink.at(
            f,
            ("objectives",),
            "translation.mismatch",
            f"objectives not translated: {', '.join(missing)}",
        )
    check_body(sink, f.rel, f.body, f.body_line, known, refs)
