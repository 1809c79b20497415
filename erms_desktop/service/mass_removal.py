"""A held mass removal, in the volunteer's terms: when a pull would remove more than half of
this laptop's records, the sync engine stops before removing anything (``MassDeletionPending``
counts the records per case id); the service names the cases by their reference so the volunteer
can see what would leave, and either confirm or keep them and call the office."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from erms_desktop.domain.case import Case
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
        raise MassRemovalHeld(cases, held.would_remove, held.local_total) from held


def cases_by_reference(store: Store, by_case: Mapping[str, int]) -> list[tuple[str, int]]:
    """(reference, records) for each case that would leave, the largest first."""
    references = {case.id: case.service_reference for case in store.find_all(Case)}
    named = [(references.get(case_id, ""), count) for case_id, count in by_case.items() if count]
    return sorted(named, key=lambda pair: (-pair[1], pair[0]))
