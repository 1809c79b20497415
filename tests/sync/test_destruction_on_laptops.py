"""Destruction on the store reaches the laptops' vaults, content and all: a case destroyed by
retention leaves no attachment content behind on a staff laptop (which holds it through its
tombstones) nor on the volunteer's (through the scope exit); a person erased by the data
protection officer disappears from the laptop on its next pull."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from erms_desktop.central import casework, retention
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason
from tests.sync.central import Central
from tests.sync.conftest import Laptop

SIX_YEARS_ON = timedelta(days=6 * 366 + 1)


def _attachment_shas(client: object) -> set[str]:
    store = client.vault.store  # type: ignore[attr-defined]
    with store._read() as db:
        return {row[0] for row in db.execute("SELECT sha256 FROM attachments")}


def test_a_destroyed_case_leaves_no_attachment_content_on_any_laptop(
    central: Central, laptop: Laptop
) -> None:
    shas = set(central.add_caseload(notes=0, documents=1, size=5000))  # in vera's first case
    case_id = central.volunteer_cases()[0]
    vera, sam = laptop("vera"), laptop("sam")
    vera.sync()
    sam.sync()
    for client in (vera, sam):
        assert shas <= _attachment_shas(client)  # fetched with the pull
    with central.session() as s:
        case = casework.load_entity(s, "case", case_id, Case)  # type: ignore[arg-type]
        casework.save_entity(s, case.close(ClosureReason.COMPLETED, date.today()))  # type: ignore[arg-type]
    with central.session() as s:
        report = retention.run_retention(  # type: ignore[arg-type]
            s, central.settings, now=datetime.now(UTC) + SIX_YEARS_ON
        )
    assert report.cases_destroyed == 1
    for client in (vera, sam):
        client.engine().confirm_mass_deletion()
        client.sync()
        assert not shas & _attachment_shas(client)
        assert client.vault.store.find(Case, case_id) is None
