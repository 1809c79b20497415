"""Destruction on the store reaches the laptops' vaults, content and all: a case destroyed by
retention leaves no attachment content behind on the laptop; a tombstoned document (erasure,
or deleted by another user) takes its content with it while the case stays; a person erased
by the data protection officer disappears from the laptop on its next pull."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from erms_desktop.central import audit, casework, retention
from erms_desktop.central.models import Record
from erms_desktop.central.office import erasure
from erms_desktop.central.record_store import write
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


def _close_and_destroy(central: Central, case_id: str) -> None:
    with central.session() as s:
        case = casework.load_entity(s, "case", case_id, Case)  # type: ignore[arg-type]
        casework.save_entity(s, case.close(ClosureReason.COMPLETED, date.today()))  # type: ignore[arg-type]
    with central.session() as s:
        report = retention.run_retention(  # type: ignore[arg-type]
            s, central.settings, now=datetime.now(UTC) + SIX_YEARS_ON
        )
    assert report.cases_destroyed == 1


def test_a_destroyed_case_leaves_no_attachment_content_on_the_laptop(
    central: Central, laptop: Laptop
) -> None:
    shas = set(central.add_caseload(notes=0, documents=1, size=5000))  # in vera's first case
    case_id = central.volunteer_cases()[0]
    vera = laptop("vera")
    vera.sync()
    assert shas <= _attachment_shas(vera)  # fetched with the pull
    _close_and_destroy(central, case_id)
    vera.engine().confirm_mass_deletion()
    vera.sync()
    assert not shas & _attachment_shas(vera)
    assert vera.vault.store.find(Case, case_id) is None


def test_a_tombstoned_document_takes_its_content_off_the_laptop(
    central: Central, laptop: Laptop
) -> None:
    """The case stays on the laptop (an erasure, or a document another user deleted): the
    tombstone alone must take the content out of the vault."""
    shas = set(central.add_caseload(notes=0, documents=2, size=5000))
    vera = laptop("vera")
    vera.sync()
    assert shas <= _attachment_shas(vera)
    gone = sorted(shas)[0]
    with central.session() as s:
        document = next(
            d
            for d in s.scalars(select(Record).where(Record.kind == "document"))  # type: ignore[attr-defined]
            if d.fields["sha256"] == gone
        )
        write(
            s,  # type: ignore[arg-type]
            audit.OPERATOR,
            document,
            kind="document",
            record_id=document.id,
            scope=(document.case_id, document.party_file_id),
            fields=None,
        )
    vera.sync()
    assert gone not in _attachment_shas(vera)
    assert shas - {gone} <= _attachment_shas(vera)  # the other document keeps its content


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
