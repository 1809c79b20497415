"""What the People screen says, in plain English with UK dates: Qt-free, so the words are
tested without a window."""

from __future__ import annotations

from erms_desktop.protocol.office import UserSummary
from erms_desktop.protocol.office_people import HeldAllocation, LeaverSummary, MonthTime

ROLE_WORDS = {"volunteer": "Volunteer", "staff": "Staff", "admin": "Administrator"}


def person_state(person: UserSummary) -> str:
    if person.disabled:
        return "Left (disabled)"
    return "Locked out" if person.locked else "Active"


def leaver_warning(person: UserSummary) -> str:
    return (
        f"Disable {person.username}? Their sessions end at once and they can no longer sign in. "
        f"Each of their laptops ({person.devices}) is revoked: its credentials stop at once and "
        "it wipes itself the next time it reaches the office server. Their cases stay allocated "
        "to them until you reallocate them; the next screen lists them. This cannot be undone "
        "here."
    )


def allocation_line(held: HeldAllocation) -> str:
    what = f"{held.side.value} file" if held.side is not None else "whole case"
    return f"{held.service_reference}: {what}"


def leaver_text(summary: LeaverSummary) -> str:
    laptops = len(summary.laptops_revoked)
    lines = [
        f"{summary.username} is disabled. {summary.sessions_ended} session(s) ended; "
        f"{laptops} laptop(s) revoked (each wipes itself at its next contact)."
    ]
    if summary.allocations:
        lines.append("Reallocate these:")
        lines += [f"• {allocation_line(held)}" for held in summary.allocations]
    else:
        lines.append("They held no allocations.")
    return "\n".join(lines)


_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def month_label(month: str) -> str:
    """``2026-03`` as "March 2026" (in English whatever the machine's locale)."""
    year, number = (int(part) for part in month.split("-"))
    return f"{_MONTHS[number - 1]} {year}"


def hours(minutes: int) -> str:
    return f"{minutes // 60}h {minutes % 60:02d}m"


def month_row(month: MonthTime) -> tuple[str, str, str, str]:
    return (
        month_label(month.month),
        str(month.entries),
        hours(month.minutes),
        f"{month.miles:.1f}",
    )
