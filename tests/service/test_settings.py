"""The desktop's environment settings: read in one place, each optional, blanks meaning unset;
the vault goes where ``ERMS_DATA_DIR`` says."""

from __future__ import annotations

from pathlib import Path

from erms_desktop.service.laptop import laptop_vault
from erms_desktop.service.settings import (
    CENTRAL_URL_ENV,
    DATA_DIR_ENV,
    KEYRING_POLICY_ENV,
    RECOVERY_KEY_ENV,
    DesktopSettings,
)


def test_nothing_set_means_every_default() -> None:
    assert DesktopSettings.from_environ({}) == DesktopSettings()
    blanks = dict.fromkeys((DATA_DIR_ENV, KEYRING_POLICY_ENV, CENTRAL_URL_ENV), "  ")
    assert DesktopSettings.from_environ({**blanks, RECOVERY_KEY_ENV: ""}) == DesktopSettings()


def test_each_variable_reaches_its_setting(tmp_path: Path) -> None:
    settings = DesktopSettings.from_environ(
        {
            DATA_DIR_ENV: str(tmp_path / "vault"),
            KEYRING_POLICY_ENV: " preferred ",
            RECOVERY_KEY_ENV: str(tmp_path / "org.pem"),
            CENTRAL_URL_ENV: "https://erms.example.org",
            "ERMS_UNRELATED": "ignored",
        }
    )
    assert settings == DesktopSettings(
        data_dir=tmp_path / "vault",
        keyring_policy="preferred",
        recovery_public_key=tmp_path / "org.pem",
        central_url="https://erms.example.org",
    )


def test_the_laptop_vault_lives_in_the_data_folder(tmp_path: Path) -> None:
    vault = laptop_vault(DesktopSettings(data_dir=tmp_path / "vault", keyring_policy="never"))
    assert vault.paths.folder == tmp_path / "vault"
