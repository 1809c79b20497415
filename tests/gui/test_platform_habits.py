"""Screen-capture exclusion where the platform has it, high-DPI start-up, and a style sheet that
follows the system's light or dark palette."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from erms_desktop.gui import theme
from erms_desktop.gui.capture import capture_exclusion_supported, set_capture_excluded
from tests.gui.conftest import StartWindow
from tests.gui.fake_service import FakeService


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows path needs a real desktop")
def test_capture_exclusion_is_an_honest_no_op_elsewhere(start_window: StartWindow) -> None:
    window = start_window(FakeService(enrolled=True))
    assert not capture_exclusion_supported()
    assert set_capture_excluded(window, True) is False
    assert not window.capture_action.isEnabled()
    assert "Not available" in window.capture_action.toolTip()


def test_starts_at_double_scale(tmp_path: Path) -> None:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2", ERMS_DATA_DIR=str(tmp_path)
    )
    result = subprocess.run(
        [sys.executable, "-m", "erms_desktop.cli", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "reached the enrolment screen" in result.stdout


def test_style_sheet_takes_its_colours_from_the_scheme() -> None:
    """No fixed colour in the sheet (it would break dark mode): each comes from the light or
    dark scheme in use, the colours the contrast test checks."""
    sheet = (resources.files("erms_desktop.resources") / "styles" / "app.qss").read_text()
    assert "$error" in sheet
    assert "#" not in sheet.replace("QLabel#", "")
    assert "rgb(" not in sheet
    for scheme in (theme.LIGHT, theme.DARK):
        assert "$" not in theme.style_sheet(scheme)
