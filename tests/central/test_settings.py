"""All the store's settings in one class: defaults, the environment, a settings file (the
environment wins), and a clear refusal of a bad or unknown setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from erms_desktop.central.cli import main
from erms_desktop.central.errors import ConfigurationError
from erms_desktop.central.settings import CentralSettings, load_settings


def test_defaults_environment_and_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "central.env"
    file.write_text(
        "ERMS_CENTRAL_DATABASE_URL=sqlite:///from-file.db\n"
        "ERMS_CENTRAL_LOCKOUT_THRESHOLD=9\n"
        "ERMS_CENTRAL_SESSION_MINUTES=60\n"
        "ERMS_CENTRAL_ARGON2__MEMORY_KIB=65536\n"
        "ERMS_CENTRAL_TRUSTED_PROXIES=10.0.0.1, 192.168.0.0/16\n"
    )
    monkeypatch.setenv("ERMS_CENTRAL_SESSION_MINUTES", "30")
    settings = load_settings(file)
    assert settings.database_url == "sqlite:///from-file.db"
    assert settings.lockout_threshold == 9
    assert settings.session_minutes == 30  # the environment wins over the file
    assert settings.argon2.memory_kib == 65536
    assert settings.trusted_proxies == ("10.0.0.1", "192.168.0.0/16")
    assert (
        settings.password_min_length == CentralSettings.model_fields["password_min_length"].default
    )
    monkeypatch.setenv("ERMS_CENTRAL_SETTINGS_FILE", str(file))
    assert load_settings().lockout_threshold == 9


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ERMS_CENTRAL_LOCKOUT_THRESHOLD=0", "lockout_threshold"),
        ("ERMS_CENTRAL_TRUSTED_PROXIES=not-an-address", "trusted_proxies"),
        ("ERMS_CENTRAL_LOCKOUT_TRESHOLD=5", "lockout_treshold"),
        ("ERMS_CENTRAL_LOG_LEVEL=chatty", "log_level"),
    ],
)
def test_a_bad_or_unknown_setting_is_refused_by_name(
    tmp_path: Path, line: str, message: str
) -> None:
    file = tmp_path / "central.env"
    file.write_text(line + "\n")
    with pytest.raises(ConfigurationError, match=message):
        load_settings(file)


def test_the_command_line_reads_the_settings_file(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "central.env"
    file.write_text(f"ERMS_CENTRAL_DATABASE_URL={sqlite_url}\n")
    assert main(["verify-audit", "--settings", str(file)]) == 0
    assert "intact" in capsys.readouterr().out
    assert main(["verify-audit", "--settings", str(tmp_path / "missing.env")]) == 1
    assert "no settings file" in capsys.readouterr().err
    file.write_text("ERMS_CENTRAL_MAX_PULL_PAGE=-1\n")
    assert main(["verify-audit", "--settings", str(file), "--db", sqlite_url]) == 1
    assert "max_pull_page" in capsys.readouterr().err
