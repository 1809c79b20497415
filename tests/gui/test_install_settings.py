"""What an installation decides: the office server's address the wizard starts with (Windows
registry or ERMS_CENTRAL_URL), the keyring policy (ERMS_KEYRING_POLICY) and what the unlock
screen and ``doctor`` say about it, and that ``doctor`` needs SQLCipher."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pytestqt.qtbot import QtBot

from erms_desktop.service import errors
from erms_desktop.service.desktop import DesktopService
from erms_desktop.service.doctor import render, report_lines
from erms_desktop.service.keyring_policy import keyring_setting
from erms_desktop.service.server_address import (
    checked_server_url,
    default_server_url,
    installer_registry_value,
)
from erms_desktop.service.settings import CENTRAL_URL_ENV, KEYRING_POLICY_ENV, DesktopSettings
from erms_desktop.vault import Argon2Params, KeyringPolicy, KeyringStore, Vault, VaultPolicy
from tests.gui.conftest import start_on
from tests.gui.fake_service import FakeService
from tests.service.office import PASSPHRASE, desktop_service
from tests.vault.conftest import MemoryKeyring


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://erms.example.org", "https://erms.example.org"),
        ("  https://erms.example.org:8443/api/ \n", "https://erms.example.org:8443/api"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("http://erms.example.org", None),  # plain http off this computer
        ("http://127.0.0.1.example.org", None),
        ("ftp://erms.example.org", None),
        ("erms.example.org", None),
        ("https://", None),
        ("https://someone:secret@erms.example.org", None),
        ("https://erms.example.org:99999", None),
        ("https://erms.example.org/?next=elsewhere", None),
        ("", None),
    ],
)
def test_server_addresses_are_https_or_this_computer(address: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(errors.BadServerAddress):
            checked_server_url(address)
    else:
        assert checked_server_url(address) == expected


def test_default_address_off_windows_comes_from_the_environment() -> None:
    def registry() -> str:
        raise AssertionError("the registry is read only on Windows")

    def configured(value: str | None) -> str | None:
        environ = {} if value is None else {CENTRAL_URL_ENV: value}
        return DesktopSettings.from_environ(environ).central_url

    assert default_server_url(configured(None), platform="linux", registry=registry) is None
    found = default_server_url(
        configured("https://erms.example.org/"), platform="linux", registry=registry
    )
    assert found == "https://erms.example.org"
    refused = configured("http://erms.example.org")
    assert default_server_url(refused, platform="darwin", registry=registry) is None
    assert installer_registry_value() is None  # not Windows: winreg is never imported
    assert "winreg" not in sys.modules


def test_default_address_on_windows_comes_from_the_installer() -> None:
    ignored = "https://from-the-environment.example.org"
    found = default_server_url(
        ignored, platform="win32", registry=lambda: "https://erms.example.org"
    )
    assert found == "https://erms.example.org"
    assert default_server_url(ignored, platform="win32", registry=lambda: None) is None
    insecure = default_server_url(
        ignored, platform="win32", registry=lambda: "http://erms.example.org"
    )
    assert insecure is None


def test_the_wizard_starts_with_the_installed_address(qtbot: QtBot, tmp_path: Path) -> None:
    settings = DesktopSettings(central_url="https://erms.example.org")
    backend = desktop_service(tmp_path / "v", None, settings=settings)
    window, worker = start_on(qtbot, backend)
    wizard = window.enrolment
    assert wizard is not None
    assert wizard.server.text() == "https://erms.example.org"
    assert wizard.code.hasFocus()
    window.close()
    worker.shutdown()


def test_enrolment_refuses_an_insecure_address(tmp_path: Path) -> None:
    from erms_desktop.service.models import EnrolmentRequest

    backend = desktop_service(tmp_path / "v", None)
    with pytest.raises(errors.BadServerAddress):
        backend.enrol(EnrolmentRequest("http://erms.example.org", "CODE", "vera", "x"))
    assert not (tmp_path / "v").exists()


@pytest.mark.parametrize(
    ("demo", "value", "policy"),
    [
        (False, None, "required"),
        (False, "preferred", "preferred"),
        (False, " Never ", "never"),
        (False, "required", "required"),
        (False, "off", "required"),  # not understood: never weaker than the default
        (True, "required", "never"),  # demo: the passphrase is on screen anyway
    ],
)
def test_keyring_policy_setting(demo: bool, value: str | None, policy: str) -> None:
    environ = {} if value is None else {KEYRING_POLICY_ENV: value}
    setting = keyring_setting(demo=demo, settings=DesktopSettings.from_environ(environ))
    assert setting.policy == policy
    assert KeyringPolicy(setting.policy).value == policy  # a policy the vault knows
    if value == "off":
        assert "not understood" in setting.describe()


def _service(folder: Path, policy: str) -> DesktopService:
    keyring = KeyringStore(MemoryKeyring(), trust_backend=True, timeout=2.0)
    vault_policy = VaultPolicy(KeyringPolicy(policy), Argon2Params.insecure_for_tests())
    return DesktopService(lambda: Vault(folder, policy=vault_policy, keyring=keyring))


@pytest.mark.parametrize(("policy", "note"), [("never", True), ("required", False)])
def test_unlock_screen_says_when_only_the_passphrase_protects(
    qtbot: QtBot, tmp_path: Path, policy: str, note: bool
) -> None:
    backend = _service(tmp_path / "v", policy)
    backend.vault.create(PASSPHRASE, X25519PrivateKey.generate().public_key())
    backend.lock()
    window, worker = start_on(qtbot, backend)
    label = window.unlock_screen.keyring_note
    assert label.isVisibleTo(window) is note
    if note:
        assert label.text().startswith("Only your passphrase protects the cases on this laptop")
    window.close()
    worker.shutdown()


def test_doctor_reports_the_policy_and_sqlcipher() -> None:
    lines = dict(
        report_lines(
            FakeService(),
            keyring=lambda: ("k", "m"),
            policy=keyring_setting(
                demo=False, settings=DesktopSettings(keyring_policy="preferred")
            ),
        )
    )
    assert lines["Keyring policy"] == f"preferred (from {KEYRING_POLICY_ENV})"
    assert lines["SQLCipher"].startswith("4.")  # SQLCipher 4, from the sqlcipher3 module

    def missing() -> str:
        raise ImportError("no sqlcipher3")

    text = render(report_lines(FakeService(), keyring=lambda: ("k", "m"), sqlcipher=missing))
    assert "missing: ImportError" in text


def test_doctor_fails_without_sqlcipher(tmp_path: Path) -> None:
    """As a frozen bundle that lost the module would: doctor says so and exits 1."""
    code = (
        "import sys\n"
        "sys.modules['sqlcipher3'] = None\n"  # makes `import sqlcipher3` fail
        "from erms_desktop.cli import main\n"
        "sys.exit(main(['doctor']))\n"
    )
    env = dict(os.environ, ERMS_DATA_DIR=str(tmp_path / "vault"))
    env.pop(KEYRING_POLICY_ENV, None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "SQLCipher" in result.stdout
    assert "missing: ModuleNotFoundError" in result.stdout
    assert "Keyring policy   required (default)" in result.stdout
