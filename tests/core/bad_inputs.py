"""Run the bad-input cases of bad_inputs.yml; print a case's actual diagnostics to review."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
MINIMAL = HERE / "minimal"


def load_cases() -> list[dict[str, Any]]:
    """Return the cases in file order."""
    return list(yaml.safe_load((HERE / "bad_inputs.yml").read_text(encoding="utf-8")))


def materialise(case: dict[str, Any], target: Path) -> Path:
    """Write the minimal curriculum with the case's changes into ``target``."""
    shutil.copytree(MINIMAL, target)
    for rel, (old, new) in (case.get("replace") or {}).items():
        path = target / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{case['name']}: '{old}' not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for rel, content in (case.get("files") or {}).items():
        path = target / rel
        if content is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("latin-1" if case.get("latin1") else "utf-8"))
    for rel, dest in (case.get("symlink") or {}).items():
        (target / rel).symlink_to(dest)
    return target


def actual_lines(root: Path) -> list[str]:
    """Return ``curriculum check`` lines for a root (without the source excerpts)."""
    from builder.validate.orchestrator import check_curriculum

    return [d.to_text() for d in check_curriculum(root).diagnostics]


if __name__ == "__main__":
    import tempfile

    wanted = set(sys.argv[1:])
    for case in load_cases():
        if wanted and case["name"] not in wanted:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            root = materialise(case, Path(tmp) / "c")
            print(f"- name: {case['name']}")
            for line in actual_lines(root):
                dumped = yaml.safe_dump(line, width=1000, allow_unicode=True)
                print(f"    - {dumped.strip().removesuffix('...').strip()}")
