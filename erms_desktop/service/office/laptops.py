"""The Laptops screen's calls on the office API (Qt-free; run on the office worker)."""

from __future__ import annotations

from erms_desktop.protocol.office_people import (
    LAPTOP_TERMS_VERSION,
    BreachSummary,
    EnrolmentSlip,
    LaptopIssue,
    LaptopState,
)
from erms_desktop.service.office.session import OfficeSession

#: The answers' types, for the screens (the GUI reaches the protocol through the service).
__all__ = [
    "LAPTOP_TERMS_VERSION",
    "BreachSummary",
    "EnrolmentSlip",
    "LaptopState",
    "breach_summary",
    "issue",
    "list_laptops",
    "revoke",
]


def list_laptops(session: OfficeSession) -> list[LaptopState]:
    return session.get_list("/laptops", LaptopState)


def issue(
    session: OfficeSession, asset_tag: str, user_id: str, terms_accepted: bool
) -> EnrolmentSlip:
    """Issue a laptop against the terms version this app shows (the store checks it is current)."""
    request = LaptopIssue.model_validate(
        {
            "asset_tag": asset_tag,
            "user_id": user_id,
            "terms_version": LAPTOP_TERMS_VERSION,
            "terms_accepted": terms_accepted,
        }
    )
    return session.post("/laptops", request, EnrolmentSlip)


def revoke(session: OfficeSession, device_id: str) -> BreachSummary:
    return session.post(f"/laptops/{device_id}/revoke", None, BreachSummary)


def breach_summary(session: OfficeSession, device_id: str) -> BreachSummary:
    return session.get(f"/laptops/{device_id}/breach-summary", BreachSummary)
