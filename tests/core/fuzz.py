"""Mutation fuzzing of `curriculum check`: never a traceback, always a located diagnostic.

Run many cases as a script: ``.venv/bin/python -m tests.core.fuzz 10000`` (prints a count of
cases and crashes; exit 1 on any crash). The test suite runs a few hundred through hypothesis.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

MINIMAL = Path(__file__).parent / "minimal"
FILES = sorted(
    p.relative_to(MINIMAL)
    for p in MINIMAL.rglob("*")
    if p.is_file() and p.relative_to(MINIMAL).parts[0] != "build"  # a check's cache
)
JUNK = [
    "[",
    "]",
    "{",
    "}",
    ":",
    "- ",
    "!!int",
    "!!python/object:os.system",
    "&a",
    "*a",
    "? ",
    "|",
    ">",
    '"',
    "'",
    "\t",
    "---",
    "...",
    "%YAML 1.1",
    "null",
    "~",
    "1e999",
    "-1",
    "2026-13-45",
    "2026-02-30",
    "<script>alert(1)</script>",
    "\x00",
    "\u202e",
    "::: note",
    ":::",
    "[x](module:..)",
    "key: [1, {a: b}]",
    "9" * 30,
    "0b_",
    "é" * 5000,
]


def mutate(text: str, rng: random.Random) -> str:
    """Apply one random mutation to a file's text."""
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    kind = rng.randrange(7)
    if kind == 0:
        del lines[k]
    elif kind == 1:
        lines.insert(k, lines[k])
    elif kind == 2 and len(lines[k]) > 2:
        j = rng.randrange(len(lines[k]) - 1)
        chars = list(lines[k])
        chars[j], chars[j + 1] = chars[j + 1], chars[j]
        lines[k] = "".join(chars)
    elif kind == 3:
        j = rng.randrange(len(lines[k]) + 1)
        lines[k] = lines[k][:j] + rng.choice(JUNK) + lines[k][j:]
    elif kind == 4 and ":" in lines[k]:
        lines[k] = lines[k].split(":")[0] + ": " + rng.choice(JUNK)
    elif kind == 5:
        lines[k] = "  " + lines[k]
    else:
        lines = lines[:k]
    return "\n".join(lines)


def run_case(seed: int, workdir: Path) -> None:
    """Mutate a copy of the minimal curriculum and check it; raise on a traceback-worthy failure."""
    from builder.validate.orchestrator import check_curriculum

    rng = random.Random(seed)
    root = workdir / f"case{seed}"
    shutil.copytree(MINIMAL, root)
    for _ in range(rng.randint(1, 3)):
        path = root / rng.choice(FILES)
        path.write_text(mutate(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    result = check_curriculum(root)
    texts = {p: t.split("\n") for p, t in result.texts.items()}
    for d in result.diagnostics:
        assert d.path and d.line >= 1 and d.col >= 1
        if d.path in texts:
            assert d.line <= len(texts[d.path]) + 1, d
    shutil.rmtree(root)


def main() -> None:
    """Run N cases (default 10,000); print the count of crashes."""
    import traceback

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    crashes = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(n):
            try:
                run_case(seed, Path(tmp))
            except Exception:  # a crash is what we are counting
                crashes += 1
                print(f"seed {seed}:", traceback.format_exc(limit=2), file=sys.stderr)
    print(f"{n} cases, {crashes} crashes")
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
