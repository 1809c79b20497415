"""The status bar: online or offline, last sync, pending changes, progress, and "Sync now"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from erms_desktop.gui.widgets import named
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.models import SyncOverview, SyncProgress


def unsent_notice(left: int | None) -> str:
    """After the last sync before locking or quitting: what stayed on the laptop, plainly."""
    if not left:
        return ""
    changes = f"{left} change{'s' if left != 1 else ''}"
    return (
        f"{changes} could not be sent to the office. {'They stay' if left != 1 else 'It stays'}"
        " on this laptop, encrypted, and will be sent at the next sync."
    )


class SyncStatusBar(QWidget):
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connection = named(QLabel(), "Connection")
        self.last_sync = named(QLabel(), "Last sync time")
        self.pending = named(QLabel(), "Pending changes")
        self.attention = named(QLabel(), "Attention count")
        self.progress = named(QProgressBar(), "Sync progress")
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.sync_button = named(QPushButton("Sync &now"), "Sync now")
        self.sync_button.clicked.connect(self.sync_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)  # apart from a message on its left
        for widget in (self.connection, self.last_sync, self.pending, self.attention):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addWidget(self.progress)
        layout.addWidget(self.sync_button)
        self.clear()

    def show_status(self, status: SyncOverview) -> None:
        self.connection.setText("Online" if status.online else "Offline")
        self.last_sync.setText(f"Last sync: {uk_datetime(status.last_sync)}")
        self.pending.setText(
            f"{status.pending} change{'s' if status.pending != 1 else ''} waiting to sync"
        )
        self.attention.setText(f"{status.attention} need attention" if status.attention else "")

    def set_offline(self) -> None:
        self.connection.setText("Offline")

    def set_syncing(self, syncing: bool) -> None:
        self.sync_button.setEnabled(not syncing)
        self.progress.setVisible(syncing)
        if syncing:
            self.connection.setText("Syncing…")
            self.progress.setRange(0, 0)  # busy until the first progress report

    def show_progress(self, progress: SyncProgress) -> None:
        self.progress.setRange(0, max(1, progress.items_total))
        self.progress.setValue(progress.items_done)
        self.progress.setFormat(f"{progress.items_done} of {progress.items_total}")

    def clear(self) -> None:
        """Shown while locked: nothing about the caseload."""
        self.connection.setText("Locked")
        for label in (self.last_sync, self.pending, self.attention):
            label.setText("")
        self.progress.hide()
        self.sync_button.setEnabled(False)
