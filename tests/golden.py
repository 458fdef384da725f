"""Golden files: outputs too large to assert by hand, compared byte for byte.

- ``order.json`` and ``plan-SN.json``: ``curriculum order --format json`` and ``curriculum plan SN
  --format json`` of the minimal curriculum (tests/core/minimal);
- ``pandoc-KE-handbook.md`` and ``pandoc-KE-guide.md``: the sources the pack builder hands to
  pandoc for the tiny hostile curriculum's handbook and instructor guide (tests/packs/tiny.py);
- ``exam-papers-KE.typ``: the Typst of the tiny pack's exam papers and keys, form by form;
- the ``expect`` lines of every case in tests/core/bad_inputs.yml.

Regenerate all of them with ``./dev golden`` (``python -m tests.golden --update``), then review
the diff before committing: a golden file changes only when the output is meant to change.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
MINIMAL = HERE / "core" / "minimal"
BAD_INPUTS = HERE / "core" / "bad_inputs.yml"


def _course(root: Path):  # type: ignore[no-untyped-def]
    from builder.validate.orchestrator import check_curriculum

    result = check_curriculum(root)
    assert result.course is not None, [d.to_text() for d in result.diagnostics]
    return result.course


def order_json() -> str:
    """Return the minimal curriculum's course order as JSON."""
    from builder.plan.text import order_json as render

    course = _course(MINIMAL)
    return render(course.curriculum, list(course.order)) + "\n"


def plan_json() -> str:
    """Return the minimal curriculum's plan for SN as JSON."""
    from builder.plan.text import plan_json as render

    return render(_course(MINIMAL).plan("SN")) + "\n"


def pandoc_sources(kind: int) -> str:
    """Return every fragment source of the tiny pack's handbook (0) or guide (1), in book order."""
    sys.path.insert(0, str(HERE / "packs"))
    from tiny import write_tree

    from builder.packs.assemble import books
    from builder.packs.content.content import build_content

    with tempfile.TemporaryDirectory() as tmp:
        course = _course(write_tree(Path(tmp)))
        book = books(build_content(course.curriculum, course.plan("KE")))[kind]
    return "".join(
        f"===== fragment {p.prefix or '(cover)'} ({p.reader}) =====\n{p.source.rstrip()}\n"
        for p in book.pieces
    )


def exam_papers() -> str:
    """Return the Typst of every exam paper and key of the tiny pack, form by form."""
    sys.path.insert(0, str(HERE / "packs"))
    from tiny import write_tree

    from builder.packs.content.ast_render import typst_blocks
    from builder.packs.content.content import build_content
    from builder.packs.content.render_exam import key_paper_blocks, paper_blocks

    with tempfile.TemporaryDirectory() as tmp:
        course = _course(write_tree(Path(tmp)))
        content = build_content(course.curriculum, course.plan("KE"))
    out = []
    for quiz in content.exams:
        out.append(
            f"===== paper {quiz.id} =====\n{typst_blocks(paper_blocks(quiz, content.labels))}"
        )
        out.append(
            f"===== key {quiz.id} =====\n{typst_blocks(key_paper_blocks(quiz, content.labels))}"
        )
    return "\n".join(x.rstrip() + "\n" for x in out)


GOLDENS: dict[str, Callable[[], str]] = {
    "order.json": order_json,
    "plan-SN.json": plan_json,
    "pandoc-KE-handbook.md": lambda: pandoc_sources(0),
    "pandoc-KE-guide.md": lambda: pandoc_sources(1),
    "exam-papers-KE.typ": exam_papers,
}


def bad_input_expectations() -> str:
    """Return bad_inputs.yml with every case's ``expect`` lines regenerated from the checker."""
    import yaml

    from tests.core.bad_inputs import actual_lines, load_cases, materialise

    text = BAD_INPUTS.read_text(encoding="utf-8")
    for case in load_cases():
        with tempfile.TemporaryDirectory() as tmp:
            lines = actual_lines(materialise(case, Path(tmp) / "c"))
        dumped = [yaml.safe_dump(x, width=1000, allow_unicode=True) for x in lines]
        block = "".join(f"    - {d.strip().removesuffix('...').strip()}\n" for d in dumped)
        pattern = re.compile(
            rf"(^- name: {re.escape(case['name'])}\n(?:(?!- name: ).*\n)*?  expect:\n)"
            r"((?:    - .*\n)*)",
            re.M,
        )
        text = pattern.sub(lambda m, b=block: m.group(1) + b, text, count=1)
    return text


def update() -> None:
    """Rewrite every golden file and the bad-input expectations."""
    GOLDEN.mkdir(exist_ok=True)
    for name, make in GOLDENS.items():
        (GOLDEN / name).write_text(make(), encoding="utf-8")
        print(f"wrote tests/golden/{name}")
    BAD_INPUTS.write_text(bad_input_expectations(), encoding="utf-8")
    print("rewrote the expect lines of tests/core/bad_inputs.yml")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m tests.golden --update")
    update()
