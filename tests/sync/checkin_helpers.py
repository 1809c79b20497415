"""Check-in helpers shared by the check-in tests, the SIGKILL child and the soak: a staff
member's session, a laptop holding unsent work of every kind, and what must hold afterwards."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from erms_desktop.central.models import CheckIn, Device, HandoverItem, Record
from erms_desktop.domain import Note
from erms_desktop.service.office.session import OfficeSession
from erms_desktop.sync.client import SyncClient
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import private_key_to_pem
from tests.sync.central import PASSWORD, Central
from tests.sync.laptops import RECOVERY

KEY_PASSWORD = "organisation key password"
WORK = "Unsent work "


def staff_session(url: str) -> OfficeSession:
    """Sam (office staff) signs in with their own office account (office sign-in, no laptop)."""
    session = OfficeSession(url)
    session.sign_in("sam", PASSWORD)
    return session


def key_file(folder: Path) -> Path:
    """The organisation's private key on "removable media": a password-protected PEM."""
    path = folder / "organisation-recovery-key.pem"
    path.write_bytes(private_key_to_pem(RECOVERY, KEY_PASSWORD.encode()))
    return path


def leave_unsent_work(client: SyncClient, central: Central) -> list[str]:
    """A draft and a note the store will refuse (another volunteer's case): work the final sync
    cannot deliver. Returns the record ids."""
    store = client.vault.store
    mine = central.volunteer_cases()[0]
    files = {p.case_id: p.id for p in central.dataset.party_files}
    author = client.credentials().user_id  # type: ignore[union-attr]
    draft = Note(
        id=str(uuid.uuid4()),
        case_id=mine,
        party_file_id=files[mine],
        author_id=author,
        body=f"{WORK}draft",
        created_at=datetime.now(UTC),
    )
    store.save_draft(draft)
    other = next(c.id for c in central.dataset.cases if c.id not in central.volunteer_cases())
    refused = dataclasses.replace(
        draft, id=str(uuid.uuid4()), case_id=other, party_file_id=files[other], body=f"{WORK}x"
    )
    store.save(refused.finalise(datetime.now(UTC)))
    client.sync()
    assert len(store.rejected_outbox()) == 1
    return [draft.id, refused.id]


def store_outcome(central: Central, device_id: str) -> tuple[str | None, bool, int]:
    """The check-in step on the store, whether the device is retired, and the items handed over."""
    with central.session() as s:
        row = s.get(CheckIn, device_id)  # type: ignore[attr-defined]
        device = s.get(Device, device_id)  # type: ignore[attr-defined]
        items = s.scalars(select(HandoverItem)).all()  # type: ignore[attr-defined]
        return (row.step if row else None, device.revoked_at is not None, len(items))


def store_note_ids(central: Central) -> set[str]:
    with central.session() as s:
        rows = s.scalars(  # type: ignore[attr-defined]
            select(Record.id).where(Record.kind == "note", Record.deleted.is_(False))
        )
        return set(rows)


def vault_gone(vault: Vault) -> bool:
    return vault.info().state.value == "absent"
