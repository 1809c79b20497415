"""installer.nsis compiled with makensis (warnings as errors) against a small stand-in for the
bundle. makensis -V4 lists every instruction it compiled, which is what the checks read."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

from erms_desktop import __version__
from tests.packaging.tools import bundle_stand_in, compile_nsis, packaging_module

UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\ERMS Desktop"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("installer")
    bundle = bundle_stand_in(folder)
    output = folder / f"ERMS-Desktop-{__version__}-setup.exe"
    result = compile_nsis(
        folder, f"VERSION={__version__}", f"SOURCE_DIR={bundle}", f"OUTFILE={output}"
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return result.stdout, output


def test_compiles_a_windows_executable_stamped_with_the_version(
    compiled: tuple[str, Path],
) -> None:
    _, output = compiled
    data = output.read_bytes()
    assert data[:2] == b"MZ"
    # The version resource: strings in UTF-16, numbers in VS_FIXEDFILEINFO after its signature.
    assert "ERMS Desktop installer".encode("utf-16-le") in data
    assert __version__.encode("utf-16-le") in data
    fixed = data.index(struct.pack("<I", 0xFEEF04BD))
    file_ms, file_ls = struct.unpack_from("<II", data, fixed + 8)
    numbers = (file_ms >> 16, file_ms & 0xFFFF, file_ls >> 16, file_ls & 0xFFFF)
    assert numbers == packaging_module("version_info").version_tuple(__version__)


def test_is_a_64_bit_installer(compiled: tuple[str, Path]) -> None:
    """64-bit like the app (which refuses 32-bit Windows): Program Files and the registry are then
    the 64-bit ones without redirection, and Wine runs it without its 32-bit half."""
    _, output = compiled
    data = output.read_bytes()
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    (machine,) = struct.unpack_from("<H", data, pe_offset + 4)
    assert machine == 0x8664  # IMAGE_FILE_MACHINE_AMD64


def test_installs_per_machine_under_program_files_with_a_start_menu_shortcut(
    compiled: tuple[str, Path],
) -> None:
    log, output = compiled
    assert 'InstallDir: "$PROGRAMFILES64\\ERMS Desktop"' in log
    assert b'level="requireAdministrator"' in output.read_bytes()  # the embedded manifest
    assert "SetShellVarContext: all" in log
    assert 'CreateShortcut: "$SMPROGRAMS\\ERMS Desktop.lnk"->"$INSTDIR\\ERMS Desktop.exe"' in log
    for name in ("ERMS Desktop.exe", "erms-desktop-console.exe", "app.qss"):
        assert f'File: "{name}"' in log


def test_registers_the_uninstaller_with_version_and_size(compiled: tuple[str, Path]) -> None:
    log, _ = compiled
    assert f"WriteRegStr: {UNINSTALL_KEY}\\DisplayVersion={__version__}" in log
    assert (
        f'WriteRegStr: {UNINSTALL_KEY}\\UninstallString="$INSTDIR\\Uninstall ERMS Desktop.exe"'
        in log
    )
    assert f"WriteRegDWORD: {UNINSTALL_KEY}\\EstimatedSize=$0" in log
    assert "WriteUninstaller:" in log


def test_refuses_while_the_app_runs_in_install_and_uninstall(compiled: tuple[str, Path]) -> None:
    log, _ = compiled
    mutex = packaging_module("bundle_layout").RUNNING_MUTEX
    checks = re.findall(r"Plugin command: Call kernel32::OpenMutexW\(.*\"(.+?)\"\)", log)
    # One check compiled into the installer, one into the uninstaller, both for the app's mutex.
    assert checks == [mutex, mutex]
    assert "is running. Close it" in log


def test_writes_the_central_address_machine_wide_only_when_https(
    compiled: tuple[str, Path],
) -> None:
    log, _ = compiled
    assert r"WriteRegStr: HKLM\Software\ERMS\ERMS Desktop\CentralUrl=$CentralUrl" in log
    assert "/CENTRAL must be the central store's https:// address" in log
    assert "SetRegView: 64" in log


def test_uninstall_keeps_user_vaults_and_points_to_office_check_in(
    compiled: tuple[str, Path],
) -> None:
    log, _ = compiled
    uninstall = log[log.index('Section: "Uninstall"') :]
    assert "office for check-in" in log
    removed = re.findall(r"(?:Delete|RMDir): (?:/r )?\"([^\"]+)\"", uninstall)
    assert removed, "the uninstall section compiled nothing"
    # Only the program's own files: nothing in user profiles or application data.
    assert all(path.startswith(("$INSTDIR", "$SMPROGRAMS")) for path in removed)
    assert "$INSTDIR" in removed  # the folder itself only without /r, so only if empty


@pytest.mark.parametrize(
    ("defines", "message"),
    [
        (["SOURCE_DIR=."], "Define VERSION"),
        ([f"VERSION={__version__}", "SOURCE_DIR=no-such-folder"], "holds no ERMS Desktop.exe"),
    ],
)
def test_refuses_to_compile_without_version_or_bundle(
    tmp_path: Path, defines: list[str], message: str
) -> None:
    result = compile_nsis(tmp_path, *defines)
    assert result.returncode != 0
    assert message in result.stdout + result.stderr


@pytest.fixture
def sign_recorder(tmp_path: Path) -> tuple[str, Path]:
    """A stand-in for signtool: a command that records each file it is asked to sign."""
    log = tmp_path / "signed.log"
    recorder = tmp_path / "record_signing.py"
    recorder.write_text(
        "import sys\nwith open(sys.argv[1], 'a') as log:\n    log.write(sys.argv[2] + '\\n')\n"
    )
    return f"{sys.executable} {recorder} {log}", log


def test_sign_command_signs_the_uninstaller_then_the_installer(
    tmp_path: Path, sign_recorder: tuple[str, Path]
) -> None:
    command, log = sign_recorder
    bundle = bundle_stand_in(tmp_path)
    output = tmp_path / "ERMS-Desktop-signed.exe"
    result = compile_nsis(
        tmp_path,
        f"VERSION={__version__}",
        f"SOURCE_DIR={bundle}",
        f"OUTFILE={output}",
        f"SIGN_COMMAND={command}",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    uninstaller, installer = log.read_text().splitlines()
    assert installer == str(output)
    assert uninstaller != installer  # makensis's temporary copy of the uninstaller


def test_build_script_signs_a_file_whose_path_has_spaces(
    tmp_path: Path, sign_recorder: tuple[str, Path]
) -> None:
    command, log = sign_recorder
    target = tmp_path / "ERMS Desktop.exe"
    packaging_module("build").sign(command, target)
    assert log.read_text().splitlines() == [str(target)]
