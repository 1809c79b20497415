"""First run: connect to the office server, sign in, choose a local passphrase, first sync."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.widgets import heading, message_label, named
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service import errors
from erms_desktop.service.messages import (
    is_connection_problem,
    is_sign_in_refusal,
    user_message,
)
from erms_desktop.service.models import (
    EnrolmentRequest,
    EnrolmentResult,
    SyncOutcome,
    SyncProgress,
)
from erms_desktop.service.policy import passphrase_strength
from erms_desktop.service.server_address import checked_server_url


def check_server_address(text: str) -> str | None:
    """The problem with a server address in plain English, or None if it is usable."""
    try:
        checked_server_url(text)
    except errors.BadServerAddress:
        if not urlsplit(text.strip()).hostname:
            return "Enter the server address the office gave you, starting with https://"
        return "The server address must start with https:// so that your sign-in is protected."
    return None


class EnrolmentWizard(QWidget):
    """Emits ``completed`` once the first sync has run and the volunteer opens their cases."""

    completed = Signal()
    office_requested = Signal()  # "Office staff sign-in" instead of setting up this laptop

    def __init__(self, worker: ServiceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_connect())
        self._pages.addWidget(self._build_sign_in())
        self._pages.addWidget(self._build_passphrase())
        self._pages.addWidget(self._build_first_sync())
        column = QWidget()
        column.setFixedWidth(620)
        inner = QVBoxLayout(column)
        inner.addWidget(heading("Set up ERMS on this laptop"))
        inner.addWidget(self._pages)
        row = QHBoxLayout(self)
        row.addStretch()
        row.addWidget(column)
        row.addStretch()

    # -- pages -------------------------------------------------------------------------------
    def _build_connect(self) -> QWidget:
        page = QWidget()
        self.server = named(QLineEdit("https://"), "Server address")
        self.code = named(
            QLineEdit(), "Enrolment code", "The code the office gave you for this laptop"
        )
        self.connect_error = message_label("Connection problem")
        self.next_button = named(QPushButton("&Next"), "Next")
        self.next_button.clicked.connect(self._to_sign_in)
        self.code.returnPressed.connect(self._to_sign_in)
        self.office_button = named(
            QPushButton("&Office staff sign-in…"),
            "Office staff sign-in",
            "Office staff do not set up laptops: office mode opens no cases on this computer",
        )
        self.office_button.clicked.connect(self.office_requested)
        form = QFormLayout()
        form.addRow("&Server address:", self.server)
        form.addRow("&Enrolment code:", self.code)
        buttons = QHBoxLayout()
        buttons.addWidget(self.office_button)
        buttons.addStretch()
        buttons.addWidget(self.next_button)
        return _page(page, "Step 1 of 4: connect to the office", form, self.connect_error, buttons)

    def _build_sign_in(self) -> QWidget:
        page = QWidget()
        self.username = named(QLineEdit(), "User name")
        self.password = named(QLineEdit(), "Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_in_error = message_label("Sign-in problem")
        self.back_button = named(QPushButton("&Back"), "Back")
        self.back_button.clicked.connect(lambda: self._pages.setCurrentIndex(0))
        self.enrol_button = named(QPushButton("&Enrol this laptop"), "Enrol this laptop")
        self.enrol_button.setDefault(True)
        self.enrol_button.clicked.connect(self._enrol)
        self.password.returnPressed.connect(self._enrol)
        form = QFormLayout()
        form.addRow("&User name:", self.username)
        form.addRow("&Password:", self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        buttons.addWidget(self.enrol_button)
        return _page(
            page, "Step 2 of 4: sign in with your office account", form, self.sign_in_error, buttons
        )

    def _build_passphrase(self) -> QWidget:
        page = QWidget()
        self.passphrase = named(QLineEdit(), "Local passphrase", "Unlocks ERMS on this laptop")
        self.confirm = named(QLineEdit(), "Repeat passphrase")
        for field in (self.passphrase, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update_strength)
        self.strength = named(QProgressBar(), "Passphrase strength")
        self.strength.setRange(0, 4)
        self.strength.setFormat("")
        self.advice = message_label("Passphrase advice")
        self.passphrase_error = message_label("Passphrase problem")
        self.set_button = named(QPushButton("&Set passphrase"), "Set passphrase")
        self.set_button.setEnabled(False)
        self.set_button.clicked.connect(self._set_passphrase)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("&Repeat it:", self.confirm)
        form.addRow("Strength:", self.strength)
        guidance = message_label("Passphrase guidance")
        guidance.setText(
            "You will type this passphrase to open ERMS on this laptop, even when offline. "
            "A few unrelated words are easy to remember and hard to guess."
        )
        self._update_strength()
        return _page(
            page,
            "Step 3 of 4: choose a local passphrase",
            guidance,
            form,
            self.advice,
            self.passphrase_error,
            self.set_button,
        )

    def _build_first_sync(self) -> QWidget:
        page = QWidget()
        self.sync_bar = named(QProgressBar(), "First sync progress")
        self.sync_count = message_label("Cases received")
        self.sync_error = message_label("Sync problem")
        self.retry_button = named(QPushButton("&Try again"), "Try again")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self._first_sync)
        self.open_button = named(QPushButton("&Open my cases"), "Open my cases")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.completed)
        return _page(
            page,
            "Step 4 of 4: bringing down your cases",
            self.sync_bar,
            self.sync_count,
            self.sync_error,
            self.retry_button,
            self.open_button,
        )

    # -- behaviour ---------------------------------------------------------------------------
    @property
    def page_index(self) -> int:
        return self._pages.currentIndex()

    def _to_sign_in(self) -> None:
        problem = check_server_address(self.server.text())
        if problem is None and not self.code.text().strip():
            problem = "Enter the enrolment code the office gave you."
        self.connect_error.setText(problem or "")
        if problem is None:
            self._pages.setCurrentIndex(1)
            self.username.setFocus()

    def _enrol(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self.sign_in_error.setText("Enter your user name and password.")
            return
        request = EnrolmentRequest(
            self.server.text().strip(),
            self.code.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        self.enrol_button.setEnabled(False)
        self.sign_in_error.setText("Enrolling this laptop…")
        self._worker.call(lambda b: b.enrol(request), self._enrolled, self._enrol_failed)

    def _enrolled(self, _result: EnrolmentResult) -> None:
        self.password.clear()
        self.enrol_button.setEnabled(True)
        self._pages.setCurrentIndex(2)
        self.passphrase.setFocus()

    def _enrol_failed(self, error: BaseException) -> None:
        self.enrol_button.setEnabled(True)
        self.sign_in_error.setText("")
        if is_connection_problem(error):
            self.connect_error.setText(user_message(error))
            self._pages.setCurrentIndex(0)
        else:
            self.sign_in_error.setText(user_message(error))

    def _update_strength(self) -> None:
        strength = passphrase_strength(self.passphrase.text())
        self.strength.setValue(strength.score)
        self.advice.setText(strength.advice)
        matches = self.passphrase.text() == self.confirm.text()
        self.passphrase_error.setText(
            "" if matches or not self.confirm.text() else "The two passphrases differ."
        )
        self.set_button.setEnabled(strength.acceptable and matches)

    def _set_passphrase(self) -> None:
        chosen = self.passphrase.text()
        self.set_button.setEnabled(False)
        self._worker.call(
            lambda b: b.set_passphrase(chosen), self._passphrase_set, self._passphrase_failed
        )

    def _passphrase_set(self, _none: None) -> None:
        self.passphrase.clear()
        self.confirm.clear()
        self._pages.setCurrentIndex(3)
        self._first_sync()

    def _passphrase_failed(self, error: BaseException) -> None:
        """Creating the vault also redeems the code: refusals send the volunteer back."""
        self._update_strength()  # re-enables the button; then say what went wrong
        if is_connection_problem(error):
            self.connect_error.setText(user_message(error))
            self._pages.setCurrentIndex(0)
        elif is_sign_in_refusal(error):
            self.sign_in_error.setText(user_message(error))
            self._pages.setCurrentIndex(1)
        else:
            self.passphrase_error.setText(user_message(error))

    def _first_sync(self) -> None:
        self.retry_button.hide()
        self.sync_error.setText("")
        self.sync_count.setText("Connecting…")
        self._worker.progress.connect(self._on_progress)
        report = self._worker.report_progress
        self._worker.call(lambda b: b.sync_now(report), self._synced, self._sync_failed)

    def _on_progress(self, progress: object) -> None:
        if isinstance(progress, SyncProgress):
            self.sync_bar.setRange(0, max(1, progress.items_total))
            self.sync_bar.setValue(progress.items_done)
            self.sync_count.setText(_cases_text(progress.cases_received))

    def _synced(self, outcome: SyncOutcome) -> None:
        self._worker.progress.disconnect(self._on_progress)
        self.sync_bar.setValue(self.sync_bar.maximum())
        self.sync_count.setText(_cases_text(outcome.cases_received) + " Your cases are ready.")
        self.open_button.setEnabled(True)
        self.open_button.setFocus()

    def _sync_failed(self, error: BaseException) -> None:
        self._worker.progress.disconnect(self._on_progress)
        self.sync_error.setText(user_message(error))
        self.retry_button.show()


def _cases_text(count: int) -> str:
    return f"{count} case{'s' if count != 1 else ''} received."


def _page(page: QWidget, title: str, *parts: object) -> QWidget:
    layout = QVBoxLayout(page)
    step = message_label("Step")
    step.setText(title)
    layout.addWidget(step)
    for part in parts:
        if isinstance(part, QWidget):
            layout.addWidget(part)
        else:
            layout.addLayout(part)  # type: ignore[arg-type]
    layout.addStretch()
    return page
