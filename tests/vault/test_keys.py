"""Issue 3, point 2: the key hierarchy - wrapped data key, Argon2id with stored parameters, the
device secret, the recovery wrap, passphrase changes that never touch the data, and throttling."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from erms_desktop.domain import Note
from erms_desktop.vault import (
    Argon2Params,
    KeyringStore,
    TooManyAttemptsError,
    Vault,
    VaultPolicy,
    VaultState,
    WeakPassphraseError,
    WrongPassphraseError,
    wrap,
)
from erms_desktop.vault.kdf import calibrate, stretch
from erms_desktop.vault.keyfile import KeyFile
from erms_desktop.vault.recovery import (
    generate_recovery_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_pem,
    public_key_to_pem,
)
from erms_desktop.vault.throttle import FREE_ATTEMPTS, delay_after
from tests.vault.conftest import KEYRING_REQUIRED, PASSPHRASE, PASSPHRASE_ONLY, a_note


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_key_file_holds_only_wrapped_keys(keyring_vault: Vault) -> None:
    key = bytes(keyring_vault._data_key or b"")
    raw = keyring_vault.paths.keys.read_bytes()
    document = json.loads(raw)
    assert document["kdf"]["alg"] == "argon2id"
    assert {"memory_kib", "iterations", "lanes", "salt"} <= set(document["kdf"])
    assert key not in raw
    assert key.hex().encode() not in raw
    key_file = KeyFile.from_bytes(raw)
    assert key_file.passphrase_wrap[:5] == b"EVK\x01\x01"  # magic, version, purpose
    assert key not in key_file.passphrase_wrap
    assert key not in key_file.recovery_wrap


def test_wrap_is_bound_to_device_and_purpose() -> None:
    kek, data_key = b"k" * 32, b"d" * 32
    sealed = wrap.seal(kek, data_key, "device-a", wrap.PURPOSE_PASSPHRASE)
    assert wrap.open_sealed(kek, sealed, "device-a", wrap.PURPOSE_PASSPHRASE) == data_key
    with pytest.raises(wrap.UnwrapFailed):
        wrap.open_sealed(kek, sealed, "device-b", wrap.PURPOSE_PASSPHRASE)
    relabelled = sealed[:4] + bytes([wrap.PURPOSE_RECOVERY]) + sealed[5:]
    with pytest.raises(wrap.UnwrapFailed):
        wrap.open_sealed(kek, relabelled, "device-a", wrap.PURPOSE_RECOVERY)
    flipped = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(wrap.UnwrapFailed):
        wrap.open_sealed(kek, flipped, "device-a", wrap.PURPOSE_PASSPHRASE)


def test_unlock_needs_the_device_secret(keyring_vault: Vault, keyring_store: KeyringStore) -> None:
    """The passphrase alone does not open a keyring-mode vault: a different device secret (as on
    a copied disk with no keyring) gives the wrong-passphrase error."""
    keyring_vault.lock()
    device_id = KeyFile.load(keyring_vault.paths.keys).device_id
    keyring_store.store_secret(device_id, b"\x00" * 32)
    with pytest.raises(WrongPassphraseError):
        keyring_vault.unlock(PASSPHRASE)
    assert keyring_vault.state is VaultState.LOCKED


def test_wrong_passphrase_changes_nothing(vault: Vault) -> None:
    vault.store.save(a_note())
    vault.lock()
    before = {path.name: _sha(path) for path in (vault.paths.keys, vault.paths.database)}
    with pytest.raises(WrongPassphraseError):
        vault.unlock("not the passphrase")
    assert vault.state is VaultState.LOCKED
    assert before == {p.name: _sha(p) for p in (vault.paths.keys, vault.paths.database)}
    vault.unlock(PASSPHRASE)
    assert len(vault.store.find_all(Note)) == 1


def test_change_passphrase_rewraps_without_touching_data(vault: Vault) -> None:
    note = a_note()
    vault.store.save(note)
    vault.lock()
    database, old_wrap = _sha(vault.paths.database), KeyFile.load(vault.paths.keys)
    vault.change_passphrase(PASSPHRASE, "a new long passphrase")
    assert _sha(vault.paths.database) == database
    new_wrap = KeyFile.load(vault.paths.keys)
    assert new_wrap.device_id == old_wrap.device_id
    assert new_wrap.recovery_wrap == old_wrap.recovery_wrap
    assert new_wrap.salt != old_wrap.salt
    with pytest.raises(WrongPassphraseError):
        vault.unlock(PASSPHRASE)
    vault.unlock("a new long passphrase")
    assert vault.store.get(Note, note.id) == note


def test_change_passphrase_refuses_wrong_old_and_weak_new(vault: Vault) -> None:
    vault.lock()
    before = _sha(vault.paths.keys)
    with pytest.raises(WrongPassphraseError):
        vault.change_passphrase("wrong old passphrase", "a new long passphrase")
    with pytest.raises(WeakPassphraseError):
        vault.change_passphrase(PASSPHRASE, "short")
    assert _sha(vault.paths.keys) == before


def test_office_recovers_with_the_organisation_key(
    vault: Vault, recovery_key: X25519PrivateKey
) -> None:
    note = a_note("Unsynced work worth recovering")
    vault.store.save(note)
    vault.lock()
    pem = private_key_to_pem(recovery_key, b"office safe")
    staff = Vault(vault.paths.folder, policy=PASSPHRASE_ONLY)
    with pytest.raises(WrongPassphraseError):
        staff.unlock_with_recovery(generate_recovery_key())
    staff.unlock_with_recovery(private_key_from_pem(pem, b"office safe"))
    assert staff.store.get(Note, note.id) == note
    staff.set_passphrase("chosen at check-in")
    staff.lock()
    staff.unlock("chosen at check-in")
    assert public_key_from_pem(public_key_to_pem(recovery_key.public_key())) is not None


def test_wrong_passphrases_slow_further_attempts_across_restarts(vault: Vault) -> None:
    vault.lock()
    now = [1_000_000.0]
    clocked = Vault(vault.paths.folder, policy=PASSPHRASE_ONLY, clock=lambda: now[0])
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassphraseError):
            clocked.unlock("wrong passphrase!")
    with pytest.raises(TooManyAttemptsError) as caught:
        clocked.unlock(PASSPHRASE)  # even the right one waits
    assert caught.value.retry_after == pytest.approx(delay_after(FREE_ATTEMPTS))
    restarted = Vault(vault.paths.folder, policy=PASSPHRASE_ONLY, clock=lambda: now[0])
    with pytest.raises(TooManyAttemptsError):
        restarted.unlock(PASSPHRASE)
    now[0] += delay_after(FREE_ATTEMPTS) + 0.1
    with pytest.raises(WrongPassphraseError):
        restarted.unlock("wrong passphrase!")
    with pytest.raises(TooManyAttemptsError) as longer:
        restarted.unlock(PASSPHRASE)
    assert longer.value.retry_after > caught.value.retry_after
    now[0] += 3600
    restarted.unlock(PASSPHRASE)
    assert not vault.paths.attempts.exists()  # success resets the count


def test_damaged_attempt_counter_does_not_reset_it(vault: Vault) -> None:
    vault.lock()
    vault.paths.attempts.write_text("garbage")
    with pytest.raises(TooManyAttemptsError):
        vault.unlock(PASSPHRASE)


def test_insecure_parameters_are_only_what_tests_ask_for() -> None:
    assert VaultPolicy().argon2 is None  # the app calibrates
    assert Argon2Params.insecure_for_tests().memory_kib < calibrate(0.05).memory_kib


def test_real_default_parameters(folder: Path, recovery_key: X25519PrivateKey) -> None:
    """One vault with the real calibrated Argon2id: stored with the wrap, and deliberately slow
    (the upper bound is checked by the benchmark, where the machine is not shared)."""
    vault = Vault(folder, policy=VaultPolicy(keyring=PASSPHRASE_ONLY.keyring))
    vault.create(PASSPHRASE, recovery_key.public_key())
    vault.lock()
    params = KeyFile.load(vault.paths.keys).params
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 2
    started = time.perf_counter()
    vault.unlock(PASSPHRASE)
    assert time.perf_counter() - started >= 0.2
    vault.lock()
    started = time.perf_counter()
    stretch(PASSPHRASE, b"\x01" * 16, params)
    assert time.perf_counter() - started >= 0.2


def test_keyring_mode_vault_reports_itself(keyring_vault: Vault) -> None:
    info = keyring_vault.info()
    assert info.mode is not None
    assert info.mode.value == "keyring"
    assert info.keyring_backend is not None
    assert "MemoryKeyring" in info.keyring_backend
    assert KEYRING_REQUIRED.keyring.value == "required"
