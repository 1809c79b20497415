"""The command line: ``--smoke-test`` reaches the first screen; ``doctor`` reports without Qt and
without personal data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from erms_desktop.service.doctor import render, report_lines
from erms_desktop.service.models import Diagnostics
from tests.gui.fake_service import FakeService


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ERMS_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "erms_desktop.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(("args", "screen"), [(["--demo"], "unlock"), ([], "enrolment")])
def test_smoke_test_reaches_the_first_screen(args: list[str], screen: str, tmp_path: Path) -> None:
    result = _cli(*args, "--smoke-test", data_dir=tmp_path / "vault")
    assert result.returncode == 0, result.stderr
    assert f"reached the {screen} screen" in result.stdout


def test_doctor_runs_without_qt() -> None:
    code = (
        "import sys\n"
        "from erms_desktop.cli import main\n"
        "status = main(['--demo', 'doctor'])\n"
        "qt = any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)\n"
        "print('QT' if qt else 'NOQT')\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for label in (
        "Version",
        "Keyring backend",
        "Keyring mode",
        "Vault state",
        "Integrity check",
        "Central store",
        "Pending outbox",
        "Last sync",
    ):
        assert label in out
    assert out.strip().endswith("NOQT")


def test_doctor_on_a_new_laptop_reports_the_real_vault(tmp_path: Path) -> None:
    result = _cli("doctor", data_dir=tmp_path / "vault")
    assert result.returncode == 0, result.stderr
    assert "absent" in result.stdout
    assert "none (no vault on this laptop)" in result.stdout  # not "unknown while locked"
    assert str(tmp_path / "vault") in result.stdout
    assert not (tmp_path / "vault").exists()  # diagnosing creates nothing


def test_doctor_holds_no_case_data() -> None:
    backend = FakeService(enrolled=True)
    backend.unlock("correct horse battery staple")
    text = render(report_lines(backend, keyring=lambda: ("test.Keyring", "OS credential store")))
    cases = backend.list_cases()
    for case in cases:
        assert case.service_reference not in text
        assert case.initials not in text
    assert "Pending outbox   6" in text


def test_doctor_keeps_going_when_a_probe_fails() -> None:
    class Broken(FakeService):
        def diagnostics(self) -> Diagnostics:
            raise OSError("disk gone")

    def no_keyring() -> tuple[str, str]:
        raise RuntimeError("no dbus")

    lines = dict(report_lines(Broken(), keyring=no_keyring))
    assert lines["Keyring backend"] == "error: RuntimeError"
    assert lines["Vault"] == "error: OSError"
    assert "Version" in lines
