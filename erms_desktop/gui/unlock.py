"""The unlock screen: works offline, shows the last sync and the offline lease, never case data."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from erms_desktop.gui.widgets import error_label, heading, message_label, named
from erms_desktop.service.formatting import uk_date, uk_datetime
from erms_desktop.service.models import LeaseState, UnlockInfo


def lease_text(lease: LeaseState) -> str:
    if lease.expired:
        return (
            f"This laptop has not reached the office server for {lease.lease_days} days. For "
            "safety ERMS now needs to check in with the server before it opens your cases: "
            "connect to the internet, then unlock."
        )
    if lease.last_contact is None:
        return "ERMS needs to reach the office server before it opens your cases."
    until = uk_date((lease.last_contact + timedelta(days=lease.lease_days)).date())
    return (
        f"You can keep working offline for {lease.days_left} more day"
        f"{'s' if lease.days_left != 1 else ''} (until {until}). After that ERMS must reach the "
        "office server before it unlocks."
    )


class UnlockScreen(QWidget):
    unlock_requested = Signal(str)
    wipe_requested = Signal()  # only offered after unlocking found the vault damaged
    checkin_requested = Signal()  # office staff: "Check in this laptop"
    office_requested = Signal()  # "Office staff sign-in": office mode, no vault opened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_sync = message_label("Last sync")
        self.lease = message_label("Offline lease")
        self.demo_hint = message_label("Demo passphrase")
        self.keyring_note = message_label("Keyring note")
        self.unsent = message_label("Unsent changes")
        self.passphrase = named(QLineEdit(), "Passphrase", "Your local passphrase for this laptop")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = named(QPushButton("&Unlock"), "Unlock")
        self.unlock_button.setDefault(True)
        self.error = error_label("Unlock problem")
        self.wipe_button = named(QPushButton("&Wipe and start again…"), "Wipe and start again")
        self.wipe_button.hide()
        self.checkin_button = named(
            QPushButton("Check in this laptop…"),
            "Check in this laptop",
            "For office staff, when the laptop is returned",
        )
        self.checkin_button.clicked.connect(self.checkin_requested)
        self.office_button = named(
            QPushButton("&Office staff sign-in…"),
            "Office staff sign-in",
            "Office mode for office staff: opens no cases on this computer",
        )
        self.office_button.clicked.connect(self.office_requested)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.wipe_button.clicked.connect(self.wipe_requested)

        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        box = QWidget()
        box.setFixedWidth(520)
        inner = QVBoxLayout(box)
        inner.addWidget(heading("ERMS Desktop is locked"))
        for part in (self.last_sync, self.unsent, self.lease, self.keyring_note, self.demo_hint):
            inner.addWidget(part)
        inner.addLayout(form)
        inner.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.error)
        inner.addWidget(self.wipe_button, alignment=Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.checkin_button, alignment=Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(self.office_button, alignment=Qt.AlignmentFlag.AlignLeft)
        # Stretches rather than alignment flags, so the wrapped labels get their full height.
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(box)
        row.addStretch()
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addLayout(row)
        outer.addStretch()

    def show_info(self, info: UnlockInfo) -> None:
        self.last_sync.setText(f"Last synchronised with the office: {uk_datetime(info.last_sync)}")
        self.lease.setText(lease_text(info.lease))
        self.demo_hint.setVisible(info.demo_passphrase is not None)
        self.demo_hint.setText(
            f"Demo mode. The demo passphrase is: {info.demo_passphrase}. This opens a "
            'volunteer\'s laptop; to see the office side, choose "Office staff sign-in".'
        )
        self.keyring_note.setVisible(bool(info.keyring_note))
        self.keyring_note.setText(info.keyring_note or "")

    def reset(self, message: str = "") -> None:
        self.passphrase.clear()
        self.error.setText(message)
        self.unsent.clear()
        self.wipe_button.hide()
        self.set_busy(False)
        self.passphrase.setFocus()

    def show_notice(self, text: str) -> None:
        """What the last sync before locking could not send (a count, never case data)."""
        self.unsent.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.error.setText("Unlocking…")

    def show_error(self, message: str, *, offer_wipe: bool = False) -> None:
        self.set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.error.setText(message)
        self.wipe_button.setVisible(offer_wipe)

    def _submit(self) -> None:
        if not self.passphrase.text():
            self.error.setText("Enter your passphrase.")
            return
        self.set_busy(True)
        self.unlock_requested.emit(self.passphrase.text())
