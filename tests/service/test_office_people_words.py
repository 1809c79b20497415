"""The People and Laptops screens' words: plain English, UK dates, and a slip that holds the
code and its expiry but nothing of any case."""

from __future__ import annotations

from datetime import UTC, date, datetime

from erms_desktop.domain.enums import Side, UserRole
from erms_desktop.protocol.office import UserSummary
from erms_desktop.protocol.office_people import (
    BreachSummary,
    EnrolmentSlip,
    HeldAllocation,
    HeldCase,
    HeldFile,
    LaptopState,
    LeaverSummary,
    MonthTime,
)
from erms_desktop.service.office.laptops_text import (
    breach_text,
    laptop_state,
    lease_text,
    revoke_warning,
    slip_text,
)
from erms_desktop.service.office.people_text import (
    leaver_text,
    leaver_warning,
    month_row,
    person_state,
)

WHEN = datetime(2026, 3, 4, 9, 5, tzinfo=UTC)


def _laptop(**changes: object) -> LaptopState:
    values: dict[str, object] = {
        "device_id": "d1",
        "asset_tag": "LAP-1",
        "user_id": "u1",
        "username": "vera",
        "issued_at": None,
        "enrolled_at": WHEN,
        "last_contact": WHEN,
        "app_version": "0.1.0",
        "revoked_at": None,
        "wipe_sent_at": None,
        "pending_check_in": False,
        "lease_ends_on": date(2026, 4, 3),
        "lease_expired": False,
        **changes,
    }
    return LaptopState.model_validate(values)


def test_the_slip_holds_the_code_and_expiry_in_uk_dates_and_no_case_data() -> None:
    slip = EnrolmentSlip(
        asset_tag="LAP-1",
        username="vera",
        code="ABCD-EFGH-JKLM",
        expires_at=WHEN,
        terms_version="2026-11",
        terms_accepted_at=WHEN,
    )
    text = slip_text(slip)
    assert "Enrolment code: ABCD-EFGH-JKLM" in text
    assert "before: 04/03/2026" in text
    assert "version 2026-11" in text


def test_laptop_states_and_the_offline_lease() -> None:
    assert laptop_state(_laptop()) == "In use"
    assert laptop_state(_laptop(device_id=None)) == "Issued, awaiting enrolment"
    assert laptop_state(_laptop(revoked_at=WHEN)) == "Revoked; wipes at next contact"
    assert laptop_state(_laptop(revoked_at=WHEN, wipe_sent_at=WHEN)).startswith(
        "Revoked; told to wipe 04/03/2026"
    )
    assert laptop_state(_laptop(pending_check_in=True)) == "Due back for check-in"
    assert lease_text(_laptop()) == "Until 03/04/2026"
    assert lease_text(_laptop(lease_expired=True)).startswith("Ended 03/04/2026")
    assert lease_text(_laptop(lease_ends_on=None)) == "—"


def test_revoking_says_what_follows_and_the_breach_summary_names_files_by_side() -> None:
    warning = revoke_warning(_laptop())
    assert "credentials stop at once" in warning
    assert "wipes itself the next time it reaches the office server" in warning
    held = HeldCase(
        case_id="c1",
        service_reference="RJ-7",
        case_records=True,
        party_files=[HeldFile(party_file_id="f1", side=Side.VICTIM)],
        last_pulled=WHEN,
    )
    summary = BreachSummary(
        device_id="d1",
        asset_tag="LAP-1",
        username="vera",
        revoked_at=WHEN,
        already_revoked=False,
        last_contact=WHEN,
        cases=[held],
    )
    assert "• RJ-7: case records, victim file" in breach_text(summary)
    empty = summary.model_copy(update={"cases": [], "already_revoked": True})
    assert "was already revoked" in breach_text(empty)
    assert "• no case data" in breach_text(empty)


def test_people_words() -> None:
    person = UserSummary(
        user_id="u1", username="vera", role=UserRole.VOLUNTEER, locked=False, devices=2
    )
    assert person_state(person) == "Active"
    assert person_state(person.model_copy(update={"disabled": True})) == "Left (disabled)"
    assert "Each of their laptops (2) is revoked" in leaver_warning(person)
    leaver = LeaverSummary(
        user_id="u1",
        username="vera",
        disabled_at=WHEN,
        sessions_ended=1,
        laptops_revoked=["d1", "d2"],
        allocations=[
            HeldAllocation(case_id="c1", service_reference="RJ-7", party_file_id=None, side=None),
            HeldAllocation(
                case_id="c2", service_reference="RJ-8", party_file_id="f", side=Side.OFFENDER
            ),
        ],
    )
    text = leaver_text(leaver)
    assert "2 laptop(s) revoked" in text
    assert "• RJ-7: whole case" in text
    assert "• RJ-8: offender file" in text
    row = month_row(MonthTime(month="2026-03", entries=2, minutes=185, miles=12.5))
    assert row == ("March 2026", "2", "3h 05m", "12.5")
