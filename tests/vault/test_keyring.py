"""Issue 3, point 3: the keyring adapter - refused backends, the recorded backend and changes to
it, timeouts, the passphrase-only policy, and one test against a real Secret Service."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from erms_desktop.domain import Note
from erms_desktop.vault import (
    DeviceSecretMissingError,
    KeyringBackendChangedError,
    KeyringError,
    KeyringPolicy,
    KeyringStore,
    KeyringTimeout,
    KeyringUnavailableError,
    ProtectionMode,
    Vault,
    VaultPolicy,
    VaultState,
)
from erms_desktop.vault.keyfile import KeyFile
from erms_desktop.vault.keyring_store import SERVICE
from tests.conftest import in_ci
from tests.vault.conftest import CHEAP, KEYRING_REQUIRED, PASSPHRASE, MemoryKeyring, a_note

ROOT = Path(__file__).resolve().parents[2]


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file backend (same module path, no file written)."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class ChainerOfFail(MemoryKeyring):
    backends = (fail.Keyring(),)


ChainerOfFail.__module__ = "keyring.backends.chainer"


class SlowKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(3)
        return None


class ExplodingKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("the keyring must not be touched")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("the keyring must not be touched")


class OtherMemoryKeyring(MemoryKeyring):
    pass


@pytest.mark.parametrize(
    "backend", [fail.Keyring(), null.Keyring(), PlaintextKeyring(), ChainerOfFail()]
)
def test_unreal_backends_are_refused(backend: KeyringBackend) -> None:
    with pytest.raises(KeyringUnavailableError, match="refused backend"):
        KeyringStore(backend).name()


def test_keyring_required_refuses_to_create_without_one(
    folder: Path, recovery_key: X25519PrivateKey
) -> None:
    vault = Vault(folder, policy=KEYRING_REQUIRED, keyring=KeyringStore(fail.Keyring()))
    with pytest.raises(KeyringUnavailableError):
        vault.create(PASSPHRASE, recovery_key.public_key())
    assert vault.state is VaultState.ABSENT
    assert not any(path.exists() for path in vault.paths.all_files())


def test_preferred_policy_falls_back_to_passphrase_only_and_says_so(
    folder: Path, recovery_key: X25519PrivateKey
) -> None:
    policy = VaultPolicy(keyring=KeyringPolicy.PREFERRED, argon2=CHEAP)
    vault = Vault(folder, policy=policy, keyring=KeyringStore(null.Keyring()))
    vault.create(PASSPHRASE, recovery_key.public_key())
    assert vault.info().mode is ProtectionMode.PASSPHRASE_ONLY
    assert vault.info().keyring_backend is None


def test_passphrase_only_policy_never_touches_the_keyring(
    folder: Path, recovery_key: X25519PrivateKey
) -> None:
    store = KeyringStore(ExplodingKeyring(), trust_backend=True)
    policy = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=CHEAP)
    vault = Vault(folder, policy=policy, keyring=store)
    vault.create(PASSPHRASE, recovery_key.public_key())
    vault.lock()
    vault.unlock(PASSPHRASE)
    assert vault.info().mode is ProtectionMode.PASSPHRASE_ONLY
    assert vault.wipe().keyring_entry_removed is None


def test_missing_keyring_entry_keeps_the_vault_locked(
    keyring_vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    keyring_vault.store.save(a_note())
    keyring_vault.lock()
    database = hashlib.sha256(keyring_vault.paths.database.read_bytes()).digest()
    memory_keyring.entries.clear()
    with pytest.raises(DeviceSecretMissingError):
        keyring_vault.unlock(PASSPHRASE)
    assert keyring_vault.state is VaultState.LOCKED
    assert hashlib.sha256(keyring_vault.paths.database.read_bytes()).digest() == database
    assert keyring_vault.paths.attempts.exists() is False  # not counted as a wrong passphrase


def test_backend_change_is_detected_and_explained(
    keyring_vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    keyring_vault.lock()
    other = OtherMemoryKeyring()
    other.entries.update(memory_keyring.entries)
    moved = Vault(
        keyring_vault.paths.folder,
        policy=KEYRING_REQUIRED,
        keyring=KeyringStore(other, trust_backend=True),
    )
    with pytest.raises(KeyringBackendChangedError) as caught:
        moved.unlock(PASSPHRASE)
    assert "MemoryKeyring" in caught.value.recorded
    assert "OtherMemoryKeyring" in caught.value.current
    assert "recover" in str(caught.value)
    assert moved.state is VaultState.LOCKED


def test_keyring_gone_at_unlock_names_the_recorded_backend(keyring_vault: Vault) -> None:
    keyring_vault.lock()
    without = Vault(
        keyring_vault.paths.folder, policy=KEYRING_REQUIRED, keyring=KeyringStore(fail.Keyring())
    )
    with pytest.raises(KeyringUnavailableError, match="MemoryKeyring"):
        without.unlock(PASSPHRASE)


def test_hung_keyring_times_out(folder: Path) -> None:
    store = KeyringStore(SlowKeyring(), trust_backend=True, timeout=0.2)
    started = time.perf_counter()
    with pytest.raises(KeyringTimeout):
        store.load_secret("device")
    assert time.perf_counter() - started < 1.5


def test_hung_keyring_at_unlock_leaves_the_vault_locked(
    keyring_vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    keyring_vault.lock()
    slow = SlowKeyring()
    slow.entries.update(memory_keyring.entries)
    SlowKeyring.__qualname__ = "MemoryKeyring"  # same recorded name: only the hang differs
    SlowKeyring.__module__ = MemoryKeyring.__module__
    try:
        hung = Vault(
            keyring_vault.paths.folder,
            policy=KEYRING_REQUIRED,
            keyring=KeyringStore(slow, trust_backend=True, timeout=0.2),
        )
        with pytest.raises(KeyringTimeout):
            hung.unlock(PASSPHRASE)
        assert hung.state is VaultState.LOCKED
    finally:
        SlowKeyring.__qualname__ = "SlowKeyring"


def _real_secret_service() -> KeyringStore | None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    from keyring.backends import SecretService

    store = KeyringStore(SecretService.Keyring(), timeout=10)
    try:
        store.has_secret("erms-probe")
    except KeyringError:
        return None
    return store


@pytest.mark.real_keyring
def test_real_secret_service(tmp_path: Path, recovery_key: X25519PrivateKey) -> None:
    """Create, lock, unlock and wipe a vault whose device secret is in gnome-keyring.

    Run by the test command inside ``dbus-run-session`` (packaging/bootstrap.py). Outside one,
    where gnome-keyring is installed, the test starts its own private session and runs there; in
    CI a missing Secret Service is a failure, never a skip.
    """
    store = _real_secret_service()
    if store is None:
        if os.environ.get("ERMS_SECRET_SERVICE") or os.environ.get("ERMS_IN_KEYRING_SESSION"):
            pytest.fail("a Secret Service session was set up but does not answer")
        if shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
            _run_inside_private_session()
            return
        if in_ci():
            pytest.fail("CI must provide gnome-keyring and dbus-run-session")
        pytest.skip("no Secret Service here (install gnome-keyring and dbus to run this test)")
    assert store.name() == "keyring.backends.SecretService.Keyring"
    assert KeyringStore(timeout=10).name() == store.name()  # the platform default resolves to it
    vault = Vault(tmp_path / "vault", policy=KEYRING_REQUIRED, keyring=store)
    vault.create(PASSPHRASE, recovery_key.public_key())
    note = a_note("Kept behind the real keyring")
    vault.store.save(note)
    vault.lock()
    device_id = KeyFile.load(vault.paths.keys).device_id
    assert store.has_secret(device_id)
    vault.unlock(PASSPHRASE)
    assert vault.store.get(Note, note.id) == note
    assert vault.info().keyring_backend == "keyring.backends.SecretService.Keyring"
    report = vault.wipe()
    assert report.keyring_entry_removed is True
    assert report.complete
    assert not store.has_secret(device_id)
    assert not (tmp_path / "vault").exists()
    assert SERVICE == "ERMS Desktop vault"


def _run_inside_private_session() -> None:
    env = {**os.environ, "ERMS_IN_KEYRING_SESSION": "1"}
    inner = [
        sys.executable,
        str(ROOT / "packaging" / "bootstrap.py"),
        "_in_keyring_session",
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"{Path(__file__).relative_to(ROOT)}::test_real_secret_service",
    ]
    result = subprocess.run(
        ["dbus-run-session", "--", *inner],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


def test_failed_create_leaves_no_keyring_entry_and_no_files(
    folder: Path,
    recovery_key: X25519PrivateKey,
    keyring_store: KeyringStore,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from erms_desktop.vault import vault as vault_module

    def broken_migrate(*_: object, **__: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(vault_module, "migrate", broken_migrate)
    vault = Vault(folder, policy=KEYRING_REQUIRED, keyring=keyring_store)
    with pytest.raises(OSError, match="disk full"):
        vault.create(PASSPHRASE, recovery_key.public_key())
    assert memory_keyring.entries == {}
    assert not folder.exists()
    assert vault.state is VaultState.ABSENT
