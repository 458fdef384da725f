"""The house drawn from imports: no circles, no arrow running back up, adapters blind to
validation. See docs/architecture.md for the picture."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BUILDER = Path(__file__).resolve().parents[2] / "builder"

#: Floors of the house, lowest first. A module may import only from its own floor or below.
FLOORS: tuple[tuple[str, ...], ...] = (
    (
        "builder",
        "builder.model",
        "builder.diagnostics",
        "builder.errors",
        "builder.safety",
        "builder.atomic",
        "builder.body",
        "builder.i18n",
        "builder.figures",
        "builder.quiztext",
        "builder.typeset",
        "builder.certificate",
        "builder.codehash",
    ),
    ("builder.load",),
    ("builder.graph", "builder.reference", "builder.reference_examples", "builder.scaffold"),
    ("builder.plan", "builder.assess"),
    ("builder.validate",),
    ("builder.site", "builder.packs", "builder.evidence"),
    (
        "builder.pipeline",
        "builder.preview",
        "builder.cli",
        "builder.cli_evidence",
        "builder.__main__",
    ),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(BUILDER.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Return the builder modules a file imports, at any depth (lazy imports included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("builder"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("builder")}
    return found


MODULES = {module_name(p): p for p in sorted(BUILDER.rglob("*.py"))}
GRAPH = {name: {m for m in imports(p) if m in MODULES and m != name} for name, p in MODULES.items()}


def floor(name: str) -> int:
    best = [
        (len(prefix), i)
        for i, fl in enumerate(FLOORS)
        for prefix in fl
        if name == prefix or name.startswith(prefix + ".")
    ]
    assert best, f"{name} is on no floor of the house: add it to FLOORS and docs/architecture.md"
    return max(best)[1]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_arrow_runs_back_up(name: str) -> None:
    up = sorted(m for m in GRAPH[name] if floor(m) > floor(name))
    assert not up, f"{name} (floor {floor(name)}) imports higher floors: {up}"


def test_site_and_packs_import_nothing_from_validation() -> None:
    bad = sorted(
        (name, m)
        for name, deps in GRAPH.items()
        if name.startswith(("builder.site", "builder.packs"))
        for m in deps
        if m.startswith("builder.validate")
    )
    assert not bad


def test_no_import_cycles() -> None:
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for dep in sorted(GRAPH[node]):
            if seen.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if dep not in seen:
                visit(dep)
        stack.pop()
        seen[node] = 2

    for name in sorted(GRAPH):
        if name not in seen:
            visit(name)


def test_library_modules_do_not_change_the_process_at_import() -> None:
    offenders = []
    for name, path in MODULES.items():
        if name in ("builder.cli", "builder.__main__"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # statements that run at import (not inside functions)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            text = ast.unparse(node)
            if "os.environ" in text or "addHandler" in text or "basicConfig" in text:
                offenders.append(f"{name}: {text[:60]}")
    assert not offenders
