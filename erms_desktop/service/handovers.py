"""Office mode's hand-overs (Qt-free): the work returned laptops could not sync, listed against
its cases; a staff member opens the packages with the organisation's recovery key (PEM and
password, held in memory for this session only) and applies each item - through the store's
push validation - or discards it. The store audits both."""

from __future__ import annotations

import ssl
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.protocol.checkin import HandoverDecision, HandoverEntry
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.sync.checkin_transport import CheckInTransport
from erms_desktop.sync.handover import Item, open_package


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One item as the screen lists it: the store's entry and, once the key is given, what the
    item holds (its reason; the change it would make)."""

    entry: HandoverEntry
    item: Item | None


class Handovers:
    def __init__(
        self, server_url: str, token: str, *, verify: bool | str | ssl.SSLContext = True
    ) -> None:
        self._office = CheckInTransport(server_url, token=token, verify=verify)
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

    def rows(self, case_id: str | None = None) -> list[HandoverRow]:
        entries = self._office.handovers(case_id)
        if self._key is not None:
            for package_id in {e.package_id for e in entries} - {p for p, _ in self._items}:
                package = self._office.package(package_id)
                for item in open_package(package.blob, package.label, self._key):
                    self._items[(package_id, item.info.item_id)] = item
        return [HandoverRow(e, self._items.get((e.package_id, e.item_id))) for e in entries]

    def apply(self, row: HandoverRow) -> HandoverDecision:
        if row.item is None or row.item.mutation is None:
            raise CheckInStopped(
                "Open the hand-overs with the organisation's recovery key first; an item with "
                "nothing to apply can only be discarded."
            )
        return self._office.apply(row.entry.package_id, row.entry.item_id, row.item.mutation)

    def discard(self, row: HandoverRow) -> HandoverDecision:
        return self._office.discard(row.entry.package_id, row.entry.item_id)

    def close(self) -> None:
        self._key = None
        self._items.clear()
        self._office.close()
