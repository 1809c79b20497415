"""Office mode's record of each laptop (Qt-free): the laptops, and for one of them its check-in
receipt (if it was checked in) and what was on it at its last contact - the same answer for a
returned laptop and a lost one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from erms_desktop.service.checkin_calls import CheckInCalls
from erms_desktop.service.checkin_receipt import Receipt, contents_html, receipt_html
from erms_desktop.service.errors import OfficeRefused

if TYPE_CHECKING:
    from erms_desktop.service.office.session import OfficeSession


@dataclass(frozen=True, slots=True)
class LaptopRow:
    device_id: str
    asset_tag: str
    volunteer: str
    state: str  # "in use", "revoked"


@dataclass(frozen=True, slots=True)
class LaptopRecord:
    receipt: Receipt | None
    html: str


def laptop_rows(session: OfficeSession) -> list[LaptopRow]:
    return [
        LaptopRow(
            d.device_id, d.asset_tag, d.username, "in use" if d.revoked_at is None else "ended"
        )
        for d in CheckInCalls(session).laptops()
    ]


def laptop_record(session: OfficeSession, device_id: str) -> LaptopRecord:
    calls = CheckInCalls(session)
    try:
        receipt: Receipt | None = calls.receipt(device_id)
    except OfficeRefused:  # never checked in (lost, or still in use)
        receipt = None
    parts = [receipt_html(receipt)] if receipt is not None else []
    parts.append(contents_html(calls.contents(device_id)))
    return LaptopRecord(receipt, "<hr>".join(parts))
