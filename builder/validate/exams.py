"""Checks of an exam's blueprint against its track and its question pool."""

from __future__ import annotations

from builder.diagnostics import did_you_mean
from builder.load.loader import Loaded
from builder.model import BlueprintEntry, QuizMeta
from builder.validate.known import Known
from builder.validate.sink import Sink


def target_of(quiz_module: str, ref: str) -> tuple[str, str]:
    """Resolve an objective reference to ``(module_id, objective_id)``."""
    if "/" in ref:
        module_id, objective = ref.split("/", 1)
        return module_id, objective
    return quiz_module, ref


def check_blueprint(sink: Sink, quiz_id: str, f: Loaded, known: Known) -> None:
    """Check every blueprint entry: one target, inside the track, no more than the pool holds."""
    q: QuizMeta = f.value
    meta = known.metas.get(q.module)
    if meta is None:
        return  # the quiz's module is unknown: reported elsewhere
    track_modules = sorted(m.id for m in known.metas.values() if m.track == meta.track)
    targets = [target_of(q.module, x.objective) for x in q.questions]
    for i, entry in enumerate(q.blueprint):
        what = _entry_target(sink, f, i, entry, quiz_id, (meta.track, track_modules), known)
        if what is None:
            continue
        pool = sum(1 for t in targets if t == what or (what[1] == "" and t[0] == what[0]))
        if entry.count > pool:
            name = f"module '{what[0]}'" if not what[1] else f"objective '{what[0]}/{what[1]}'"
            sink.at(
                f,
                ("blueprint", i, "count"),
                "blueprint.too-many",
                (
                    f"exam '{quiz_id}' asks for {entry.count} questions on {name}, but its pool "
                    f"holds {pool}"
                ),
            )


def _entry_target(
    sink: Sink,
    f: Loaded,
    i: int,
    entry: BlueprintEntry,
    quiz_id: str,
    track: tuple[str, list[str]],
    known: Known,
) -> tuple[str, str] | None:
    """Return ``(module, objective)`` (objective "" for a module entry), or None when invalid."""
    track_id, modules = track
    if (entry.objective is None) == (entry.module is None):
        sink.at(
            f,
            ("blueprint", i),
            "blueprint.entry",
            (
                f"blueprint entry {i + 1} of exam '{quiz_id}' must name exactly one of "
                "'objective' or 'module'"
            ),
        )
        return None
    if entry.module is not None:
        if entry.module not in modules:
            sink.at(
                f,
                ("blueprint", i, "module"),
                "blueprint.unknown",
                (
                    f"module '{entry.module}' is not a module of track "
                    f"'{track_id}'{did_you_mean(entry.module, modules)}"
                ),
            )
            return None
        return entry.module, ""
    return _objective_target(sink, f, i, entry.objective or "", track, known)


def _objective_target(
    sink: Sink, f: Loaded, i: int, ref: str, track: tuple[str, list[str]], known: Known
) -> tuple[str, str] | None:
    track_id, modules = track
    module_id, objective = ref.split("/", 1) if "/" in ref else ("", ref)
    loc = ("blueprint", i, "objective")
    if module_id not in modules:
        hint = did_you_mean(module_id, modules) if module_id else ""
        sink.at(
            f,
            loc,
            "blueprint.unknown",
            (
                f"objective '{ref}' must be '<module>/<objective>' with a module of track "
                f"'{track_id}'{hint}"
            ),
        )
        return None
    ids = [o.id for o in known.metas[module_id].objectives]
    if objective not in ids:
        sink.at(
            f,
            loc,
            "blueprint.unknown",
            (
                f"'{objective}' is not an objective of module "
                f"'{module_id}'{did_you_mean(objective, ids)}"
            ),
        )
        return None
    return module_id, objective
