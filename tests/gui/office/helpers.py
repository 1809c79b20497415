"""Opening office mode from the first screen as office staff would: the button, the sign-in
dialog typed into, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
    qtbot.waitUntil(lambda: window.office is not None and window.office.dialog.isVisible())
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
