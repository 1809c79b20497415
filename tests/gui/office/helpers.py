"""Opening office mode from the first screen as office staff would: the button, the sign-in
dialog typed into, Enter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.office.launch import OfficeLauncher
from erms_desktop.gui.office.window import OfficeWindow


def open_sign_in(qtbot: QtBot, window: MainWindow, button_owner: object) -> OfficeLauncher:
    """Press "Office staff sign-in" (keyboard: focus it, Space) and wait for the dialog."""
    button = button_owner.office_button  # type: ignore[attr-defined]
    assert button.accessibleName() == "Office staff sign-in"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    # In demo mode the store is first prepared (the volunteer enrolled): allow for a busy machine.
    qtbot.waitUntil(
        lambda: window.office is not None and window.office.dialog.isVisible(), timeout=30000
    )
    assert window.office is not None
    return window.office


def type_sign_in(
    qtbot: QtBot, launcher: OfficeLauncher, username: str, password: str, server: str = ""
) -> None:
    dialog = launcher.dialog
    if server:
        dialog.server.clear()
        qtbot.keyClicks(dialog.server, server)
    qtbot.keyClicks(dialog.username, username)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def sign_in_to_office(
    qtbot: QtBot,
    window: MainWindow,
    button_owner: object,
    username: str,
    password: str,
    server: str = "",
) -> OfficeWindow:
    launcher = open_sign_in(qtbot, window, button_owner)
    with qtbot.waitSignal(window.office_opened, timeout=15000) as opened:
        type_sign_in(qtbot, launcher, username, password, server)
    office = opened.args[0] if opened.args else None
    assert isinstance(office, OfficeWindow)
    return office


def go_to_screen(qtbot: QtBot, window: OfficeWindow, title: str) -> QWidget:
    """Switch to the screen titled ``title`` with its own shortcut from the Screens menu (Ctrl+N,
    N its place), as a person reading the menu would; the screen is then the current tab."""
    action = next(a for a in window.screens_menu.actions() if a.text() == f"Go to {title}")
    # The offscreen platform does not give the window back its activation after a dialog
    # closes, as a desktop does: it is activated here.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, action.shortcut())
    screen = window.screen_titled(title)
    assert screen is not None
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is screen)
    return screen


D = TypeVar("D", bound=QWidget)


def when_dialog(kind: type[D], act: Callable[[D], None]) -> None:
    """Once a modal dialog of ``kind`` is up (opened by the next click), run ``act`` on it."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def press(qtbot: QtBot, widget: QWidget) -> None:
    """Activate a button from the keyboard, as a keyboard user would."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)
