"""Normal mode finds its office through the organisation's recovery public key: with it the
real sync client is wired in; without it enrolment says plainly that this install cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.service import errors
from erms_desktop.service.client_port import ClientPort
from erms_desktop.service.desktop import VaultBackend
from erms_desktop.service.models import EnrolmentRequest
from erms_desktop.service.office import KEY_ENV, office_port
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import generate_recovery_key, public_key_to_pem
from tests.gui.vault_fixtures import CHEAP


def test_a_provisioned_key_wires_in_the_sync_client(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = generate_recovery_key().public_key()
    (tmp_path / "org.pem").write_bytes(public_key_to_pem(key))
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "org.pem"))
    port = office_port()
    assert isinstance(port, ClientPort)
    assert port.recovery_key().public_bytes_raw() == key.public_bytes_raw()


def test_without_a_key_enrolment_explains_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert office_port() is None
    backend = VaultBackend(lambda: Vault(tmp_path / "v", policy=CHEAP), sync_factory=office_port)
    with pytest.raises(errors.ServerNotAvailable):
        backend.enrol(EnrolmentRequest("https://erms.example.org", "CODE-1234", "someone", "pw"))
    assert not (tmp_path / "v").exists()


def test_a_damaged_key_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "org.pem").write_bytes(b"-----BEGIN PUBLIC KEY-----\nnot a key\n")
    monkeypatch.setenv(KEY_ENV, str(tmp_path / "org.pem"))
    backend = VaultBackend(lambda: Vault(tmp_path / "v", policy=CHEAP), sync_factory=office_port)
    assert backend.unlock_info().enrolled is False  # the rest of the app still works
    for _ in range(2):  # and the reason is given every time, not only the first
        with pytest.raises(errors.VaultProblem):
            backend.enrol(EnrolmentRequest("https://erms.example.org", "CODE-1", "someone", "pw"))
    assert not (tmp_path / "v").exists()
