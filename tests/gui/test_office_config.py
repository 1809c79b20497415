"""Normal mode finds its office through the organisation's recovery public key: with it new vaults
are wrapped to it; without it enrolment says plainly that this install cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.service import errors
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.models import EnrolmentRequest
from erms_desktop.service.recovery_key import provisioned_recovery_key
from erms_desktop.service.settings import RECOVERY_KEY_ENV, DesktopSettings
from erms_desktop.vault import Vault
from erms_desktop.vault.errors import VaultError
from erms_desktop.vault.recovery import generate_recovery_key, public_key_to_pem
from tests.service.office import CHEAP


def test_a_provisioned_key_is_found(tmp_path: Path) -> None:
    key = generate_recovery_key().public_key()
    (tmp_path / "org.pem").write_bytes(public_key_to_pem(key))
    settings = DesktopSettings.from_environ({RECOVERY_KEY_ENV: str(tmp_path / "org.pem")})
    found = provisioned_recovery_key(settings)
    assert found is not None
    assert found.public_bytes_raw() == key.public_bytes_raw()


def test_without_a_key_enrolment_explains_and_changes_nothing(tmp_path: Path) -> None:
    assert provisioned_recovery_key(DesktopSettings()) is None  # none bundled in the source tree
    backend = DesktopService(lambda: Vault(tmp_path / "v", policy=CHEAP))
    with pytest.raises(errors.ServerNotAvailable):
        backend.enrol(EnrolmentRequest("https://erms.example.org", "CODE-1234", "someone", "pw"))
    assert not (tmp_path / "v").exists()


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "org.pem").write_bytes(b"-----BEGIN PUBLIC KEY-----\nnot a key\n")
    settings = DesktopSettings(recovery_public_key=tmp_path / "org.pem")
    backend = DesktopService(lambda: Vault(tmp_path / "v", policy=CHEAP), settings=settings)
    assert backend.unlock_info().enrolled is False  # the rest of the app still works
    for _ in range(2):  # and the reason is given every time, not only the first
        with pytest.raises(VaultError):
            backend.enrol(EnrolmentRequest("https://erms.example.org", "CODE-1", "someone", "pw"))
    assert not (tmp_path / "v").exists()
