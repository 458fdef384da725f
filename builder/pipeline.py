"""The main job: the site and every country's pack from a checked course."""

from __future__ import annotations

from pathlib import Path

from builder.packs.build import build_packs
from builder.plan.course import Course
from builder.site.build import build_site


def build_everything(course: Course, root: Path) -> str:
    """Build the site and every country's pack; return a summary."""
    lines = [f"checked: {len(course.order)} modules, {len(course.countries)} countries"]
    out = root / "build"
    # Packs first: the site publishes each pack's trainee files (build/packs/CC/) on its pages.
    lines.append(build_packs(course, root, course.countries, out / "packs", jobs=2, progress=True))
    lines.append(build_site(course, root, out / "site"))
    return "\n".join(lines)
