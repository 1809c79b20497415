"""Opening office mode from the first screen: the sign-in dialog, then the office window in
place of the volunteer's window, and back to the first screen after sign-out.

The office session and its worker live only as long as office mode: signing out ends the
session on the store and drops the token with the session object."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from erms_desktop.gui.office.screens import install_screens
from erms_desktop.gui.office.sign_in import OfficeSignInDialog
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.office.session import OfficeAccount, OfficeSession


class OfficeLauncher(QObject):
    """One visit to office mode. ``opened`` carries the office window once signed in;
    ``finished`` says whether to show the first screen again (True) or quit (False), and is
    emitted too (True) if the sign-in is cancelled."""

    opened = Signal(object)
    finished = Signal(bool)

    def __init__(self, session: OfficeSession, host: QWidget, *, demo: bool = False) -> None:
        super().__init__(host)
        self._host = host
        self._demo = demo
        self.worker = OfficeWorker(session, parent=self)
        self.window: OfficeWindow | None = None
        self.dialog = OfficeSignInDialog(self.worker, session.server_url, session.hint, host)
        self.dialog.finished.connect(self._dialog_closed)

    def start(self) -> None:
        self.dialog.open()

    def _dialog_closed(self, result: int) -> None:
        account = self.dialog.account
        self.dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or account is None:
            self._finish(back_to_start=True)
            return
        self._open(account)

    def _open(self, account: OfficeAccount) -> None:
        window = OfficeWindow(self.worker, account, demo=self._demo)
        install_screens(window)
        window.signed_out.connect(self._finish)
        window.resize(self._host.size())
        self.window = window
        self._host.hide()
        window.show()
        window.activateWindow()
        window.tabs.setFocus()
        self.opened.emit(window)

    def _finish(self, back_to_start: bool) -> None:
        self.worker.shutdown()  # the sign-out queued last runs first
        if self.window is not None:
            # The office window has no parent, so Python owns it: the reference is kept until
            # Qt deletes it at the top of the event loop. Dropped here, the window would be
            # deleted whenever Python's garbage collector reached it - possibly while Qt is
            # delivering an event to it, which crashes the app.
            self.window.deleteLater()
        self.finished.emit(back_to_start)
        self.deleteLater()
