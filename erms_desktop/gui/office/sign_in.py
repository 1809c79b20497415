"""The office staff's sign-in dialog: the store's address, user name and password. Signing in
runs on the office worker; the dialog stays open, saying what went wrong, until it works or the
user cancels."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.dialogs import SecretChangeDialog
from erms_desktop.gui.enrolment import check_server_address
from erms_desktop.gui.widgets import dialog_buttons, heading, message_label, named
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.messages import user_message
from erms_desktop.service.office.session import OfficeAccount

TITLE = "Office staff sign-in"


class OfficeSignInDialog(QDialog):
    """Accepted once signed in (``account`` is then set); rejected if the user cancels."""

    def __init__(
        self,
        worker: OfficeWorker,
        server_url: str | None,
        hint: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(520)
        named(self, TITLE)
        self._worker = worker
        self.account: OfficeAccount | None = None
        self.password_dialog: SecretChangeDialog | None = None  # while a change is asked for
        self.server = named(QLineEdit(server_url or "https://"), "Server address")
        self.username = named(QLineEdit(), "User name")
        self.password = named(QLineEdit(), "Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = message_label("Sign-in hint")
        self.hint.setText(hint or "")
        self.hint.setVisible(bool(hint))
        self.message = message_label("Sign-in problem")
        self.buttons, self.sign_in_button = dialog_buttons(
            self, "&Sign in", "Sign in", self._submit
        )
        form = QFormLayout()
        form.addRow("Server &address:", self.server)
        form.addRow("&User name:", self.username)
        form.addRow("&Password:", self.password)
        guidance = message_label("Office sign-in guidance")
        guidance.setText(
            "For office staff on an office computer. Office mode reads cases from the office "
            "server as you need them and keeps nothing on this computer."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(heading(TITLE))
        layout.addWidget(guidance)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.username if server_url else self.server).setFocus()

    def _submit(self) -> None:
        problem = check_server_address(self.server.text())
        if problem is None and (not self.username.text().strip() or not self.password.text()):
            problem = "Enter your user name and password."
        if problem is not None:
            self.message.setText(problem)
            return
        server, username, password = (
            self.server.text().strip(),
            self.username.text().strip(),
            self.password.text(),
        )
        self.sign_in_button.setEnabled(False)
        self.message.setText("Signing in…")
        self._worker.call(
            lambda s: s.sign_in(username, password, server), self._signed_in, self._failed
        )

    def _signed_in(self, account: OfficeAccount) -> None:
        self.password.clear()
        if account.password_change_required:
            self._ask_new_password()
            return
        self.account = account
        self.accept()

    def _ask_new_password(self) -> None:
        """An expired or reset password: the session may only change it, so office mode opens
        once it has been changed."""
        self.message.setText("Your password has expired or was reset: choose a new one.")
        change = SecretChangeDialog(
            "Change your office password", "password", guide_strength=False, parent=self
        )
        self.password_dialog = change

        def changed(account: OfficeAccount) -> None:
            change.done_ok()
            self.account = account
            self.accept()

        def requested(current: str, new: str) -> None:
            self._worker.call(
                lambda s: s.change_password(current, new),
                changed,
                lambda error: change.failed(user_message(error)),
            )

        def abandoned() -> None:
            if self.account is None:
                self._worker.call(lambda s: s.sign_out(), quiet=True)
                self.sign_in_button.setEnabled(True)
                self.message.setText("Office mode opens once your password has been changed.")

        change.change_requested.connect(requested)
        change.rejected.connect(abandoned)
        change.open()

    def _failed(self, error: BaseException) -> None:
        self.sign_in_button.setEnabled(True)
        self.message.setText(user_message(error))
        self.password.selectAll()
        self.password.setFocus()
