"""The "Check in this laptop" wizard (docs/operations.md, "Checking a returned laptop in"): a
staff member signs in with their own office account, chooses how the vault is opened (the
volunteer's passphrase, or the organisation's recovery key file and its password), watches the
steps, and gets the receipt - shown, and saved as a PDF. If the check-in stops, the reason is
shown with what to do, and Resume carries on from where it stopped.

All work runs on the worker (service/laptop_checkin.py); the recovery key file is read there,
into memory only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.receipt_pdf import write_receipt_pdf
from erms_desktop.gui.widgets import buddy, heading, message_label, named
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.checkin_receipt import Receipt, receipt_html
from erms_desktop.service.messages import user_message

if TYPE_CHECKING:
    from erms_desktop.service.checkin import Opening, Steps
    from erms_desktop.service.desktop import DesktopService
    from erms_desktop.service.office.session import OfficeAccount

SIGN_IN, OPEN, PROGRESS, RESULT = range(4)


class CheckInWizard(QDialog):
    """Emits ``checked_in`` once the laptop holds nothing (the window then shows enrolment)."""

    checked_in = Signal()

    def __init__(self, worker: ServiceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in this laptop")
        named(self, "Check in this laptop")
        self.setMinimumWidth(560)
        self._worker = worker
        self.account: OfficeAccount | None = None  # the staff member signed in
        self._finishing = False  # only the end of an interrupted check-in is left
        self.receipt: Receipt | None = None
        self._pages = QStackedWidget()
        for build in (self._build_sign_in, self._build_open, self._build_progress):
            self._pages.addWidget(build())
        self._pages.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        worker.progress.connect(self._on_step)
        worker.call(lambda b: b.check_in_server(), self._known_server, quiet=True)

    @property
    def page_index(self) -> int:
        return self._pages.currentIndex()

    # -- pages ---------------------------------------------------------------------------------
    def _build_sign_in(self) -> QWidget:
        page = QWidget()
        self.server = named(QLineEdit(), "Office server address")
        self.username = named(QLineEdit(), "Staff user name", "Your own office account")
        self.password = named(QLineEdit(), "Staff password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_button = named(QPushButton("&Sign in"), "Sign in")
        self.sign_in_button.setDefault(True)
        self.sign_in_error = message_label("Sign-in problem")
        self.sign_in_button.clicked.connect(self._sign_in)
        self.password.returnPressed.connect(self._sign_in)
        form = QFormLayout()
        form.addRow("Office &server:", self.server)
        form.addRow("Your office &user name:", self.username)
        form.addRow("Your office &password:", self.password)
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Check in this laptop"))
        layout.addWidget(
            _text(
                "For office staff. Sign in with your own office account. The laptop's work is "
                "synced and proved to be on the office store before anything is wiped."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.sign_in_error)
        return page

    def _build_open(self) -> QWidget:
        page = QWidget()
        self.use_passphrase = named(
            QRadioButton("The &volunteer is here and types their passphrase"), "Volunteer present"
        )
        self.use_recovery = named(
            QRadioButton("Use the organisation's &recovery key"), "Use the recovery key"
        )
        self.use_passphrase.setChecked(True)
        self.passphrase = named(QLineEdit(), "Volunteer's passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_path = named(QLineEdit(), "Recovery key file", "The .pem file on removable media")
        self.browse_button = named(QPushButton("&Browse…"), "Browse for the recovery key file")
        self.browse_button.clicked.connect(self._browse)
        self.key_password = named(QLineEdit(), "Recovery key password")
        self.key_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.check_in_button = named(QPushButton("&Check in"), "Check in")
        self.open_error = message_label("Check-in problem")
        self.check_in_button.clicked.connect(self._check_in)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path)
        key_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.use_passphrase)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow(self.use_recovery)
        form.addRow(buddy("Key &file:", self.key_path), key_row)
        form.addRow("Key pass&word:", self.key_password)
        layout = QVBoxLayout(page)
        layout.addWidget(heading("How is the laptop's vault opened?"))
        layout.addWidget(
            _text(
                "The recovery key is read into memory only and never written to this laptop. "
                "Take the removable media away afterwards."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.check_in_button)
        layout.addWidget(self.open_error)
        return page

    def _build_progress(self) -> QWidget:
        page = QWidget()
        self.step = message_label("Check-in step")
        self.done_steps = named(QTextBrowser(), "Check-in steps so far")
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Checking the laptop in…"))
        layout.addWidget(self.step)
        layout.addWidget(self.done_steps)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.outcome = message_label("Check-in outcome")
        self.receipt_view = named(QTextBrowser(), "Check-in receipt")
        self.pdf_button = named(QPushButton("Save receipt as &PDF…"), "Save receipt as PDF")
        self.resume_button = named(QPushButton("&Resume"), "Resume the check-in")
        self.finish_button = named(QPushButton("&Finish"), "Finish")
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.resume_button.clicked.connect(self._resume)
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        for button in (self.pdf_button, self.resume_button, self.finish_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.outcome)
        layout.addWidget(self.receipt_view)
        layout.addLayout(buttons)
        return page

    # -- steps ---------------------------------------------------------------------------------
    def _known_server(self, url: str | None) -> None:
        if url and not self.server.text():
            self.server.setText(url)
        self.username.setFocus()

    def _sign_in(self) -> None:
        server, username, password = self.server.text(), self.username.text(), self.password.text()
        if not (server.strip() and username.strip() and password):
            self.sign_in_error.setText("Enter the office server, your user name and password.")
            return
        self.sign_in_button.setEnabled(False)
        self.sign_in_error.setText("Signing in…")
        self._worker.call(
            lambda b: b.staff_sign_in(server, username, password),
            self._signed_in,
            self._sign_in_failed,
        )

    def finish_interrupted(self) -> None:
        """The store holds everything of an interrupted check-in: after sign-in it finishes
        without opening the vault."""
        self._finishing = True
        self.sign_in_error.setText(
            "A check-in of this laptop was interrupted after the office store had everything. "
            "Sign in to finish it."
        )

    def _signed_in(self, account: OfficeAccount) -> None:
        self.account = account
        self.password.clear()
        self.sign_in_error.clear()
        if self._finishing:
            self._run(lambda b, report: b.check_in(None, report))
            return
        self._show(OPEN)
        self.passphrase.setFocus()

    def _sign_in_failed(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.sign_in_error.setText(user_message(error))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "The organisation's recovery key", "", "Key files (*.pem);;All files (*)"
        )
        if path:
            self.key_path.setText(path)
            self.use_recovery.setChecked(True)

    def _check_in(self) -> None:
        if self.account is None:
            self._show(SIGN_IN)
            return
        opening = self._opening()
        if opening is not None:
            self._run(lambda b, report: b.check_in(opening(), report))

    def _opening(self) -> Callable[[], Opening] | None:
        """How the vault opens, built on the worker (the key file is read there, into memory)."""
        if self.use_recovery.isChecked():
            path, password = Path(self.key_path.text()), self.key_password.text()
            if not self.key_path.text() or not password:
                self.open_error.setText("Choose the recovery key file and type its password.")
                return None

            def recovery_key() -> Opening:
                from erms_desktop.service.checkin import RecoveryKey

                return RecoveryKey(path.read_bytes(), password)

            return recovery_key
        passphrase = self.passphrase.text()
        if not passphrase:
            self.open_error.setText("Ask the volunteer to type their passphrase.")
            return None

        def volunteer() -> Opening:
            from erms_desktop.service.checkin import Passphrase

            return Passphrase(passphrase)

        return volunteer

    def _run(self, job: Callable[[DesktopService, Steps], Receipt]) -> None:
        report = self._worker.report_progress
        self.open_error.clear()
        self.done_steps.clear()
        self._show(PROGRESS)
        self._worker.call(lambda b: job(b, report), self._checked_in, self._stopped)

    def _on_step(self, text: object) -> None:
        if isinstance(text, str) and self.page_index == PROGRESS:
            self.step.setText(f"{text}…")
            self.done_steps.append(text)

    def _checked_in(self, receipt: Receipt) -> None:
        self.receipt = receipt
        self.passphrase.clear()
        self.key_password.clear()
        self.outcome.setText(
            "The laptop is checked in: its work is on the office store and its local data is "
            "destroyed. Save or print the receipt, then choose Finish."
        )
        self.receipt_view.setHtml(receipt_html(receipt))
        self.pdf_button.setVisible(True)
        self.resume_button.setVisible(False)
        self._show(RESULT)
        self.finish_button.setFocus()

    def _stopped(self, error: BaseException) -> None:
        self._worker.call(lambda b: b.check_in_past_the_shred(), self._past_the_shred, quiet=True)
        self.outcome.setText(user_message(error))
        self.receipt_view.clear()
        self.pdf_button.setVisible(False)
        self.resume_button.setVisible(True)
        self._show(RESULT)
        self.resume_button.setFocus()

    def _past_the_shred(self, past: bool) -> None:
        self._finishing = past

    def _resume(self) -> None:
        """Carry on: straight to the end when the store already holds everything, else from
        opening the vault (the store's steps already done are answered as before)."""
        if self._finishing:
            self._run(lambda b, report: b.check_in(None, report))
        else:
            self._show(OPEN)

    def _ask_pdf(self) -> None:
        if self.receipt is None:
            return
        name = f"check-in-{self.receipt.asset_tag}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Save the receipt", name, "PDF (*.pdf)")
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """The receipt as a PDF (A4), as shown."""
        if self.receipt is not None:
            write_receipt_pdf(self.receipt, path)

    def _finish(self) -> None:
        if self.receipt is not None:
            self.checked_in.emit()
        self.accept()

    def done(self, result: int) -> None:
        """However the wizard closes, the staff member's session ends with it."""
        self._worker.call(lambda b: b.staff_sign_out(), quiet=True)
        super().done(result)

    def _show(self, page: int) -> None:
        self._pages.setCurrentIndex(page)


def _text(text: str) -> QWidget:
    label = message_label("Guidance")
    label.setText(text)
    return label
