"""A held mass removal, end to end against the real central store: the office takes every case
from the demo volunteer; the laptop removes nothing until the volunteer has seen the cases by
reference and confirmed, or keeps them and the store records, for the office, which cases this
laptop kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from erms_desktop.central import audit, casework, held_removals
from erms_desktop.central.models import User
from erms_desktop.demo.account import DEMO_USERNAME
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.mass_removal import KEPT, MassRemovalDialog
from erms_desktop.service.desktop import DesktopService
from tests.gui.real_session import session
from tests.service.office import Office

__all__ = ["session"]  # the fixture


def take_every_case(office: Office) -> None:
    with office.central.session() as s:
        user_id = s.scalars(select(User.id).where(User.username == DEMO_USERNAME)).one()  # type: ignore[attr-defined]
        for case_id in office.central.volunteer_cases():
            casework.deallocate(s, user_id, case_id)  # type: ignore[arg-type]


def held_dialog(qtbot: QtBot, window: MainWindow) -> MassRemovalDialog:
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled, timeout=15000)
    qtbot.mouseClick(window.sync_bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: asked(window) is not None, timeout=15000)
    dialog = asked(window)
    assert dialog is not None
    return dialog


def asked(window: MainWindow) -> MassRemovalDialog | None:
    shown = [d for d in window.findChildren(MassRemovalDialog) if d.isVisible()]
    return shown[0] if shown else None


def test_the_volunteer_sees_the_cases_by_reference_and_confirms(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService], office: Office
) -> None:
    window, _service = session
    references = sorted(row.service_reference for row in window.case_list.model._cases)
    take_every_case(office)
    dialog = held_dialog(qtbot, window)
    assert window.case_list.model.rowCount() == 7  # nothing removed yet
    listed = [dialog.cases.item(i).text() for i in range(dialog.cases.count())]
    assert sorted(line.split(":")[0] for line in listed) == references
    assert all(line.endswith("records") for line in listed)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.case_list.model.rowCount() == 0, timeout=15000)


def test_keeping_them_removes_nothing_and_tells_the_office(
    qtbot: QtBot, session: tuple[MainWindow, DesktopService], office: Office
) -> None:
    window, _service = session
    kept = sorted(row.case_id for row in window.case_list.model._cases)
    take_every_case(office)
    dialog = held_dialog(qtbot, window)
    assert dialog.keep_button.isDefault()
    assert dialog.keep_button.text() == "&Keep them and tell the office"
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == KEPT, timeout=15000)
    with office.central.session() as s:
        volunteer = s.scalars(select(User.id).where(User.username == DEMO_USERNAME)).one()  # type: ignore[attr-defined]
        [notice] = held_removals.notices(s, audit.OPERATOR)  # type: ignore[arg-type]
    assert notice.user_id == volunteer
    assert sorted(notice.case_ids) == kept
    assert notice.detail.startswith("kept ")
    window.sync_now()  # asked again: still nothing removed
    qtbot.waitUntil(lambda: asked(window) is not None, timeout=15000)
    assert window.case_list.model.rowCount() == 7
