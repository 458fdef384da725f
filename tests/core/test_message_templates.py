"""Every author-facing message template of the checker is asserted word for word.

The templates are read from the source of the validation and loading stages: each call that
names a diagnostic code followed by its message (a string or an f-string, directly or through a
variable). A template is covered when an expected line in bad_inputs.yml matches it, with each
``{...}`` of the f-string standing for any text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.diagnostics import CODES
from tests.core.bad_inputs import load_cases

BUILDER = Path(__file__).resolve().parents[2] / "builder"
SOURCES = sorted(
    [*(BUILDER / "validate").glob("*.py"), *(BUILDER / "load").glob("*.py"), BUILDER / "body.py"]
)


def _pattern(node: ast.expr, assigned: dict[str, ast.expr]) -> str | None:
    """Return a regex for a message expression, or None when it is not a template."""
    if isinstance(node, ast.Name) and node.id in assigned:
        return _pattern(assigned[node.id], assigned)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return re.escape(node.value)
    if isinstance(node, ast.JoinedStr):
        return "".join(
            re.escape(v.value) if isinstance(v, ast.Constant) else ".*?" for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern(node.left, assigned), _pattern(node.right, assigned)
        return None if left is None or right is None else left + right
    return None


def _assignments(func: ast.AST) -> dict[str, ast.expr]:
    return {
        t.id: n.value
        for n in ast.walk(func)
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name)
    }


def templates() -> Iterator[tuple[str, str, str]]:
    """Yield ``(where, code, regex)`` for every message template next to a code."""
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            assigned = _assignments(func)
            for node in ast.walk(func):
                items = node.args if isinstance(node, ast.Call) else None
                if isinstance(node, ast.Tuple):
                    items = node.elts
                if isinstance(node, ast.Call) and _name(node.func) in UNKNOWN_HELPERS:
                    yield from _unknown_template(path, node)
                    continue
                for i, arg in enumerate(items or []):
                    if (
                        isinstance(arg, ast.Constant)
                        and arg.value in CODES
                        and i + 1 < len(items or [])
                    ):
                        regex = _pattern((items or [])[i + 1], assigned)
                        if regex is not None:
                            where = f"{path.relative_to(BUILDER.parent)}:{node.lineno}"
                            yield where, str(arg.value), regex


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


#: Helpers that say "<what> '<value>' is not defined", and where their code and ``what`` are.
UNKNOWN_HELPERS = {"unknown": (3, 4), "ref_list": (5, 6)}


def _unknown_template(path: Path, call: ast.Call) -> Iterator[tuple[str, str, str]]:
    """Yield the template of a call to one of :data:`UNKNOWN_HELPERS`."""
    at_code, at_what = UNKNOWN_HELPERS[_name(call.func)]
    if len(call.args) <= at_what:
        return
    code, what = call.args[at_code], call.args[at_what]
    if isinstance(code, ast.Constant) and isinstance(what, ast.Constant):
        where = f"{path.relative_to(BUILDER.parent)}:{call.lineno}"
        yield where, str(code.value), re.escape(str(what.value)) + " '.*?' is not defined"


def expected_lines() -> list[str]:
    return [line for case in load_cases() for line in case.get("expect") or []]


ALL = sorted(set(templates()))


def test_templates_are_found() -> None:
    assert len(ALL) > 60


@pytest.mark.parametrize(("where", "code", "regex"), ALL, ids=[f"{w}-{c}" for w, c, _ in ALL])
def test_template_is_asserted_word_for_word(where: str, code: str, regex: str) -> None:
    full = re.compile(
        rf": (error|warning): {regex}( \(did you mean [^)]*\))? \[{re.escape(code)}\]$"
    )
    assert any(full.search(line) for line in expected_lines()), (
        f"{where}: no case in tests/core/bad_inputs.yml asserts this [{code}] message"
    )
