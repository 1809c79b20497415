"""Issue 18, point 4, over the wire (real store on uvicorn, real vaults): the demo's mediation
cases reach a current laptop with their type and a file per party, while an app of the schema
before case types is told to upgrade on every call instead of being sent a case it would
refuse or mislabel."""

from __future__ import annotations

import pytest

from erms_desktop.domain import Case, Participant, PartyFile
from erms_desktop.domain.enums import CaseType, DisputeType, ParticipantRole, Side
from erms_desktop.protocol.messages import SCHEMA_VERSION
from erms_desktop.sync import transport
from erms_desktop.sync.errors import UpgradeRequired
from erms_desktop.sync.transport import Transport
from tests.sync.central import ThreadServer
from tests.sync.conftest import Laptop


def test_a_current_laptop_receives_the_mediation_cases_with_a_file_per_party(
    laptop: Laptop,
) -> None:
    vera = laptop("vera")
    vera.sync()
    store = vera.vault.store
    mediations = [c for c in store.find_all(Case) if c.case_type is CaseType.MEDIATION]
    assert {c.dispute_type for c in mediations} == {DisputeType.BOUNDARIES, DisputeType.NOISE}
    noise = next(c for c in mediations if c.dispute_type is DisputeType.NOISE)
    files = store.find_all(PartyFile, case_id=noise.id)
    assert sorted(f.side for f in files) == [Side.PARTY_A, Side.PARTY_B, Side.PARTY_C]
    people = [p for f in files for p in store.find_all(Participant, party_file_id=f.id)]
    assert {p.role for p in people} == {ParticipantRole.PARTY}
    restorative = [c for c in store.find_all(Case) if c.case_type is not CaseType.MEDIATION]
    assert restorative
    assert all(c.offence is not None for c in restorative)


def test_an_app_from_before_case_types_is_told_to_upgrade(
    server: ThreadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SCHEMA_VERSION == 2
    monkeypatch.setattr(transport, "SCHEMA_VERSION", 1)  # what an older app sends and expects
    with Transport(server.url, token="a-session-token") as old_app:  # versions come first
        with pytest.raises(UpgradeRequired, match="install the current ERMS Desktop"):
            old_app.health()
        with pytest.raises(UpgradeRequired, match="install the current version"):
            old_app.pull(0, 50)
