"""A held mass removal, in the volunteer's terms: when a pull would remove more than half of
this laptop's records, the sync engine stops before removing anything (``MassDeletionPending``
counts the records per case id); the service names the cases by their reference so the volunteer
can see what would leave, and either confirm or keep them and tell the office (the store records
which cases were kept, see ``report_kept``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from erms_desktop.domain.case import Case
from erms_desktop.protocol.held_removal import HeldRemovalReport
from erms_desktop.service.errors import MassRemovalHeld
from erms_desktop.sync.errors import MassDeletionPending
from erms_desktop.vault import Store


@contextmanager
def named_cases(store: Store) -> Iterator[None]:
    """Turn the engine's held removal into :class:`MassRemovalHeld` with case references."""
    try:
        yield
    except MassDeletionPending as held:
        cases = cases_by_reference(store, held.by_case)
        case_ids = tuple(sorted(c for c, count in held.by_case.items() if c and count))
        raise MassRemovalHeld(cases, held.would_remove, held.local_total, case_ids) from held


def cases_by_reference(store: Store, by_case: Mapping[str, int]) -> list[tuple[str, int]]:
    """(reference, records) for each case that would leave, the largest first."""
    references = {case.id: case.service_reference for case in store.find_all(Case)}
    named = [(references.get(case_id, ""), count) for case_id, count in by_case.items() if count]
    return sorted(named, key=lambda pair: (-pair[1], pair[0]))


def kept_report(held: MassRemovalHeld) -> HeldRemovalReport:
    """What the store is told when the volunteer keeps the cases: their ids and the counts."""
    return HeldRemovalReport(
        case_ids=held.case_ids, would_remove=held.would_remove, local_total=held.local_total
    )
