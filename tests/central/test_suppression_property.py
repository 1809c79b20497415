"""Small-number suppression cannot be undone by subtracting totals: for random rows of counts,
every hidden cell could still hold more than one value given everything published. The check
enumerates every assignment of the hidden cells here, independently of the report code."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from erms_desktop.central.reports.suppression import suppress_row

rows = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6)


def _possible_values(published: list[str], total: str) -> list[set[int]]:
    """For each hidden cell, every value it can take in some assignment that matches the
    published cells and total ("<5" is 1-4; "*" is any count up to the row's total)."""
    hidden = [i for i, cell in enumerate(published) if not cell.isdigit()]
    shown = sum(int(cell) for cell in published if cell.isdigit())
    cap = int(total) - shown if total.isdigit() else 60
    ranges = [range(1, 5) if published[i] == "<5" else range(cap + 1) for i in hidden]
    possible: list[set[int]] = [set() for _ in hidden]
    for values in itertools.product(*ranges):
        if total.isdigit() and sum(values) != cap:
            continue
        for slot, value in enumerate(values):
            possible[slot].add(value)
    return possible


@settings(max_examples=300, deadline=None)
@given(rows)
def test_no_hidden_cell_can_be_worked_out_from_the_total(values: list[int]) -> None:
    published, total = suppress_row(values)
    for value, cell in zip(values, published, strict=True):
        if 1 <= value <= 4:
            assert cell == "<5"
        elif cell != "*":
            assert cell == str(value)
    for options in _possible_values(published, total):
        assert len(options) >= 2


@given(rows)
def test_published_totals_are_true_totals(values: list[int]) -> None:
    _, total = suppress_row(values)
    assert total in ("*", str(sum(values)))
