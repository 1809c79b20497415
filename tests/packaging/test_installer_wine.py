"""The Windows installer run, not only compiled: installer.nsis compiled against a stand-in
bundle and run silently under Wine (64-bit) in a throwaway prefix, as IT deploys it. What is
checked is the installer's logic: files, registry, shortcut, uninstaller, options, mutex."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from erms_desktop import __version__
from erms_desktop.service.server_address import checked_server_url
from tests.packaging.conftest import CompileInstaller
from tests.packaging.reg_file import REG_DWORD, REG_SZ, read_reg_file
from tests.packaging.wine import WinePrefix, app_running, wait_for, words

OFFICE = "https://erms.example.org"
INSTALL_DIR = r"C:\Program Files\ERMS Desktop"
UNINSTALLER = rf"{INSTALL_DIR}\Uninstall ERMS Desktop.exe"
CONFIG_KEY = r"HKEY_LOCAL_MACHINE\SOFTWARE\ERMS\ERMS Desktop"
UNINSTALL_KEY = (
    r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\ERMS Desktop"
)
PUBLISHER = "Office of the Police, Fire and Crime Commissioner"
# What the installer wrote under Wine for /CENTRAL=https://erms.example.org (reg export, 64-bit
# view). Regenerate with ERMS_RECORD_REG=1; test_registry_read.py reads it as the app would.
RECORDED_EXPORT = Path(__file__).parent / "wine" / "central_url.reg"

EXIT_RUNNING = 3
EXIT_BAD_CENTRAL = 4


def program_folder(prefix: WinePrefix) -> Path:
    return prefix.drive_c / "Program Files" / "ERMS Desktop"


def shortcut(prefix: WinePrefix) -> Path:
    return prefix.start_menu / "ERMS Desktop.lnk"


@pytest.fixture
def machine(wine_prefix: WinePrefix) -> Iterator[WinePrefix]:
    """The session's prefix with no ERMS Desktop installed and no user data, before and after."""
    clear(wine_prefix)
    yield wine_prefix
    clear(wine_prefix)


def clear(prefix: WinePrefix) -> None:
    if (program_folder(prefix) / "Uninstall ERMS Desktop.exe").exists():
        prefix.run(UNINSTALLER, "/S", *words(f"_?={INSTALL_DIR}"))
    shutil.rmtree(program_folder(prefix), ignore_errors=True)
    shutil.rmtree(prefix.local_app_data() / "ERMS", ignore_errors=True)
    for key in (CONFIG_KEY, UNINSTALL_KEY):
        prefix.run("reg", "delete", key, "/f", "/reg:64")


def install(prefix: WinePrefix, installer: Path, *options: str) -> int:
    return prefix.run(installer, "/S", *options).returncode


def installed_state(prefix: WinePrefix) -> tuple[object, ...]:
    """Everything the installer touches, to show that a refused run changed nothing."""
    files = sorted(str(path) for path in program_folder(prefix).rglob("*"))
    return (
        files,
        shortcut(prefix).exists(),
        prefix.registry_key(CONFIG_KEY),
        prefix.registry_key(UNINSTALL_KEY),
    )


def assert_nothing_installed(prefix: WinePrefix) -> None:
    assert not program_folder(prefix).exists()
    assert not shortcut(prefix).exists()
    assert prefix.registry_key(CONFIG_KEY) is None
    assert prefix.registry_key(UNINSTALL_KEY) is None


def test_silent_install_with_the_office_address(
    machine: WinePrefix, stand_in_installer: CompileInstaller
) -> None:
    assert install(machine, stand_in_installer(__version__), f"/CENTRAL={OFFICE}") == 0

    folder = program_folder(machine)
    for name in ("ERMS Desktop.exe", "erms-desktop-console.exe", "Uninstall ERMS Desktop.exe"):
        assert (folder / name).is_file()
    assert (folder / "_internal" / "erms_desktop" / "resources" / "app.qss").is_file()
    assert not (machine.drive_c / "Program Files (x86)" / "ERMS Desktop").exists()
    # The shortcut's link information names its target's local path (in the ANSI code page).
    assert rf"{INSTALL_DIR}\ERMS Desktop.exe".encode("cp1252") in shortcut(machine).read_bytes()

    # The address machine-wide, in the 64-bit registry view only (where the app reads it).
    assert machine.registry_key(CONFIG_KEY) == {"CentralUrl": (OFFICE, REG_SZ)}
    assert machine.registry_key(CONFIG_KEY, view="/reg:32") is None

    entry = machine.registry_key(UNINSTALL_KEY)
    assert entry is not None
    assert entry["DisplayName"] == ("ERMS Desktop", REG_SZ)
    assert entry["DisplayVersion"] == (__version__, REG_SZ)
    assert entry["Publisher"] == (PUBLISHER, REG_SZ)
    assert entry["DisplayIcon"] == (rf"{INSTALL_DIR}\ERMS Desktop.exe,0", REG_SZ)
    assert entry["InstallLocation"] == (INSTALL_DIR, REG_SZ)
    assert entry["UninstallString"] == (f'"{UNINSTALLER}"', REG_SZ)
    assert entry["QuietUninstallString"] == (f'"{UNINSTALLER}" /S', REG_SZ)
    size, kind = entry["EstimatedSize"]
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert kind == REG_DWORD
    assert isinstance(size, int)
    assert abs(size - sum(path.stat().st_size for path in files) / 1024) <= len(files)


