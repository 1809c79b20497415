"""The screen-lock hook on Linux: a ScreenSaver ActiveChanged(true) signal on the session bus
makes the SessionWatcher ask for a lock. Runs on a private bus (dbus-run-session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import in_ci

PROBE = """
import subprocess
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from erms_desktop.gui.locking import SessionWatcher
app = QApplication([])
watcher = SessionWatcher()
seen = []
watcher.session_locked.connect(lambda: (seen.append(1), app.quit()))
watcher.start(0)
def send(active):
    subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged", f"boolean:{active}"], check=True)
QTimer.singleShot(100, lambda: send("false"))  # the screensaver going away locks nothing
QTimer.singleShot(400, lambda: print("after false:", len(seen), flush=True))
QTimer.singleShot(500, lambda: send("true"))
QTimer.singleShot(5000, app.quit)
app.exec()
print("locked" if seen else "not locked")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus hooks are Linux only")
def test_screensaver_signal_requests_a_lock() -> None:
    if shutil.which("dbus-run-session") is None or shutil.which("dbus-send") is None:
        if in_ci():
            pytest.fail("CI must provide dbus-run-session and dbus-send")
        pytest.skip("dbus-run-session is not installed here")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "after false: 0" in result.stdout
    assert result.stdout.strip().endswith("locked")
    assert "not locked" not in result.stdout
