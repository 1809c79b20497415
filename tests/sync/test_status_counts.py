"""Issue 20, point 4: ``SyncEngine.status()`` counts what needs attention with SQL counts,
without decoding the records it counts (a quarantined record is never read back to be counted)."""

from __future__ import annotations

from pathlib import Path

from erms_desktop.domain import Note
from erms_desktop.sync.engine import SyncEngine
from erms_desktop.sync.transport import Transport
from tests.sync.laptops import new_vault
from tests.vault.conftest import a_note


def test_status_counts_quarantined_records_it_could_not_decode(tmp_path: Path) -> None:
    vault = new_vault(tmp_path / "vault")
    notes = [a_note(f"held note {index}") for index in range(3)]
    vault.store.save_many(notes)
    for note in notes:
        vault.store.quarantine_record(note.id, "deleted on the office copy")
    # A row this version cannot decode (as one written by a later version might be): counting
    # must not need to read it.
    with vault.store._write() as db:
        db.execute("UPDATE quarantine SET fields = '{not json' WHERE record_id = ?", (notes[0].id,))
    transport = Transport("http://127.0.0.1:9")  # never contacted: status() is local
    try:
        status = SyncEngine(vault, transport).status()
    finally:
        transport.close()
    assert status.attention == 3
    assert status.pending == 0  # quarantining dropped the notes' outbox entries
    assert vault.store.find_all(Note) == []
    vault.lock()
