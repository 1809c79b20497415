"""Small-number suppression cannot be undone by subtracting totals: for random rows of counts,
every hidden cell could still hold more than one value given everything published. The check
enumerates every assignment of the hidden cells here, independently of the report code."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from erms_desktop.central.reports.suppression import suppress_row

rows = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6)


def _possible_values(published: list[str], total: str) -> list[set[int]]:
    """For each hidden cell, every value it can take in some assignment that matches the
    published cells and total ("<5" is 1-4; "*" is any count up to the row's total). Each hidden
    cell ranges over an interval, and sums of integer intervals fill an interval, so a value
    ``v`` fits cell ``i`` exactly when the other hidden cells can make up the rest: decided
    per value, without trying every assignment (which grew as 61 to the power of the hidden
    cells, and once ran for minutes in a parallel run of the suite)."""
    hidden = [i for i, cell in enumerate(published) if not cell.isdigit()]
    shown = sum(int(cell) for cell in published if cell.isdigit())
    cap = int(total) - shown if total.isdigit() else 60
    bounds = [(1, 4) if published[i] == "<5" else (0, cap) for i in hidden]
    possible = []
    for slot, (low, high) in enumerate(bounds):
        others = [b for other, b in enumerate(bounds) if other != slot]
        least, most = sum(b[0] for b in others), sum(b[1] for b in others)
        possible.append(
            {v for v in range(low, high + 1) if not total.isdigit() or least <= cap - v <= most}
        )
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
