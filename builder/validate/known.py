"""The ids that exist, gathered once before cross-file checks."""

from __future__ import annotations

from builder.body import heading_anchors
from builder.load.loader import RawCurriculum
from builder.model import ModuleMeta, Programme, StandardsFile


class Known:
    """The ids that exist, including those of files that failed to load (to avoid cascades)."""

    def __init__(self, raw: RawCurriculum) -> None:
        p: Programme | None = raw.programme.value if raw.programme else None
        s: StandardsFile | None = raw.standards.value if raw.standards else None
        self.programme = p
        self.tracks = [t.id for t in p.tracks] if p else None
        self.audiences = [a.id for a in p.audiences] if p else None
        self.languages = list(p.languages) if p else None
        self.standards = [x.id for x in s.standards] if s else None
        self.metas: dict[str, ModuleMeta] = {}
        self.module_ids: set[str] = set(raw.broken_modules)
        for m in raw.modules:
            stem = m.rel.rsplit("/", 1)[-1][:-3]
            self.module_ids.add(stem)
            if m.value is not None:
                self.module_ids.add(m.value.id)
                self.metas.setdefault(m.value.id, m.value)
        self.sorted_module_ids = sorted(self.module_ids)
        self.module_set = frozenset(self.module_ids)
        self.broken_modules = set(raw.broken_modules)
        self.root = raw.root
        self.anchors = _anchors(raw)


def _anchors(raw: RawCurriculum) -> dict[str, frozenset[str]]:
    """Return the heading anchors of each module (source and translations together)."""
    out: dict[str, set[str]] = {}
    for f in [*raw.modules, *(f for _, f in raw.module_translations)]:
        if f.value is not None:
            out.setdefault(f.value.id, set()).update(heading_anchors(f.body))
    return {k: frozenset(v) for k, v in out.items()}


def check_settings(known: Known) -> dict[str, str]:
    """Return ``programme.yml``'s settings of warning checks (code → error, warning or off)."""
    return dict(known.programme.checks) if known.programme is not None else {}
