"""Issue 20, point 3: new vaults authenticate their pages with HMAC-SHA256, named in the key file;
a vault whose key file predates that (version 1) keeps SQLCipher's default, HMAC-SHA512, and still
opens; a key file naming anything else is refused as damaged and nothing is touched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.domain import Note
from erms_desktop.vault import Vault, VaultCorruptError, VaultState, keys
from erms_desktop.vault.connection import PageHmac, open_database
from tests.vault.conftest import PASSPHRASE, PASSPHRASE_ONLY, a_note


def _key_document(vault: Vault) -> dict[str, object]:
    document: dict[str, object] = json.loads(vault.paths.keys.read_bytes())
    return document


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_vault_uses_hmac_sha256_and_says_so(vault: Vault) -> None:
    document = _key_document(vault)
    assert document["version"] == 2
    assert document["database"] == {"page_hmac": "HMAC_SHA256"}
    key = bytes(vault._data_key or b"")
    vault.lock()
    # The pages really are authenticated with SHA-256: SHA-512 cannot read the first one.
    with pytest.raises(VaultCorruptError):
        open_database(vault.paths.database, key, PageHmac.SHA512)
    open_database(vault.paths.database, key, PageHmac.SHA256).close()


def test_a_vault_from_before_the_key_file_named_its_hmac_still_opens(
    folder: Path, recovery_key: X25519PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(keys, "NEW_VAULT_HMAC", PageHmac.SHA512)
        old = Vault(folder, policy=PASSPHRASE_ONLY)
        old.create(PASSPHRASE, recovery_key.public_key())
    note = a_note()
    old.store.save(note)
    old.lock()
    # The key file as the app wrote it before version 2: no page HMAC named.
    document = _key_document(old)
    del document["database"]
    document["version"] = 1
    old.paths.keys.write_text(json.dumps(document))

    reopened = Vault(folder, policy=PASSPHRASE_ONLY)
    reopened.unlock(PASSPHRASE)
    assert reopened.store.get(Note, note.id) == note
    assert reopened.integrity_check() == []
    reopened.lock()
    # A passphrase change rewrites the key file in the new version, keeping the vault's HMAC.
    reopened.change_passphrase(PASSPHRASE, "a different passphrase")
    assert _key_document(reopened)["database"] == {"page_hmac": "HMAC_SHA512"}
    reopened.unlock("a different passphrase")
    assert reopened.store.get(Note, note.id) == note


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"database": {"page_hmac": "HMAC_MD5"}}, "damaged"),
        ({"database": {}}, "damaged"),
        ({"version": 3}, "unsupported key file version 3"),
    ],
)
def test_a_key_file_naming_another_hmac_is_refused_and_nothing_changes(
    vault: Vault, change: dict[str, object], message: str
) -> None:
    vault.lock()
    document = _key_document(vault) | change
    vault.paths.keys.write_text(json.dumps(document))
    before = {path.name: _sha(path) for path in vault.paths.folder.iterdir() if path.is_file()}
    with pytest.raises(VaultCorruptError, match=message):
        vault.unlock(PASSPHRASE)
    assert vault.state is VaultState.LOCKED
    after = {path.name: _sha(path) for path in vault.paths.folder.iterdir() if path.is_file()}
    assert after == before
