"""A reader follows "Sync now" from the button to the HTTP request through at most four of our
files (docs/architecture.md): the main window, the desktop service, the sync client and the
engine. Proved on the real chain: the window's button, the one worker, the real vault and the
real central store on loopback; the stack is recorded as the sync's HTTP request leaves."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import erms_desktop
from tests.gui.conftest import start_on, unlock
from tests.service.office import PASSPHRASE, Office, enrolled

PACKAGE = Path(erms_desktop.__file__).parent
# Not hops a reader follows: the generic worker that runs every call, and the HTTP layer itself.
PLUMBING = {"gui/worker.py", "sync/transport.py"}
MOST_FILES = 4


def _our_files(stack: traceback.StackSummary) -> list[str]:
    """Our source files on ``stack``, outermost first, each once."""
    files: list[str] = []
    for frame in stack:
        path = Path(frame.filename).resolve()
        if path.is_relative_to(PACKAGE):
            name = path.relative_to(PACKAGE).as_posix()
            if name not in PLUMBING and name not in files:
                files.append(name)
    return files


def test_sync_now_reaches_the_request_through_four_of_our_files(
    qtbot: QtBot, tmp_path: Path, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = enrolled(tmp_path / "vault", office)
    service.lock()
    window, worker = start_on(qtbot, service)
    unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled, timeout=10000)

    stacks: list[traceback.StackSummary] = []
    send = httpx.Client.send

    def recording_send(client: httpx.Client, request: httpx.Request, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread():
            stacks.append(traceback.extract_stack())
        return send(client, request, **kwargs)

    monkeypatch.setattr(httpx.Client, "send", recording_send)
    qtbot.mouseClick(window.sync_bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(stacks) and window.sync_bar.sync_button.isEnabled(), timeout=10000)
    monkeypatch.undo()

    paths = [_our_files(stack) for stack in stacks]
    assert paths[0][:3] == ["gui/main_window.py", "service/desktop.py", "sync/client.py"]
    for files in paths:
        assert len(files) <= MOST_FILES, files
    window.close()
    worker.shutdown()
