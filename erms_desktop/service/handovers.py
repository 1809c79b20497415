"""Office mode's hand-overs (Qt-free): the work returned laptops could not sync, listed against
its cases; a staff member opens the packages with the organisation's recovery key (PEM and
password, held in memory for this session only) and applies each item - through the store's
push validation - or discards it. The store audits both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.protocol.checkin import HandoverDecision, HandoverEntry
from erms_desktop.service.checkin_calls import CheckInCalls
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.sync.handover import Item, open_package

if TYPE_CHECKING:
    from erms_desktop.service.office.session import OfficeSession

__all__ = ["HandoverDecision", "HandoverRow", "Handovers"]  # the GUI reaches the decision here


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One item as the screen lists it: the store's entry and, once the key is given, what the
    item holds (its reason; the change it would make)."""

    entry: HandoverEntry
    item: Item | None


class Handovers:
    """The screen's state between calls (the key, the decrypted items); every method runs on
    office mode's worker with the signed-in session."""

    def __init__(self) -> None:
        self._key: X25519PrivateKey | None = None
        self._items: dict[tuple[str, str], Item] = {}

    def use_key(self, pem: bytes, password: str) -> None:
        from erms_desktop.vault.errors import VaultError
        from erms_desktop.vault.recovery import private_key_from_pem

        try:
            self._key = private_key_from_pem(pem, password.encode())
        except VaultError as exc:
            raise CheckInStopped(
                "The organisation's key file or its password is not right. Choose the recovery "
                "key file and type its password again."
            ) from exc
        self._items.clear()

    def rows(self, session: OfficeSession, case_id: str | None = None) -> list[HandoverRow]:
        office = CheckInCalls(session)
        entries = office.handovers(case_id)
        if self._key is not None:
            for package_id in {e.package_id for e in entries} - {p for p, _ in self._items}:
                package = office.package(package_id)
                for item in open_package(package.blob, package.label, self._key):
                    self._items[(package_id, item.info.item_id)] = item
        return [HandoverRow(e, self._items.get((e.package_id, e.item_id))) for e in entries]

    def apply(self, session: OfficeSession, row: HandoverRow) -> HandoverDecision:
        if row.item is None or row.item.mutation is None:
            raise CheckInStopped(
                "Open the hand-overs with the organisation's recovery key first; an item with "
                "nothing to apply can only be discarded."
            )
        entry = row.entry
        return CheckInCalls(session).apply(entry.package_id, entry.item_id, row.item.mutation)

    def discard(self, session: OfficeSession, row: HandoverRow) -> HandoverDecision:
        return CheckInCalls(session).discard(row.entry.package_id, row.entry.item_id)

    def forget_key(self) -> None:
        self._key = None
        self._items.clear()
