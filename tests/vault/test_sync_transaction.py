"""The unit of work the sync engine settles push answers and pulled pages in: all of it commits
or none of it does, and the object cannot be used once its transaction has ended."""

from __future__ import annotations

import pytest

from erms_desktop.vault import SyncTransaction, Vault, VaultError
from tests.vault.conftest import a_note


class _Stop(Exception):
    pass


def test_a_failed_unit_of_work_changes_nothing(vault: Vault) -> None:
    note = a_note()
    vault.store.save(note)
    [entry] = vault.store.pending_outbox()

    def settle_then_fail() -> None:
        with vault.store.sync_transaction() as tx:
            tx.delete_outbox([entry.seq])
            tx.set_record(note.id, server_version=3, base_version=3, dirty=False)
            tx.put_json_state("push.batch", {"mutations": []})
            tx.set_cursor(42)
            raise _Stop

    with pytest.raises(_Stop):
        settle_then_fail()
    assert vault.store.pending_outbox() == [entry]
    with vault.store.sync_reader() as reader:
        here = reader.record(note.id)
        assert here is not None
        assert (here.server_version, here.dirty) == (None, True)
        assert reader.json_state("push.batch") is None
        assert reader.cursor() == 0


def test_a_settled_unit_of_work_commits_together(vault: Vault) -> None:
    note = a_note()
    vault.store.save(note)
    [entry] = vault.store.pending_outbox()
    with vault.store.sync_transaction() as tx:
        tx.delete_outbox([entry.seq])
        tx.set_record(note.id, server_version=3, base_version=3, dirty=False)
        tx.set_cursor(42)
    assert vault.store.pending_outbox() == []
    with vault.store.sync_reader() as reader:
        here = reader.record(note.id)
        assert here is not None
        assert (here.server_version, here.base_version, here.dirty) == (3, 3, False)
        assert reader.cursor() == 42


def test_the_unit_of_work_is_unusable_after_it_ends(vault: Vault) -> None:
    with vault.store.sync_transaction() as tx:
        kept: SyncTransaction = tx
    with pytest.raises(VaultError):
        kept.put_json_state("late", True)
    with pytest.raises(VaultError):
        kept.record("anything")
    assert vault.store.get_state("late") is None
