"""The office window: office mode's screens as tabs, who is signed in, and sign-out.

Screens plug in with :meth:`OfficeWindow.add_screen`. A screen makes its calls through
``window.worker`` (an :class:`~erms_desktop.gui.worker.OfficeWorker` over the signed-in
:class:`~erms_desktop.service.office.session.OfficeSession`), never on the GUI thread, and
reports with :meth:`OfficeWindow.show_message` / :meth:`OfficeWindow.show_problem`. Nothing a
screen shows is kept once the window closes: office mode writes nothing to disk.

Keyboard: Ctrl+1 to Ctrl+9 open the screens in order, Ctrl+Tab / Ctrl+Shift+Tab step through
them, Ctrl+Shift+Q signs out.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from erms_desktop.gui.widgets import named
from erms_desktop.gui.worker import OfficeWorker
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.messages import user_message
from erms_desktop.service.office.session import OfficeAccount

TITLE = "ERMS Desktop - Office"
_ROLE_WORDS = {"staff": "office staff", "admin": "administrator"}


class OfficeWindow(QMainWindow):
    """Emits ``signed_out`` once the session has ended, either way: ``True`` if the user chose
    "Sign out" (back to the first screen), ``False`` if they closed the window (quit)."""

    signed_out = Signal(bool)

    def __init__(
        self,
        worker: OfficeWorker,
        account: OfficeAccount,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{TITLE} (demo)" if demo else TITLE)
        named(self, "ERMS office window")
        self.worker = worker
        self.account = account
        self._ended = False
        self.tabs = named(QTabWidget(), "Office screens")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        role = _ROLE_WORDS.get(account.role.value, account.role.value)
        self.who = named(QLabel(f"Signed in as {account.username} ({role})"), "Signed in as")
        self.statusBar().addPermanentWidget(self.who)
        named(self.statusBar(), "Status bar")
        self.worker.busy_changed.connect(self._busy)
        self._build_menus()
        self.show_message(f"Session open until {uk_datetime(account.session_expires)}.")

    # -- the public API for screens -------------------------------------------------------------
    def add_screen(self, title: str, widget: QWidget) -> int:
        """Add a screen as a tab named ``title`` (an ``&`` marks its Alt key) and return its
        index. The widget gets ``title`` as its accessible name if it has none yet."""
        if not widget.accessibleName():
            named(widget, title.replace("&", ""))
        index = self.tabs.addTab(widget, title)
        if index < 9:
            action = QAction(f"Go to {title.replace('&', '')}", self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.show_screen(i))
            self.addAction(action)
            self.screens_menu.addAction(action)
        return index

    def show_screen(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        current = self.tabs.currentWidget()
        if current is not None:
            current.setFocus()

    def screen_titled(self, title: str) -> QWidget | None:
        """The screen added under ``title`` (without its ``&``), or None."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title.replace("&", ""):
                return self.tabs.widget(index)
        return None

    def show_message(self, text: str) -> None:
        """A plain-English line in the status bar (never case content)."""
        self.statusBar().showMessage(text)

    def show_problem(self, error: BaseException) -> None:
        """Say what went wrong; an ended session asks for sign-in again by signing out."""
        from erms_desktop.service.errors import SignInNeeded

        self.show_message(user_message(error))
        if isinstance(error, SignInNeeded):
            self.sign_out()

    # -- signing out ------------------------------------------------------------------------
    def sign_out(self) -> None:
        """End the session and go back to the first screen."""
        self._end(back_to_start=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end(back_to_start=False)
        event.accept()

    def _end(self, *, back_to_start: bool) -> None:
        if self._ended:
            return
        self._ended = True
        self.worker.call(lambda s: s.sign_out(), quiet=True)
        self.worker.invalidate()  # answers still on their way are for a closed window
        self.signed_out.emit(back_to_start)
        if back_to_start:
            self.close()

    # -- chrome -------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = named(self.menuBar(), "Menu bar")
        office = named(bar.addMenu("&Office"), "Office menu")
        self.sign_out_action = QAction("&Sign out", self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.triggered.connect(self.sign_out)
        self.addAction(self.sign_out_action)
        office.addAction(self.sign_out_action)
        self.screens_menu = named(bar.addMenu("S&creens"), "Screens menu")

    def _busy(self, busy: bool) -> None:
        if busy:
            self.show_message("Working…")
        elif self.statusBar().currentMessage() == "Working…":
            self.statusBar().clearMessage()
