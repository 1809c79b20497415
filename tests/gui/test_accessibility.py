"""Every control on every screen has an accessible name; the keyboard reaches everything; dates
are shown the UK way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMenuBar,
    QProgressBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from erms_desktop.gui.dialogs import SecretChangeDialog
from erms_desktop.service.formatting import uk_date, uk_datetime
from tests.gui.conftest import NOW, StartWindow, unlock
from tests.gui.fake_service import FakeService

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractItemView,
    QProgressBar,
    QMenuBar,
    QMenu,
    QGroupBox,
    QTabWidget,
)
# Parts Qt builds inside a control (header views, a line edit's clear button, a combo's popup)
# a menu bar's overflow button, a tab widget's bar, a spin box's editor) are announced
# through their owner.
OWNERS = (QAbstractItemView, QLineEdit, QComboBox, QMenuBar, QTabWidget, QAbstractSpinBox)


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, CONTROLS):
            continue
        parent = widget.parentWidget()
        internal = False
        while parent is not None and parent is not root:
            if isinstance(parent, OWNERS):
                internal = True
                break
            parent = parent.parentWidget()
        if not internal and not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__}({widget.objectName()!r})")
    return missing


def test_every_control_on_every_screen_is_named(qtbot: QtBot, start_window: StartWindow) -> None:
    backend = FakeService(clock=lambda: NOW)
    window = start_window(backend)
    assert window.enrolment is not None
    assert unnamed(window) == []  # enrolment wizard, all four pages
    enrolled = FakeService(enrolled=True, clock=lambda: NOW)
    window = start_window(enrolled)
    assert unnamed(window) == []  # unlock screen (and the hidden workspace)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.case_list.attention.items.count() == 2)
    assert unnamed(window) == []  # workspace with attention actions
    window.change_passphrase()
    window.change_central_password()
    window._ask_sign_in()  # shown when the office session has ended
    dialogs = [*window.findChildren(SecretChangeDialog), *window.findChildren(QInputDialog)]
    assert len(dialogs) == 3
    for dialog in dialogs:
        assert unnamed(dialog) == []


def test_the_checker_notices_an_unnamed_control(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(QPushButton("Unnamed"))
    assert unnamed(root) == ["QPushButton('')"]


def test_keyboard_only_unlock_and_navigation(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.unlock_screen.passphrase)
    unlock(qtbot, window)  # types and presses Enter
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled)
    table = window.case_list.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.case_list.search
    chain = set()
    for _ in range(30):  # Tab moves through every workspace control
        focused = QApplication.focusWidget()
        assert focused is not None
        chain.add(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert {"Search", "Stage filter", "Waiting to sync only", "Cases", "Sync now"} <= chain


def test_uk_dates_in_the_case_list(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    model = window.case_list.model
    shown = 0
    for row in range(model.rowCount()):
        case = model.data(model.index(row, 0), Qt.ItemDataRole.UserRole + 1)
        text = model.index(row, 3).data()
        if case.next_action_due is None:
            assert text == ""
        else:
            assert text == case.next_action_due.strftime("%d/%m/%Y")
            shown += 1
    assert shown > 10


def test_uk_date_helpers() -> None:
    assert uk_date(NOW.date()) == "02/11/2026"
    assert uk_date(None) == "never"
    assert uk_datetime(NOW.replace(tzinfo=None)) == "02/11/2026 09:30"
