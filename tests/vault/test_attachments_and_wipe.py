"""Issue 3, points 5 and 6: attachments stored encrypted and viewed through a private temporary
folder that is emptied on lock, exit and the next start after a crash; lock; wipe."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from erms_desktop.domain import Document
from erms_desktop.vault import (
    ContentMismatchError,
    KeyringStore,
    RecordNotFoundError,
    Vault,
    VaultCorruptError,
    VaultState,
)
from erms_desktop.vault import wipe as wipe_module
from erms_desktop.vault.attachments import PIECE
from tests.vault.conftest import (
    PASSPHRASE,
    PASSPHRASE_ONLY,
    SECRET_NAME,
    SECRET_NOTE,
    SECRET_PHONE,
    MemoryKeyring,
    caseload,
    new_id,
)

ROOT = Path(__file__).resolve().parents[2]
SECRET_LETTER = b"Dear Philippa, I am writing about the night of the 14th"


def _document(vault: Vault, content: bytes = SECRET_LETTER, name: str = "letter.txt") -> Document:
    digest = vault.store.put_attachment(content)
    document = Document(
        id=new_id(),
        case_id=new_id(),
        party_file_id=new_id(),
        filename=name,
        media_type="text/plain",
        sha256=digest,
        size_bytes=len(content),
        added_at=datetime(2026, 3, 4, tzinfo=UTC),
    )
    vault.store.save(document)
    return document


def test_attachments_are_content_addressed(vault: Vault) -> None:
    first = vault.store.put_attachment(b"same bytes")
    assert vault.store.put_attachment(b"same bytes") == first
    assert first == hashlib.sha256(b"same bytes").hexdigest()
    assert vault.store.read_attachment(first) == b"same bytes"
    assert vault.store.has_attachment(first)
    with pytest.raises(RecordNotFoundError):
        vault.store.read_attachment("0" * 64)


def test_attachment_content_is_checked_against_its_hash(vault: Vault) -> None:
    digest = vault.store.put_attachment(b"original")
    with vault.store._read() as db:
        db.execute("UPDATE attachment_chunks SET data = ? WHERE sha256 = ?", (b"swapped", digest))
    with pytest.raises(VaultCorruptError):
        vault.store.read_attachment(digest)


def test_content_is_kept_in_pieces_and_read_back_a_piece_at_a_time(vault: Vault) -> None:
    content = os.urandom(2 * PIECE + 123)
    digest = hashlib.sha256(content).hexdigest()
    arriving = (content[i : i + 70_000] for i in range(0, len(content), 70_000))
    assert vault.store.write_attachment(digest, arriving) == len(content)
    assert vault.store.attachment_size(digest) == len(content)
    assert [len(p) for p in vault.store.attachment_pieces(digest)] == [PIECE, PIECE, 123]
    assert vault.store.read_attachment(digest) == content
    assert vault.store.put_attachment(b"") == hashlib.sha256(b"").hexdigest()
    assert vault.store.read_attachment(hashlib.sha256(b"").hexdigest()) == b""


def test_streamed_content_that_does_not_match_its_hash_is_not_kept(vault: Vault) -> None:
    digest = hashlib.sha256(b"what was promised").hexdigest()
    with pytest.raises(ContentMismatchError):
        vault.store.write_attachment(digest, [b"something ", b"else"])
    assert not vault.store.has_attachment(digest)
    with vault.store._read() as db:
        assert db.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0


def test_viewing_uses_a_private_folder_emptied_on_lock(vault: Vault) -> None:
    path = vault.open_for_viewing(_document(vault))
    assert path.read_bytes() == SECRET_LETTER
    assert path.is_relative_to(vault.paths.viewing)
    assert path.name == "letter.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, vault.paths.viewing):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    vault.lock()
    assert not path.exists()
    assert not vault.paths.viewing.exists()


def _child(mode: str, folder: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "tests.vault.child", mode, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return Path(result.stdout.strip())


def test_viewing_folder_is_emptied_on_exit(vault: Vault) -> None:
    _document(vault)
    vault.lock()
    viewed = _child("view-and-exit", vault.paths.folder)
    assert viewed.is_relative_to(vault.paths.viewing)
    assert not viewed.exists()
    assert not vault.paths.viewing.exists()


def test_viewing_folder_is_emptied_at_next_start_after_a_crash(vault: Vault) -> None:
    _document(vault)
    vault.lock()
    viewed = _child("view-and-die", vault.paths.folder)
    assert viewed.read_bytes() == SECRET_LETTER  # the crash left it behind...
    Vault(vault.paths.folder, policy=PASSPHRASE_ONLY)  # ...the next start removes it
    assert not viewed.exists()


def _plaintext_hits(folder: Path) -> list[str]:
    needles = [SECRET_NAME, "Quenby", SECRET_PHONE, SECRET_NOTE, "greenhouse at Wrenfield"]
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            hits += [f"{path.name}: {n}" for n in needles if n.encode("utf-8") in raw]
            hits += [f"{path.name}: letter"] if SECRET_LETTER[:20] in raw else []
    return hits


def test_no_plaintext_on_disk_then_wipe_leaves_nothing(
    folder: Path, recovery_key: object, memory_keyring: MemoryKeyring
) -> None:
    from tests.vault.conftest import KEYRING_REQUIRED

    store = KeyringStore(memory_keyring, trust_backend=True)
    vault = Vault(folder, policy=KEYRING_REQUIRED, keyring=store)
    vault.create(PASSPHRASE, recovery_key.public_key())  # type: ignore[attr-defined]
    vault.store.save_many(caseload())
    _document(vault)
    assert vault.paths.wal.exists()
    assert _plaintext_hits(folder) == []  # while open: the database and its -wal
    vault.lock()
    assert _plaintext_hits(folder) == []  # at rest
    assert memory_keyring.entries

    order: list[str] = []

    def record_delete(service: str, username: str) -> None:
        order.append("keyring")
        assert vault.paths.keys.exists()
        assert vault.paths.database.exists()
        MemoryKeyring.delete_password(memory_keyring, service, username)

    memory_keyring.delete_password = record_delete  # type: ignore[method-assign]
    original = wipe_module._destroy

    def record_destroy(
        path: Path, report: wipe_module.WipeReport, *, overwrite: bool = False
    ) -> None:
        order.append(path.name)
        original(path, report, overwrite=overwrite)

    wipe_module._destroy = record_destroy  # type: ignore[assignment]
    try:
        vault.unlock(PASSPHRASE)
        vault.open_for_viewing(vault.store.find_all(Document)[-1])
        vault.paths.companion("status.json").write_text("{}")
        report = vault.wipe()
    finally:
        wipe_module._destroy = original  # type: ignore[assignment]
    assert order[:3] == ["keyring", "vault.keys", "vault.db"]
    assert report.keyring_entry_removed is True
    assert report.complete
    assert not folder.exists()
    assert memory_keyring.entries == {}
    assert vault.state is VaultState.ABSENT


def test_wipe_goes_on_when_the_keyring_fails(
    keyring_vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    def broken(service: str, username: str) -> None:
        raise RuntimeError("secret service crashed")

    memory_keyring.delete_password = broken  # type: ignore[method-assign]
    report = keyring_vault.wipe()
    assert not report.complete
    assert "keyring entry not removed" in report.problems[0]
    assert not keyring_vault.paths.folder.exists()  # the wraps are gone: the secret is useless


class _Killed(BaseException):
    """Stands in for SIGKILL: nothing after it runs."""


def test_a_wipe_killed_between_overwriting_and_removing_the_key_file_finishes_when_run_again(
    keyring_vault: Vault, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in's shred was killed after the key file was overwritten, before it was removed
    (the check-in soak found this): running the shred again must finish cleanly, not report an
    unreadable key file it can never get past."""
    keys = keyring_vault.paths.keys
    unlink = Path.unlink

    def killed_at_the_key_file(path: Path, missing_ok: bool = False) -> None:
        if path == keys:
            raise _Killed
        unlink(path, missing_ok)

    monkeypatch.setattr(Path, "unlink", killed_at_the_key_file)
    with pytest.raises(_Killed):
        keyring_vault.wipe()
    monkeypatch.setattr(Path, "unlink", unlink)
    assert keys.read_bytes().startswith(wipe_module.SHREDDED)
    assert not memory_keyring.entries  # the keyring step came first
    report = keyring_vault.wipe()
    assert report.problems == []
    assert not keyring_vault.paths.folder.exists()


