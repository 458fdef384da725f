"""The main job: site and all packs from a checked curriculum."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from builder.check import CheckResult


def build_everything(result: CheckResult, root: Path) -> str:
    """Build whatever outputs this version of the builder has; return a summary."""
    lines = [f"checked: {len(result.order)} modules, {len(result.plans)} countries"]
    out = root / "build"
    if importlib.util.find_spec("builder.site.build") is not None:
        from builder.site.build import build_site

        lines.append(str(build_site(result, root, out / "site")))
    if importlib.util.find_spec("builder.packs.build") is not None:
        from builder.packs.build import build_packs

        lines.append(
            str(
                build_packs(
                    result, root, sorted(result.plans), out / "packs", jobs=2, progress=True
                )
            )
        )
    return "\n".join(lines)
