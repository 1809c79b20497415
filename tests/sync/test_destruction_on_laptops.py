"""Destruction on the store reaches the laptops' vaults, content and all: a case destroyed by
retention leaves no attachment content behind on a staff laptop (which holds it through its
tombstones) nor on the volunteer's (through the scope exit); a person erased by the data
protection officer disappears from the laptop on its next pull."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from erms_desktop.central import audit, casework, retention
from erms_desktop.central.office import erasure
from erms_desktop.domain import Participant
from erms_desktop.domain.case import Case
from erms_desktop.domain.enums import ClosureReason
from erms_desktop.protocol.office_subject import ErasureGround, ErasureRequest
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


def test_an_erased_person_leaves_the_laptop_on_its_next_pull(
    central: Central, laptop: Laptop
) -> None:
    case_id = central.volunteer_cases()[0]
    files = {p.id for p in central.dataset.party_files if p.case_id == case_id}
    person = next(p for p in central.dataset.participants if p.party_file_id in files)
    vera = laptop("vera")
    vera.sync()
    assert vera.vault.store.find(Participant, person.id) is not None
    with central.session() as s:
        result = erasure.erase(  # type: ignore[arg-type]
            s,
            ErasureRequest(participant_id=person.id, ground=ErasureGround.CONSENT_WITHDRAWN),
            audit.OPERATOR,
        )
    assert result.records_tombstoned >= 1
    vera.sync()
    assert vera.vault.store.find(Participant, person.id) is None
    with vera.vault.store._read() as db:
        live = {
            row[0]
            for row in db.execute(
                "SELECT id FROM records WHERE deleted = 0 AND party_file_id = ?",
                (person.party_file_id,),
            )
        }
    assert person.id not in live
