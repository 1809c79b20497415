"""The attention panel speaks plainly: a case the office took away leaves a one-line notice
naming it, which "Understood" clears. Real vault, real store on loopback, driven from the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central import casework
from erms_desktop.central.models import User
from erms_desktop.demo.account import DEMO_USERNAME
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.service.desktop import DesktopService
from tests.gui.real_session import session
from tests.service.office import Office

__all__ = ["session"]  # the fixture


def test_a_case_taken_away_is_said_in_one_line_and_understood(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService], office: Office
) -> None:
    window, _service = session
    panel = window.case_list.attention
    case_id = office.central.volunteer_cases()[0]
    with office.central.session() as s:
        user_id = s.scalars(select(User.id).where(User.username == DEMO_USERNAME)).one()  # type: ignore[attr-defined]
        casework.deallocate(s, user_id, case_id)  # type: ignore[arg-type]
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled, timeout=15000)
    qtbot.mouseClick(window.sync_bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.items.count() == 1, timeout=15000)
    assert window.case_list.model.rowCount() == 6
    text = panel.items.item(0).text()
    assert text.startswith("Case removed\nERMS-")
    assert text.endswith(
        "was removed from this laptop: the office took it off your list. Nothing of yours was "
        "waiting to be sent."
    )
    assert panel.empty.text() == "1 item needs your attention."
    [understood] = panel._buttons
    assert understood.text() == "Understood"
    qtbot.mouseClick(understood, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.items.count() == 0, timeout=10000)
    assert panel.empty.text() == "Nothing needs your attention."
