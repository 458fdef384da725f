"""The prerequisite graph: course order, cycles, closure, and the tie-break key.

Order is Kahn's algorithm with a priority queue, so that among the modules whose prerequisites
are all placed, the next is the one with the lowest (track sequence, ``order``, id). The result
depends only on the graph and those keys, never on the order files were read in.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence

from builder.model import Curriculum

SortKey = tuple[int, int, str]


def course_order(
    prerequisites: Mapping[str, Sequence[str]], key: Callable[[str], SortKey]
) -> tuple[list[str], list[str]]:
    """Return ``(order, left_over)``: a topological order, and the nodes stuck in or behind cycles.

    Prerequisites that are not nodes of the graph are ignored.
    """
    nodes = set(prerequisites)
    indegree = {n: 0 for n in nodes}
    dependants: dict[str, list[str]] = {n: [] for n in nodes}
    for node, reqs in prerequisites.items():
        for r in set(reqs):
            if r in nodes:
                indegree[node] += 1
                dependants[r].append(node)
    heap = [(key(n), n) for n in nodes if indegree[n] == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        _, node = heapq.heappop(heap)
        order.append(node)
        for d in dependants[node]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, (key(d), d))
    left = sorted(n for n in nodes if indegree[n] > 0)
    return order, left


def find_cycles(prerequisites: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return one cycle per strongly connected component that has one, each as ``[a, b, ..., a]``.

    Each cycle starts at its smallest id; edges go from a module to its prerequisite.
    """
    cycles: list[list[str]] = []
    for component in strongly_connected(prerequisites):
        members = set(component)
        start = min(component)
        if len(component) == 1 and start not in prerequisites.get(start, ()):
            continue
        cycles.append(_cycle_through(start, members, prerequisites))
    return sorted(cycles)


def _cycle_through(start: str, members: set[str], graph: Mapping[str, Sequence[str]]) -> list[str]:
    """Find a shortest cycle from ``start`` back to itself inside one component (BFS)."""
    parent: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            for r in sorted(set(graph.get(node, ()))):
                if r == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if r in members and r not in seen:
                    seen.add(r)
                    parent[r] = node
                    nxt.append(r)
        frontier = nxt
    raise AssertionError("a strongly connected component always has a cycle")  # pragma: no cover


def strongly_connected(graph: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return the strongly connected components (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(set(graph[root]))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(set(graph[child])))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(sorted(comp))
    return out


def closure(start: Iterable[str], prerequisites: Mapping[str, Sequence[str]]) -> set[str]:
    """Return ``start`` with every prerequisite it needs, transitively."""
    out: set[str] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        if node in out:
            continue
        out.add(node)
        todo.extend(r for r in prerequisites.get(node, ()) if r in prerequisites)
    return out


def module_sort_key(cur: Curriculum) -> Callable[[str], SortKey]:
    """Return the tie-break key: track sequence, then ``order``, then id."""

    def key(module_id: str) -> SortKey:
        m = cur.modules[module_id].meta
        return (cur.programme.track_index(m.track), m.order, m.id)

    return key


def prerequisite_map(cur: Curriculum) -> dict[str, tuple[str, ...]]:
    """Return each module's prerequisites that exist."""
    return {
        mid: tuple(p for p in m.meta.prerequisites if p in cur.modules)
        for mid, m in cur.modules.items()
    }
