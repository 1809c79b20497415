"""When to lock: Ctrl+L anywhere in the application (the note editor and dialogs included, which a
window shortcut cannot reach past a modal dialog), idle time (an application-wide event filter,
as KeePassXC does), then the platform's screen-lock and suspend signals where it sends them
(best effort: many desktops never do, so the idle timer must never depend on them)."""

from __future__ import annotations

import logging
import sys
from typing import cast

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QKeySequence

from erms_desktop.service.policy import IDLE_LOCK_SECONDS

_log = logging.getLogger(__name__)

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.ShortcutOverride,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_ms`` without keyboard, mouse or touch input anywhere."""

    idle = Signal()

    def __init__(
        self, timeout_ms: int = IDLE_LOCK_SECONDS * 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class LockKey(QObject):
    """Emits ``pressed`` for Ctrl+L wherever the keyboard focus is in this application, and
    swallows the key so no text field or dialog acts on it as well."""

    pressed = Signal()
    _KEY = QKeySequence("Ctrl+L")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent):
            return False
        if QKeySequence(event.keyCombination()) != self._KEY or event.isAutoRepeat():
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self.pressed.emit()
        return True


class SessionWatcher(QObject):
    """Emits ``session_locked`` when the OS reports a screen lock or an imminent suspend."""

    session_locked = Signal()

    def start(self, window_id: int) -> None:
        try:
            if sys.platform == "win32":
                self._windows_filter = _WindowsSessionFilter(self.session_locked)
                _WindowsSessionFilter.register(window_id)
                app = QCoreApplication.instance()
                if app is not None:
                    app.installNativeEventFilter(self._windows_filter)
            elif sys.platform.startswith("linux"):
                self._listen_dbus()
        except Exception as exc:  # best effort: the idle timer still protects the data
            _log.info("screen-lock signals unavailable: %s", type(exc).__name__)

    def _listen_dbus(self) -> None:
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusConnection

        # PySide6 wants SLOT()'s string here although its stub says bytes.
        slot = cast(bytes, SLOT("_on_change(bool)"))

        system = QDBusConnection.systemBus()
        if system.isConnected():
            system.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                slot,
            )
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (
                ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
            ):
                session.connect("", path, service, "ActiveChanged", self, slot)

    @Slot(bool)
    def _on_change(self, active: bool) -> None:
        if active:
            self.session_locked.emit()


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """Watches WM_WTSSESSION_CHANGE (session lock) and WM_POWERBROADCAST (suspend)."""

    WM_WTSSESSION_CHANGE = 0x02B1
    WTS_SESSION_LOCK = 0x7
    WM_POWERBROADCAST = 0x0218
    PBT_APMSUSPEND = 0x4

    def __init__(self, signal: object) -> None:
        super().__init__()
        self._signal = signal

    @staticmethod
    def register(window_id: int) -> None:
        import ctypes

        wtsapi = ctypes.windll.wtsapi32  # type: ignore[attr-defined,unused-ignore]
        wtsapi.WTSRegisterSessionNotification(window_id, 0)

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> object:
        import ctypes.wintypes

        msg = ctypes.wintypes.MSG.from_address(int(message))
        locked = msg.message == self.WM_WTSSESSION_CHANGE and msg.wParam == self.WTS_SESSION_LOCK
        suspend = msg.message == self.WM_POWERBROADCAST and msg.wParam == self.PBT_APMSUSPEND
        if locked or suspend:
            self._signal.emit()  # type: ignore[attr-defined]
        return False, 0
