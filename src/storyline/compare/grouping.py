"""Grouping by union-find: the connected groups of items under a pairwise "same" relation."""

from __future__ import annotations

from collections.abc import Callable


def groups(count: int, same: Callable[[int, int], bool]) -> list[list[int]]:
    """Indices ``0 … count-1`` grouped so that any two items ``same`` calls the same share a group (and so
    transitively); ``same(i, j)`` is asked with ``i < j``, only for items not grouped together yet.

    Groups come in the order of their first item, each in ascending order.
    """
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if root(i) != root(j) and same(i, j):
                parent[root(j)] = root(i)
    found: dict[int, list[int]] = {}
    for index in range(count):
        found.setdefault(root(index), []).append(index)
    return list(found.values())
