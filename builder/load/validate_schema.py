"""Validate located YAML against a pydantic model and turn its errors into diagnostics."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from builder.diagnostics import Diagnostic, did_you_mean, make
from builder.load.yamlsrc import LMap, LSeq, YamlProblem, locate, parse

M = TypeVar("M", bound=BaseModel)

_KIND = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}


def load_model(
    rel: str, text: str, model: type[M], *, line_offset: int = 0, what: str = "file"
) -> tuple[M | None, Any, list[Diagnostic]]:
    """Parse YAML text and validate it as ``model``; return ``(value, tree, diagnostics)``."""
    tree, problems = parse(text, line_offset)
    diags = [_from_problem(rel, p) for p in problems]
    if tree is None:
        if not problems:
            diags.append(make(rel, 1 + line_offset, 1, "file.empty", f"the {what} is empty"))
        return None, None, diags
    if not isinstance(tree, LMap):
        kind = "a list" if isinstance(tree, LSeq) else f"'{str(tree)[:40]}'"
        line, col = getattr(tree, "pos", (1 + line_offset, 1))
        diags.append(
            make(
                rel,
                line,
                col,
                "yaml.not-mapping",
                f"the {what} must be a mapping of keys, found {kind}",
            )
        )
        return None, tree, diags
    try:
        value = model.model_validate(tree)
    except ValidationError as exc:
        diags.extend(schema_diagnostics(rel, tree, exc, model))
        return None, tree, diags
    if diags:  # duplicate keys, bad tags or dates: keep the value for later checks anyway
        return value, tree, diags
    return value, tree, []


def _from_problem(rel: str, p: YamlProblem) -> Diagnostic:
    return make(rel, p.line, p.col, p.code, p.message)


def schema_diagnostics(
    rel: str, tree: Any, exc: ValidationError, model: type[BaseModel]
) -> list[Diagnostic]:
    """Turn pydantic errors into located diagnostics, one per problem."""
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc: tuple[str | int, ...] = tuple(err["loc"])
        out.append(_one(rel, tree, loc, err, model))
    return out


def dotted(loc: Sequence[str | int]) -> str:
    """Render a location as ``questions[2].options``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…"


def _one(
    rel: str, tree: Any, loc: tuple[str | int, ...], err: Any, model: type[BaseModel]
) -> Diagnostic:
    """Turn one pydantic error into a diagnostic at the key or value it is about."""
    kind = err["type"]
    where = f" in '{dotted(loc[:-1])}'" if len(loc) > 1 else ""
    if kind == "extra_forbidden":
        line, col = locate(tree, loc, key=True) or (1, 1)
        hint = did_you_mean(str(loc[-1]), field_names_at(model, loc[:-1]))
        return make(rel, line, col, "key.unknown", f"unknown key '{loc[-1]}'{where}{hint}")
    if kind == "missing":
        line, col = locate(tree, loc[:-1]) or (1, 1)
        return make(rel, line, col, "key.missing", f"missing required key '{loc[-1]}'{where}")
    line, col = locate(tree, loc) or (1, 1)
    code, message = _value_problem(kind, dotted(loc), err)
    return make(rel, line, col, code, message)


_RANGE_KINDS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")


def _value_problem(kind: str, name: str, err: Any) -> tuple[str, str]:
    """Return the code and message of a wrong value (choice, date, range, form or type)."""
    got = err.get("input")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(str(got), choices)
        return "value.choice", f"{name}: {_describe(got)} is not one of {', '.join(choices)}{hint}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "date.invalid", f"{name}: {_describe(got)} is not a valid date (write YYYY-MM-DD)"
    if kind in _RANGE_KINDS:
        return "value.range", f"{name}: {_describe(got)} is out of range ({err['msg'].lower()})"
    if kind == "string_pattern_mismatch":
        return "value.type", f"{name}: {_describe(got)} does not have the expected form (HH:MM)"
    expected = _KIND.get(kind)
    if not expected:
        return "value.type", f"{name}: {err['msg']}"
    quote = expected == "text" and isinstance(got, (int, float))
    hint = f" (quote it: '{got}')" if quote else ""
    return "value.type", f"{name}: expected {expected}, got {_describe(got)}{hint}"


def _unwrap(annotation: Any) -> list[Any]:
    """Return the model classes reachable from an annotation (through Optional, tuple, dict)."""
    origin = typing.get_origin(annotation)
    if origin is None:
        return (
            [annotation]
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else []
        )
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found.extend(_unwrap(arg))
        return found
    return []


def field_names_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Return the keys allowed at a location inside ``model``."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        if info is None:
            return []
        nested = _unwrap(info.annotation)
        current = nested[0] if nested else None
    return list(current.model_fields) if current else []
