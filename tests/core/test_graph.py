"""Course order and cycle detection, by example and by property."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.graph.order import closure, course_order, find_cycles, strongly_connected


def key_by_id(node: str) -> tuple[int, int, str]:
    return (0, 0, node)


def test_order_puts_prerequisites_first_and_breaks_ties_by_key() -> None:
    graph = {"c": ["a"], "b": ["a"], "a": [], "d": []}
    keys = {"a": (1, 0, "a"), "b": (0, 5, "b"), "c": (0, 1, "c"), "d": (2, 0, "d")}
    order, left = course_order(graph, keys.__getitem__)
    assert order == ["a", "c", "b", "d"]
    assert left == []


def test_cycle_is_reported_in_full_once() -> None:
    graph = {"a": ["c"], "b": ["a"], "c": ["b"], "d": ["a"]}
    _order, left = course_order(graph, key_by_id)
    assert left == ["a", "b", "c", "d"]
    assert find_cycles(graph) == [["a", "c", "b", "a"]]


def test_self_prerequisite_is_a_cycle() -> None:
    assert find_cycles({"a": ["a"], "b": []}) == [["a", "a"]]


def test_unknown_prerequisites_are_ignored() -> None:
    order, left = course_order({"a": ["zzz"]}, key_by_id)
    assert (order, left) == (["a"], [])


@st.composite
def dags(draw: st.DrawFn) -> dict[str, list[str]]:
    n = draw(st.integers(1, 40))
    names = [f"m{i:02d}" for i in range(n)]
    graph: dict[str, list[str]] = {}
    for i, name in enumerate(names):
        earlier = names[:i]
        graph[name] = (
            draw(st.lists(st.sampled_from(earlier), max_size=4, unique=True)) if earlier else []
        )
    return graph


def _keys(graph: dict[str, list[str]], seed: int) -> dict[str, tuple[int, int, str]]:
    rng = random.Random(seed)
    return {n: (rng.randint(0, 3), rng.randint(0, 50), n) for n in graph}


@settings(max_examples=150, deadline=None)
@given(dags(), st.integers(0, 10_000), st.randoms())
def test_order_respects_every_edge_and_ignores_file_order(
    graph: dict[str, list[str]], seed: int, rnd: random.Random
) -> None:
    keys = _keys(graph, seed)
    order, left = course_order(graph, keys.__getitem__)
    assert left == []
    assert sorted(order) == sorted(graph)
    pos = {n: i for i, n in enumerate(order)}
    for node, reqs in graph.items():
        assert all(pos[r] < pos[node] for r in reqs)
    shuffled_items = list(graph.items())
    rnd.shuffle(shuffled_items)
    shuffled = {n: list(reversed(r)) for n, r in shuffled_items}
    assert course_order(shuffled, keys.__getitem__)[0] == order


@st.composite
def cyclic_graphs(draw: st.DrawFn) -> dict[str, list[str]]:
    graph = draw(dags())
    names = sorted(graph)
    ring = draw(st.lists(st.sampled_from(names), min_size=1, max_size=6, unique=True))
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
        graph[a] = sorted(set(graph[a]) | {b})
    return graph


@settings(max_examples=150, deadline=None)
@given(cyclic_graphs())
def test_every_reported_cycle_is_a_real_cycle(graph: dict[str, list[str]]) -> None:
    cycles = find_cycles(graph)
    assert cycles, "a graph with a ring has at least one cycle"
    for cycle in cycles:
        assert cycle[0] == cycle[-1]
        assert cycle[0] == min(cycle)
        for a, b in itertools.pairwise(cycle):
            assert b in graph[a]
    # each strongly connected component with a cycle is reported once
    comps = [c for c in strongly_connected(graph) if len(c) > 1 or c[0] in graph[c[0]]]
    assert len(cycles) == len(comps)
    _, left = course_order(graph, key_by_id)
    assert {n for c in cycles for n in c} <= set(left)


@given(dags())
def test_closure_contains_all_prerequisites(graph: dict[str, list[str]]) -> None:
    start = sorted(graph)[-1:]
    closed = closure(start, graph)
    for node in closed:
        assert set(graph[node]) <= closed
