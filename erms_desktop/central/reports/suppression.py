"""Small-number suppression for one row of counts and its published total.

Every table of the monthly report has one row per month and a total per row; no totals run
across months, so each row is protected on its own. The method:

* primary: a count from 1 to 4 is shown as ``<5``;
* secondary: while any hidden cell of the row could still be worked out from the row's total
  (its possible values, given the published cells and that a ``<5`` cell is 1-4 and any other
  hidden cell is 0 or more, narrow to one), the smallest cell still shown is hidden too, as
  ``*``; when no cell is left to hide, the total is shown as ``*`` instead.

Zero is shown as 0: it names nobody.
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL = "<5"
HIDDEN = "*"


def _small(value: int) -> bool:
    return 1 <= value <= 4


def _derivable(values: Sequence[int], hidden: set[int]) -> bool:
    """Whether any hidden cell's value is fixed by the total and the published cells."""
    remaining = sum(values[i] for i in hidden)
    bounds = {i: (1, 4) if _small(values[i]) else (0, remaining) for i in hidden}
    for i in hidden:
        others_low = sum(bounds[j][0] for j in hidden if j != i)
        others_high = sum(bounds[j][1] for j in hidden if j != i)
        low = max(bounds[i][0], remaining - others_high)
        high = min(bounds[i][1], remaining - others_low)
        if low == high:
            return True
    return False


def suppress_row(values: Sequence[int]) -> tuple[list[str], str]:
    """The row's cells and total as published."""
    hidden = {i for i, v in enumerate(values) if _small(v)}
    total_hidden = False
    while hidden and _derivable(values, hidden):
        shown = [i for i in range(len(values)) if i not in hidden]
        if not shown:
            total_hidden = True
            break
        hidden.add(min(shown, key=lambda i: (values[i], i)))
    cells = [
        (SMALL if _small(v) else HIDDEN) if i in hidden else str(v) for i, v in enumerate(values)
    ]
    return cells, HIDDEN if total_hidden else str(sum(values))


def suppress_count(value: int) -> str:
    """A lone count with no total beside it."""
    return SMALL if _small(value) else str(value)
