"""The sanity digest on the laptop's side (the store computes the same with
:func:`erms_desktop.protocol.messages.case_digest`): equal digests prove both hold the same
versions."""

from __future__ import annotations

from erms_desktop.protocol.messages import CaseDigest, case_digest
from erms_desktop.vault import Store


def local_digests(store: Store) -> list[CaseDigest]:
    with store.sync_reader() as reader:
        rows = reader.live_versions()
    by_case: dict[str, list[tuple[str, str, int]]] = {}
    for case_id, kind, record_id, version in rows:
        by_case.setdefault(case_id, []).append((kind, record_id, version))
    return [case_digest(case_id, found) for case_id, found in sorted(by_case.items())]


def differences(mine: list[CaseDigest], theirs: list[CaseDigest]) -> list[str]:
    """The case ids whose digests differ (or that only one side holds)."""
    left = {d.case_id: d.digest for d in mine}
    right = {d.case_id: d.digest for d in theirs}
    return sorted(cid for cid in left.keys() | right.keys() if left.get(cid) != right.get(cid))
