"""The unlocked workspace: sync status and progress, attention items, search and filters,
clipboard hygiene, password expiry and the change dialogs."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from erms_desktop.domain.enums import WorkflowStage
from erms_desktop.gui.case_model import CASE_ROLE, PEOPLE_COLUMN, SYNC_COLUMN
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.gui.dialogs import SecretChangeDialog
from erms_desktop.service.errors import SignInNeeded
from erms_desktop.service.models import SyncProgress
from tests.gui.conftest import NOW, StartWindow, unlock
from tests.gui.fake_service import DEMO_PASSPHRASE, DEMO_PASSWORD, FakeService


def test_sync_now_shows_progress_then_the_new_status(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    bar = window.sync_bar
    qtbot.waitUntil(lambda: bar.connection.text() == "Online")
    assert bar.pending.text() == "6 changes waiting to sync"
    assert "02/11/2026" in bar.last_sync.text()
    enrolled_backend.sync_step_delay = 0.01
    seen: list[SyncProgress] = []
    window.worker.progress.connect(seen.append)
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_F5)
    assert bar.connection.text() == "Syncing…"
    assert bar.progress.isVisibleTo(window)
    assert not bar.sync_button.isEnabled()
    qtbot.waitUntil(lambda: bar.progress.value() > 0)
    qtbot.waitUntil(lambda: bar.pending.text() == "0 changes waiting to sync", timeout=5000)
    assert not bar.progress.isVisibleTo(window)
    assert bar.connection.text() == "Online"
    assert seen[-1].items_done == seen[-1].items_total == 52  # 50 cases and 2 mediations
    assert window.case_list.model.rowCount() == 52


def test_sync_when_offline_says_offline(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    enrolled_backend.online = False
    # Wait for the sync itself: a status read queued at unlock can show "Offline" before it ends.
    with qtbot.waitSignal(window.sync_finished):
        qtbot.mouseClick(window.sync_bar.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_bar.connection.text() == "Offline")
    assert "could not reach" in window.statusBar().currentMessage()
    assert window.sync_bar.pending.text() == "6 changes waiting to sync"
    assert window.sync_bar.sync_button.isEnabled()


def test_resolving_an_attention_item(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    panel = window.case_list.attention
    qtbot.waitUntil(lambda: panel.items.count() == 2)
    assert panel.items.item(0).text().startswith("Conflict")
    keep_mine = [b for b in panel._buttons if b.text() == "Keep my version"]
    assert len(keep_mine) == 1
    qtbot.mouseClick(keep_mine[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.items.count() == 1)
    assert panel.items.item(0).text().startswith("Kept for the office")
    assert "resolve" in {name for name, _ in enrolled_backend.calls}
    qtbot.waitUntil(lambda: window.sync_bar.attention.text() == "1 need attention")


def test_note_search_and_filters(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    ws = window.case_list
    qtbot.keyClicks(ws.search, "apology")
    qtbot.waitUntil(lambda: ws.results.count() > 0)
    assert all("apology" in ws.results.item(i).text().casefold() for i in range(ws.results.count()))
    # No reference says "apology": the cases listed are those whose notes matched.
    hit_cases = {
        ws.results.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(ws.results.count())
    }
    listed = {
        ws.filter.data(ws.filter.index(r, 0), CASE_ROLE).case_id
        for r in range(ws.filter.rowCount())
    }
    assert listed == hit_cases
    ws.search.clear()
    ws.stage.setCurrentIndex(ws.stage.findData(WorkflowStage.PREPARATION.value))
    stages = {ws.filter.index(r, 1).data() for r in range(ws.filter.rowCount())}
    assert stages == {"Preparation"}
    ws.stage.setCurrentIndex(0)
    ws.pending_only.setChecked(True)
    assert ws.filter.rowCount() == 6
    assert ws.case_count.text() == "Showing 6 of 52 cases"


def test_copied_reference_is_cleared_only_if_unchanged(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    guard = ClipboardGuard(clear_after_ms=150)
    guard.copy("RJ-2026-1001")
    assert clipboard.text() == "RJ-2026-1001"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)
    guard.copy("RJ-2026-1002")
    clipboard.setText("the volunteer's own text")
    qtbot.wait(400)
    assert clipboard.text() == "the volunteer's own text"


def test_ctrl_c_in_the_case_list_uses_the_guard(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    window.clipboard._timer.setInterval(150)
    unlock(qtbot, window)
    window.case_list.table.selectRow(0)
    reference = window.case_list.selected_case().service_reference  # type: ignore[union-attr]
    qtbot.keyClick(window.case_list.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == reference
    assert window.windowTitle() == "ERMS Desktop"  # selection never reaches the title
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)


def test_password_expiry_warning_and_change(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    enrolled_backend.password_expires = NOW.date() + timedelta(days=10)
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    ws = window.case_list
    assert ws.banner.isVisibleTo(window)
    assert "12/11/2026" in ws.banner_text.text()
    assert "10 days" in ws.banner_text.text()
    qtbot.mouseClick(ws.banner_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SecretChangeDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.current, "wrong-password-here")
    qtbot.keyClicks(dialog.new, "a brand new password")
    qtbot.keyClicks(dialog.repeat, "a brand new password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not accept" in dialog.message.text())
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not ws.banner.isVisibleTo(window)


def test_no_warning_when_expiry_is_far(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    enrolled_backend.password_expires = NOW.date() + timedelta(days=15)
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    assert not window.case_list.banner.isVisibleTo(window)


def test_changing_the_local_passphrase(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    window.passphrase_action.trigger()
    dialog = window.findChild(SecretChangeDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.current, DEMO_PASSPHRASE)
    qtbot.keyClicks(dialog.new, "weak")
    qtbot.keyClicks(dialog.repeat, "weak")
    assert not dialog.ok.isEnabled()
    for field in (dialog.new, dialog.repeat):
        field.clear()
        qtbot.keyClicks(field, "violet harbour trumpet cedar")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    window.lock()
    qtbot.waitUntil(lambda: enrolled_backend.calls[-1][0] == "unlock_info")
    unlock(qtbot, window, "violet harbour trumpet cedar")
    assert window.unlocked


def test_an_ended_office_session_asks_for_the_password_then_syncs(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    qtbot.waitUntil(window.sync_bar.sync_button.isEnabled)
    enrolled_backend.failures["sync_now"] = SignInNeeded()
    window.sync_now()
    qtbot.waitUntil(lambda: window.findChild(QInputDialog) is not None)
    dialog = window.findChild(QInputDialog)
    assert dialog is not None
    assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
    dialog.setTextValue(DEMO_PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: [n for n, _ in enrolled_backend.calls].count("sync_now") == 2)
    names = [n for n, _ in enrolled_backend.calls]
    assert names.index("sign_in") < len(names) - 1 - names[::-1].index("sync_now")
    qtbot.waitUntil(lambda: window.sync_bar.pending.text() == "0 changes waiting to sync")


def test_the_short_forms_and_marks_are_explained(
    qtbot: QtBot, start_window: StartWindow, enrolled_backend: FakeService
) -> None:
    window = start_window(enrolled_backend)
    unlock(qtbot, window)
    legend = window.case_list.legend
    assert legend.isVisible()
    assert "V = a victim file, O = an offender file" in legend.text()
    assert "● = changed here, waiting to be sent" in legend.text()
    model = window.case_list.model
    tips = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        for c in (PEOPLE_COLUMN, SYNC_COLUMN)
    ]
    assert all(tips)
