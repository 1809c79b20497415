"""Copying from case data: the clipboard is cleared after 30 seconds, but only if it still holds
what ERMS put there (so the volunteer's own later copy is never wiped)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

from erms_desktop.service.policy import CLIPBOARD_CLEAR_SECONDS


class ClipboardGuard(QObject):
    def __init__(
        self, clear_after_ms: int = CLIPBOARD_CLEAR_SECONDS * 1000, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._copied = text
        self._timer.start()

    def clear_if_ours(self) -> None:
        """Clear the clipboard if it still holds our text (also called on lock and exit)."""
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None
