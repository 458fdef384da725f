"""Parse YAML into plain values that remember their line and column.

PyYAML's C parser composes the node tree; this module turns nodes into ``dict``/``list``
subclasses that keep the 1-based position of every key and value, so that later stages can
point an author at the exact line. Scalars are resolved with PyYAML's own safe constructors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

try:  # pragma: no branch
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
#: The plain scalars starting with a letter that YAML 1.1 reads as bool or null.
_WORDS = frozenset(
    [
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "null",
        "Null",
        "NULL",
    ]
)


class _Loader(_BaseLoader):
    """The C loader with a fast path for plain text scalars.

    Every implicit YAML type other than text (bool, int, float, null, timestamp, merge, value)
    starts with a digit, a sign, a dot, ``<``, ``=`` or ``~``, except the words in ``_WORDS``; a
    plain scalar starting with a letter is otherwise text, without trying every resolver pattern.
    No path resolvers are registered, so descending and ascending need no bookkeeping.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and value[:1].isalpha() and value not in _WORDS:
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


Pos = tuple[int, int]


class LMap(dict[Any, Any]):
    """A mapping that knows where it, each key and each value stand in the file."""

    __slots__ = ("key_pos", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[Any, Pos] = {}
        self.val_pos: dict[Any, Pos] = {}


class LSeq(list[Any]):
    """A sequence that knows where it and each item stand in the file."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while parsing: position, code and message."""

    line: int
    col: int
    code: str
    message: str


class _Builder:
    """Turn composed nodes into located values, collecting problems."""

    _SCALAR_TAGS = frozenset(
        {
            "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        }
    )

    def __init__(self, line_offset: int) -> None:
        self.offset = line_offset
        self.problems: list[YamlProblem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def pos(self, node: yaml.Node) -> Pos:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def value(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode) -> LMap:
        out = LMap(self.pos(node))
        for key_node, val_node in node.value:
            key = self.value(key_node)
            if isinstance(key, (LMap, LSeq)):
                self.problem(key_node, "yaml.not-mapping", "a key must be a plain value")
                continue
            if key in out:
                line, _ = out.key_pos[key]
                self.problem(
                    key_node, "yaml.duplicate-key", f"key '{key}' repeats the one on line {line}"
                )
                continue
            out[key] = self.value(val_node)
            out.key_pos[key] = self.pos(key_node)
            out.val_pos[key] = self.pos(val_node)
        return out

    def sequence(self, node: yaml.SequenceNode) -> LSeq:
        out = LSeq(self.pos(node))
        for item in node.value:
            out.append(self.value(item))
            out.item_pos.append(self.pos(item))
        return out

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return node.value
        if tag in self._SCALAR_TAGS:
            try:
                return self._constructor.construct_object(node, deep=True)
            except (ValueError, IndexError, OverflowError):
                self.problem(
                    node,
                    "value.type",
                    f"'{node.value}' looks like a number but is not one; quote it if it is text",
                )
                return node.value
        if tag == "tag:yaml.org,2002:timestamp":
            return self.timestamp(node)
        self.problem(node, "yaml.tag", f"the YAML tag '{tag}' is not allowed here")
        return node.value

    def timestamp(self, node: yaml.Node) -> Any:
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:
            self.problem(node, "date.invalid", f"'{node.value}' is not a real date ({exc})")
            return node.value
        if isinstance(value, dt.datetime):
            return value
        return value

    def problem(self, node: yaml.Node, code: str, message: str) -> None:
        line, col = self.pos(node)
        self.problems.append(YamlProblem(line, col, code, message))


def parse(text: str, line_offset: int = 0) -> tuple[Any, list[YamlProblem]]:
    """Parse one YAML document into located values; never raises on author mistakes.

    ``line_offset`` is added to every line, for YAML embedded in a larger file.
    Returns ``(value, problems)``; ``value`` is ``None`` for an empty or broken document.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, line_offset)]
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without a mark
        return None, [YamlProblem(1 + line_offset, 1, "yaml.syntax", str(exc).splitlines()[0])]
    if node is None:
        return None, []
    builder = _Builder(line_offset)
    return builder.value(node), builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    col = mark.column + 1 if mark else 1
    parts = [p for p in (exc.context, exc.problem) if p]
    message = "YAML syntax error: " + ", ".join(parts) if parts else "YAML syntax error"
    lines = text.split("\n")
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        message += " (use spaces, not tabs, to indent)"
    return YamlProblem(line, col, "yaml.syntax", message)


def locate(tree: Any, loc: Sequence[str | int], *, key: bool = False) -> Pos | None:
    """Return the position of the value at ``loc`` (or of its key), or the nearest parent's."""
    node = tree
    best: Pos | None = getattr(tree, "pos", None)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, LMap) and part in node:
            best = node.key_pos[part] if (last and key) else node.val_pos[part]
            node = node[part]
        elif isinstance(node, LSeq) and isinstance(part, int) and 0 <= part < len(node):
            best = node.item_pos[part]
            node = node[part]
        elif isinstance(node, (LMap, LSeq)):
            continue  # a name that pydantic adds (a union tag): skip it
        else:
            break
    return best
