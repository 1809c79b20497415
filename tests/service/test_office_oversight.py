"""The Qt-free oversight client against the real store on loopback (the demo dataset): the
filtered list, a case read as the volunteer's CaseView with each party file's records in its
own file, and supervision notes written and read by the signed-in staff member."""

from __future__ import annotations

from typing import Any

import pytest

from erms_desktop.demo.account import DEMO_OFFICE_USERNAME, DEMO_PASSWORD
from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.domain.records import Entity, to_fields
from erms_desktop.protocol.oversight import CaseContent, FileContent, StoredRecord
from erms_desktop.service import errors
from erms_desktop.service.office import oversight
from erms_desktop.service.office.session import OfficeSession
from erms_desktop.sync.errors import InvalidResponse
from tests.service.office import Office


@pytest.fixture
def session(office: Office) -> OfficeSession:
    signed = OfficeSession(office.url)
    signed.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    return signed


def test_list_read_and_supervise_through_the_office_api(
    session: OfficeSession, office: Office
) -> None:
    every = oversight.list_cases(session, oversight.OversightFilters())
    assert len(every) == len(office.central.dataset.cases)
    stage = every[0].stage
    same = oversight.list_cases(session, oversight.OversightFilters(stage=stage))
    assert {c.case_id for c in same} == {c.case_id for c in every if c.stage is stage}
    closed = oversight.list_cases(session, oversight.OversightFilters(stage=WorkflowStage.CLOSURE))
    assert all(c.closed for c in closed)
    case_id = next(c.case_id for c in every if not c.closed)
    view = oversight.open_case(session, case_id)
    assert view.case.id == case_id
    assert [f.party_file.side.value for f in view.files][:1] == ["victim"]
    for file_view in view.files:
        for record in (*file_view.participants, *file_view.notes, *file_view.consents):
            assert record.party_file_id == file_view.id
        assert file_view.drafts == ()
    note = oversight.add_supervision_note(session, case_id, "Reviewed at supervision")
    assert note.author == DEMO_OFFICE_USERNAME
    assert oversight.supervision_notes(session, case_id) == [note]
    with pytest.raises(errors.OfficeRefused):
        oversight.add_supervision_note(session, case_id, "   ")


def test_a_case_view_mixing_two_files_is_refused(session: OfficeSession) -> None:
    every = oversight.list_cases(session, oversight.OversightFilters())
    view = oversight.open_case(session, next(c.case_id for c in every if not c.closed))
    victim, offender = view.files[0], view.files[-1]
    stray = StoredRecord(
        kind="participant",
        record_id=offender.participants[0].id,
        fields={
            "id": offender.participants[0].id,
            "party_file_id": offender.id,
            "role": "offender",
            "given_names": "Stray",
        },
    )
    mixed = CaseContent(
        case=StoredRecord(kind="case", record_id=view.case.id, fields=_fields(view.case)),
        files=[
            FileContent(
                party_file_id=victim.id,
                side=victim.party_file.side,
                records=[
                    StoredRecord(
                        kind="party_file", record_id=victim.id, fields=_fields(victim.party_file)
                    ),
                    stray,
                ],
            )
        ],
        case_level=[],
    )
    with pytest.raises(InvalidResponse):
        oversight.case_view(mixed)


def _fields(entity: Entity) -> dict[str, Any]:
    return dict(to_fields(entity))
