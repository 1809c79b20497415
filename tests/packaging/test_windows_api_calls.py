"""The app's two Windows-only hooks, run here with Windows' DLLs replaced at the ctypes boundary:
stand-ins for ``ctypes.windll.user32`` and ``wtsapi32`` record each call and its arguments, so
the app's own code (which window, which flags, which messages lock) runs unchanged. Whether
Windows then honours the calls is for a real Windows machine (docs/packaging.md)."""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import sys
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.gui.capture import capture_exclusion_supported, set_capture_excluded
from erms_desktop.gui.locking import SessionWatcher

WDA_NONE = 0x0
WDA_EXCLUDEFROMCAPTURE = 0x11
NOTIFY_FOR_THIS_SESSION = 0
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WTS_SESSION_UNLOCK = 0x8
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
PBT_APMRESUMEAUTOMATIC = 0x12


class RecordingDll:
    """One DLL as ``ctypes.windll`` shows it: every function records its arguments and returns
    ``result`` (Windows' BOOL: nonzero for success)."""

    def __init__(self, result: int = 1) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.result = result

    def __getattr__(self, name: str) -> Any:
        def function(*args: Any) -> int:
            self.calls.append((name, args))
            return self.result

        return function


def on_windows(monkeypatch: pytest.MonkeyPatch, **dlls: RecordingDll) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(**dlls), raising=False)


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(
    ("excluded", "affinity"), [(True, WDA_EXCLUDEFROMCAPTURE), (False, WDA_NONE)]
)
def test_capture_exclusion_sets_the_windows_display_affinity(
    monkeypatch: pytest.MonkeyPatch, window: QWidget, excluded: bool, affinity: int
) -> None:
    user32 = RecordingDll()
    on_windows(monkeypatch, user32=user32)
    assert capture_exclusion_supported()
    assert set_capture_excluded(window, excluded) is True
    assert user32.calls == [("SetWindowDisplayAffinity", (int(window.winId()), affinity))]


def test_capture_exclusion_reports_windows_refusing_it(
    monkeypatch: pytest.MonkeyPatch, window: QWidget
) -> None:
    """Windows before 10 2004 returns FALSE for WDA_EXCLUDEFROMCAPTURE: the menu shows it off."""
    on_windows(monkeypatch, user32=RecordingDll(result=0))
    assert set_capture_excluded(window, True) is False


@pytest.fixture
def watched(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> Iterator[tuple[QAbstractNativeEventFilter, RecordingDll, list[int]]]:
    """A SessionWatcher started on "Windows" for window 4242: the native event filter it gave the
    application, the calls it made, and the locks it asked for."""
    app = QCoreApplication.instance()
    assert app is not None
    installed: list[QAbstractNativeEventFilter] = []
    install = app.installNativeEventFilter

    def record(native_filter: QAbstractNativeEventFilter) -> None:
        installed.append(native_filter)
        install(native_filter)

    monkeypatch.setattr(app, "installNativeEventFilter", record)
    wtsapi32 = RecordingDll()
    on_windows(monkeypatch, wtsapi32=wtsapi32)
    watcher = SessionWatcher()
    locks: list[int] = []
    watcher.session_locked.connect(lambda: locks.append(1))
    watcher.start(4242)
    assert len(installed) == 1
    yield installed[0], wtsapi32, locks
    # The filter reads every native event as a Windows MSG: never leave it on a Linux app.
    app.removeNativeEventFilter(installed[0])


def test_session_lock_hook_registers_the_window_for_session_notifications(
    watched: tuple[QAbstractNativeEventFilter, RecordingDll, list[int]],
) -> None:
    _, wtsapi32, _ = watched
    assert wtsapi32.calls == [
        ("WTSRegisterSessionNotification", (4242, NOTIFY_FOR_THIS_SESSION)),
    ]


@pytest.mark.parametrize(
    ("message", "w_param", "locks"),
    [
        (WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, 1),
        (WM_POWERBROADCAST, PBT_APMSUSPEND, 1),
        (WM_WTSSESSION_CHANGE, WTS_SESSION_UNLOCK, 0),
        (WM_POWERBROADCAST, PBT_APMRESUMEAUTOMATIC, 0),
        (0x0200, WTS_SESSION_LOCK, 0),  # WM_MOUSEMOVE with the same wParam
    ],
    ids=["session-lock", "suspend", "unlock", "resume", "other-message"],
)
def test_session_lock_hook_locks_on_lock_and_suspend_only(
    watched: tuple[QAbstractNativeEventFilter, RecordingDll, list[int]],
    message: int,
    w_param: int,
    locks: int,
) -> None:
    native_filter, _, seen = watched
    msg = ctypes.wintypes.MSG()
    msg.hWnd, msg.message, msg.wParam = 4242, message, w_param
    # What Qt passes a native event filter on Windows: "windows_generic_MSG" and the MSG's address.
    handled = native_filter.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))
    assert handled == (False, 0)  # observed, never swallowed
    assert len(seen) == locks


def test_session_lock_hook_unavailable_leaves_the_app_running(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Best effort: without wtsapi32 the idle timer still locks, so start() must not raise."""
    on_windows(monkeypatch)
    SessionWatcher().start(4242)
