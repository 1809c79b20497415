"""The app's Windows read of the deployed central address, run against what the installer really
wrote: the ``.reg`` export recorded under Wine (test_installer_wine.py checks it is still what
the installer writes). Only Windows' registry API is replaced (reg_file.fake_winreg); the app's
own code, from the key and the registry view to the address check, runs unchanged."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from erms_desktop.service.server_address import default_server_url, installer_registry_value
from tests.packaging.reg_file import fake_winreg, read_reg_file

RECORDED_EXPORT = Path(__file__).parent / "wine" / "central_url.reg"
KEY = r"hkey_local_machine\software\erms\erms desktop"


def on_windows_with(monkeypatch: pytest.MonkeyPatch, export: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "winreg", fake_winreg(read_reg_file(export)))


def test_the_app_offers_the_address_the_installer_recorded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_windows_with(monkeypatch, RECORDED_EXPORT)
    assert installer_registry_value() == "https://erms.example.org"
    assert default_server_url(None, platform="win32") == "https://erms.example.org"


def test_the_recorded_value_is_a_string_in_the_64_bit_view() -> None:
    keys = read_reg_file(RECORDED_EXPORT)
    winreg = fake_winreg(keys)
    assert keys[KEY] == {"CentralUrl": ("https://erms.example.org", winreg.REG_SZ)}
    # Read as a 32-bit process would by default, the key is not there: the app must (and does)
    # ask for the 64-bit view, where the 64-bit installer wrote.
    with pytest.raises(OSError):
        winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\ERMS\ERMS Desktop", 0, winreg.KEY_READ)


@pytest.mark.parametrize(
    ("value_line", "offered"),
    [
        ('"CentralUrl"="https://erms.example.org/"', "https://erms.example.org"),
        ('"CentralUrl"="http://erms.example.org"', None),
        ('"CentralUrl"=""', None),
        ('"CentralUrl"=dword:00000001', None),
        ('"OtherValue"="https://erms.example.org"', None),
    ],
    ids=["trailing-slash", "http", "empty", "not-a-string", "no-value"],
)
def test_a_value_the_app_cannot_use_is_never_offered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value_line: str, offered: str | None
) -> None:
    """Group Policy or a hand edit can put anything there; the wizard then starts empty."""
    recorded = RECORDED_EXPORT.read_bytes().decode("utf-16")
    edited = recorded.replace('"CentralUrl"="https://erms.example.org"', value_line)
    assert edited != recorded
    export = tmp_path / "edited.reg"
    export.write_bytes(edited.encode("utf-16"))
    on_windows_with(monkeypatch, export)
    assert default_server_url(None, platform="win32") == offered


def test_no_installer_key_means_no_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    export = tmp_path / "empty.reg"
    export.write_bytes("Windows Registry Editor Version 5.00\r\n\r\n".encode("utf-16"))
    on_windows_with(monkeypatch, export)
    assert default_server_url(None, platform="win32") is None
