"""One-dimensional clustering: things along one axis (words, cells, spans, pixel columns)
gathered into runs separated by gaps. Columns of amounts, merged heading spans, the cells of
a list line and ink on a page strip are all this one loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def runs(items: Iterable[T], start: Callable[[T], float], end: Callable[[T], float],
         max_gap: float | Callable[[T], float] = 0.0, presorted: bool = False) -> list[list[T]]:
    """The items in runs along one axis, in order of ``start``: an item joins the run before
    it when it starts at most ``max_gap`` (a number, or one per item) after the furthest
    ``end`` of that run; otherwise it opens a new run. ``presorted`` keeps the given order.

    >>> runs([(0, 4), (9, 12), (5, 6), (3, 5)], lambda s: s[0], lambda s: s[1])
    [[(0, 4), (3, 5), (5, 6)], [(9, 12)]]
    >>> runs([1, 2, 10, 4], float, float, max_gap=2)
    [[1, 2, 4], [10]]
    """
    out: list[list[T]] = []
    reach = 0.0
    for item in items if presorted else sorted(items, key=start):
        gap = max_gap(item) if callable(max_gap) else max_gap
        if out and start(item) - reach <= gap:
            out[-1].append(item)
            reach = max(reach, end(item))
        else:
            out.append([item])
            reach = end(item)
    return out