def test_a_damaged_key_file_is_reported_by_the_wipe(keyring_vault: Vault) -> None:
    """Unlike the above, a key file nobody overwrote that cannot be read names no keyring entry:
    one may be left behind, and the wipe says so."""
    keyring_vault.lock()
    keyring_vault.paths.keys.write_bytes(os.urandom(300))
    report = keyring_vault.wipe()
    assert report.problems == ["the key file was unreadable, so no keyring entry could be named"]
    assert not keyring_vault.paths.folder.exists()


def test_wipe_leaves_files_it_does_not_know(vault: Vault) -> None:
    stranger = vault.paths.folder / "not-ours.txt"
    stranger.write_text("someone else's file")
    report = vault.wipe()
    assert stranger.exists()
    assert report.problems == ["files not made by the vault remain in its folder"]
    assert not vault.paths.keys.exists()
    assert not vault.paths.database.exists()
    with pytest.raises(ValueError, match="bare file name"):
        vault.paths.companion("../escape")


def test_wipe_removes_writes_interrupted_by_a_crash(vault: Vault) -> None:
    """A crash inside write_private_atomic leaves ``.<name>.<hex>.tmp``; wipe clears those too."""
    companion = vault.paths.companion("shell-status.json")
    (vault.paths.folder / f".{companion.name}.0badc0de.tmp").write_text("{}")
    (vault.paths.folder / f".{vault.paths.keys.name}.0badc0de.tmp").write_bytes(b"\x00" * 64)
    report = vault.wipe()
    assert report.problems == []
    assert not vault.paths.folder.exists()


def test_a_document_the_store_no_longer_sends_leaves_nothing_behind(vault: Vault) -> None:
    """``forget`` (a full re-download left the record out) keeps a bare tombstone only: the
    document's fields and its content go, as when the store's own tombstone arrives."""
    document = _document(vault)
    for entry in vault.store.pending_outbox():
        vault.store.acknowledge(entry.seq, server_version=4)
    with vault.store.sync_transaction() as tx:
        tx.forget("document", document.id)
    assert vault.store.find(Document, document.id) is None
    assert not vault.store.has_attachment(document.sha256)
    with vault.store.sync_reader() as reader:
        here = reader.record(document.id)
    assert here is not None
    assert (here.deleted, here.dirty, here.server_version) == (True, False, 4)
    assert here.fields == {"id": document.id}