def test_a_second_run_upgrades_in_place(
    machine: WinePrefix, stand_in_installer: CompileInstaller
) -> None:
    assert install(machine, stand_in_installer(__version__), f"/CENTRAL={OFFICE}") == 0
    leftover = program_folder(machine) / "_internal" / "old-library.dll"
    leftover.write_bytes(b"MZ from the previous version")
    files = sorted(program_folder(machine).rglob("*"))

    # The next version, deployed without /CENTRAL: the address already set stays.
    assert install(machine, stand_in_installer("9.8.7")) == 0
    assert not leftover.exists()  # no library of the old version lingers
    assert sorted(program_folder(machine).rglob("*")) == [p for p in files if p != leftover]
    entry = machine.registry_key(UNINSTALL_KEY)
    assert entry is not None
    assert entry["DisplayVersion"] == ("9.8.7", REG_SZ)
    assert machine.registry_key(CONFIG_KEY) == {"CentralUrl": (OFFICE, REG_SZ)}
    assert [path.name for path in machine.start_menu.glob("ERMS*")] == ["ERMS Desktop.lnk"]

    # With /CENTRAL again, the office's new address replaces the old one.
    moved = "https://erms-new.example.org"
    assert install(machine, stand_in_installer("9.8.7"), f"/CENTRAL={moved}") == 0
    assert machine.registry_key(CONFIG_KEY) == {"CentralUrl": (moved, REG_SZ)}


def test_uninstall_removes_the_program_and_keeps_every_vault(
    machine: WinePrefix, stand_in_installer: CompileInstaller
) -> None:
    assert install(machine, stand_in_installer(__version__), f"/CENTRAL={OFFICE}") == 0
    vault = machine.local_app_data() / "ERMS" / "ERMS Desktop" / "vault" / "vault.db"
    vault.parent.mkdir(parents=True)
    vault.write_bytes(b"an encrypted vault with work not yet synced")

    # As Add/Remove Programs runs it: the uninstaller copies itself to %TEMP% and returns at once.
    entry = machine.registry_key(UNINSTALL_KEY)
    assert entry is not None
    quiet = str(entry["QuietUninstallString"][0])
    match = re.fullmatch(r'"([^"]+)" (.*)', quiet)
    assert match is not None
    assert machine.run(match.group(1), *match.group(2).split()).returncode == 0
    wait_for(lambda: machine.registry_key(UNINSTALL_KEY) is None, "the uninstaller's last step")

    assert not program_folder(machine).exists()
    assert not shortcut(machine).exists()
    for key in (CONFIG_KEY, UNINSTALL_KEY, r"HKEY_LOCAL_MACHINE\SOFTWARE\ERMS"):
        assert machine.registry_key(key) is None, key
    assert vault.read_bytes() == b"an encrypted vault with work not yet synced"


@pytest.mark.parametrize(
    "options",
    [
        ["/CENTRAL=http://erms.example.org"],
        ["/CENTRAL="],
        ['/CENTRAL="https://erms.example.org"'],
        words("/CENTRAL=https://erms example.org"),
        ["/CENTRAL=https://facilitator@erms.example.org"],
        ["/CENTRAL=https://erms.example.org/?next=cases"],
        ["/CENTRAL=https:///erms"],
        ["/CENTRAL=https://erms.example.org/o'brien"],
        ["/CENTRAL=https://erms.exämple.org"],
    ],
    ids=[
        "http",
        "empty",
        "quoted",
        "space",
        "user-name",
        "query",
        "no-host",
        "apostrophe",
        "not-ascii",
    ],
)
def test_a_bad_central_address_is_refused_and_nothing_installed(
    machine: WinePrefix, stand_in_installer: CompileInstaller, options: list[str]
) -> None:
    assert install(machine, stand_in_installer(__version__), *options) == EXIT_BAD_CENTRAL
    assert_nothing_installed(machine)


@pytest.mark.parametrize(
    "options",
    [
        ["/CENTRAL=https://erms.example.org:8443/erms/"],
        ["/central=https://ERMS.example.org", "/NCRC"],
    ],
    ids=["port-and-path", "lower-case-option-then-another"],
)
def test_the_whole_address_is_recorded_as_the_app_reads_it(
    machine: WinePrefix, stand_in_installer: CompileInstaller, options: list[str]
) -> None:
    given = options[0].split("=", 1)[1]
    assert install(machine, stand_in_installer(__version__), *options) == 0
    assert machine.registry_key(CONFIG_KEY) == {"CentralUrl": (given, REG_SZ)}
    assert checked_server_url(given) == given.rstrip("/")


def test_refuses_while_the_app_runs_and_changes_nothing(
    machine: WinePrefix, stand_in_installer: CompileInstaller, mutex_holder: Path
) -> None:
    assert install(machine, stand_in_installer(__version__), f"/CENTRAL={OFFICE}") == 0
    before = installed_state(machine)
    with app_running(machine, mutex_holder):
        upgrade = stand_in_installer("9.8.7")
        assert install(machine, upgrade, "/CENTRAL=https://erms-new.example.org") == EXIT_RUNNING
        # _?= runs the uninstaller in place, so its own exit code comes back.
        uninstall = machine.run(UNINSTALLER, "/S", *words(f"_?={INSTALL_DIR}"))
        assert uninstall.returncode == EXIT_RUNNING
        assert installed_state(machine) == before


def test_the_recorded_registry_export_is_what_the_installer_writes(
    machine: WinePrefix, stand_in_installer: CompileInstaller, tmp_path: Path
) -> None:
    assert install(machine, stand_in_installer(__version__), f"/CENTRAL={OFFICE}") == 0
    export = tmp_path / "central_url.reg"
    assert machine.export_key(CONFIG_KEY, export)
    if os.environ.get("ERMS_RECORD_REG") == "1":
        shutil.copyfile(export, RECORDED_EXPORT)
    assert read_reg_file(export) == read_reg_file(RECORDED_EXPORT)
