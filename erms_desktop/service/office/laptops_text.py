"""What the Laptops screen and the enrolment slip say: Qt-free, UK dates. The slip holds the
code and its expiry, never case data."""

from __future__ import annotations

from erms_desktop.protocol.office_people import BreachSummary, EnrolmentSlip, HeldCase, LaptopState
from erms_desktop.service.formatting import uk_date, uk_datetime

SLIP_TITLE = "ERMS Desktop: laptop enrolment slip"


def slip_text(slip: EnrolmentSlip) -> str:
    """The printable slip: for the volunteer, with the laptop."""
    return "\n".join(
        [
            SLIP_TITLE,
            "",
            f"Laptop asset tag: {slip.asset_tag}",
            f"Volunteer's username: {slip.username}",
            f"Enrolment code: {slip.code}",
            f"Use it once, before: {uk_datetime(slip.expires_at)}",
            "",
            "On the laptop, open ERMS Desktop, choose Enrol, type the office server's address, "
            "this code, your username and your own password.",
            f"Laptop terms and conditions version {slip.terms_version} accepted on "
            f"{uk_datetime(slip.terms_accepted_at)}.",
            "Keep this slip apart from the laptop; destroy it once the laptop is enrolled.",
        ]
    )


def laptop_state(laptop: LaptopState) -> str:
    if laptop.device_id is None:
        return "Issued, awaiting enrolment"
    if laptop.revoked_at is not None:
        if laptop.wipe_sent_at is not None:
            return f"Revoked; told to wipe {uk_datetime(laptop.wipe_sent_at)}"
        return "Revoked; wipes at next contact"
    if laptop.pending_check_in:
        return "Due back for check-in"
    return "In use"


def lease_text(laptop: LaptopState) -> str:
    if laptop.lease_ends_on is None:
        return "—"
    if laptop.lease_expired:
        return f"Ended {uk_date(laptop.lease_ends_on)} (locked until it reaches the server)"
    return f"Until {uk_date(laptop.lease_ends_on)}"


def revoke_warning(laptop: LaptopState) -> str:
    return (
        f"Revoke laptop {laptop.asset_tag} ({laptop.username})? Its credentials stop at once: "
        "nobody can sign in, sync or upload from it. It wipes itself the next time it reaches "
        "the office server. You will then see what was on it at its last contact "
        f"({uk_datetime(laptop.last_contact)})."
    )


def breach_text(summary: BreachSummary) -> str:
    state = "was already revoked" if summary.already_revoked else "is revoked"
    lines = [
        f"Laptop {summary.asset_tag} ({summary.username}) {state}.",
        f"Last contact: {uk_datetime(summary.last_contact)}. On it then:",
    ]
    for case in summary.cases:
        lines.append(f"• {case.service_reference}: {', '.join(held_parts(case))}")
    if not summary.cases:
        lines.append("• no case data")
    return "\n".join(lines)


def held_parts(case: HeldCase) -> list[str]:
    """What of a case was on a laptop, in words: its case records and each party file's side."""
    return (["case records"] if case.case_records else []) + [
        f"{held.side.value if held.side else 'unknown'} file" for held in case.party_files
    ]
