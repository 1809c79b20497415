"""The main window and the session it runs: which screen shows, unlocking, locking, syncing.

Every call to the desktop service goes through the one ``ServiceWorker``; this class only
reacts to results.
The window title never changes with the case shown (no case data in titles or task bars).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
)

from erms_desktop.gui.capture import capture_exclusion_supported, set_capture_excluded
from erms_desktop.gui.case_list import CaseList
from erms_desktop.gui.case_workspace.hook import CaseOpener
from erms_desktop.gui.clipboard import ClipboardGuard
from erms_desktop.gui.damaged_vault import ask_to_wipe
from erms_desktop.gui.dialogs import SecretChangeDialog
from erms_desktop.gui.locking import IdleWatcher, LockKey, SessionWatcher
from erms_desktop.gui.mass_removal import KEPT, NOT_TOLD, MassRemovalDialog
from erms_desktop.gui.status import SyncStatusBar, unsent_notice
from erms_desktop.gui.unlock import UnlockScreen
from erms_desktop.gui.widgets import named
from erms_desktop.gui.worker import ServiceWorker
from erms_desktop.service.errors import MassRemovalHeld, SignInNeeded, VaultDamaged
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.messages import user_message
from erms_desktop.service.models import (
    AccountInfo,
    AttentionItem,
    CaseRow,
    NoteSearchResult,
    ResolveAction,
    SyncOutcome,
    SyncOverview,
    SyncProgress,
    UnlockInfo,
)
from erms_desktop.service.policy import password_expiry_warning

if TYPE_CHECKING:
    from erms_desktop.gui.enrolment import EnrolmentWizard
    from erms_desktop.gui.office.launch import OfficeLauncher
    from erms_desktop.service.desktop import DesktopService
    from erms_desktop.service.office.session import OfficeSession

TITLE = "ERMS Desktop"


class MainWindow(QMainWindow):
    screen_shown = Signal(str)  # "enrolment", "unlock" or "workspace"
    local_change = Signal()  # a save added changes waiting to sync
    sync_finished = Signal(object)  # None, or the error the sync ended with
    office_opened = Signal(object)  # the office window, once office staff have signed in

    def __init__(
        self,
        worker: ServiceWorker,
        *,
        demo: bool = False,
        today: date | None = None,
        warm_up: bool = True,
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{TITLE} (demo)" if demo else TITLE)
        named(self, "ERMS Desktop main window")
        self.worker = worker
        self._demo = demo
        self.office: OfficeLauncher | None = None  # office mode, while it is open
        self._today = today
        self._warm_up = warm_up  # off for --smoke-test, which only needs the first screen
        self.unlocked = False
        self.clipboard = ClipboardGuard(parent=self)
        self.idle = IdleWatcher(parent=self)
        self.idle.idle.connect(self.lock_automatically)
        self.session_watcher = SessionWatcher(self)
        self.session_watcher.session_locked.connect(self.lock_automatically)
        self.lock_key = LockKey(parent=self)  # Ctrl+L in the editor and in dialogs too
        self.lock_key.pressed.connect(self.lock)
        self.syncing = False
        self._automatic = False  # whether the sync under way was started by the schedule
        self._pending: int | None = None  # changes waiting, as last read (None: not yet)
        self._reopen: str | None = None  # the case open when the laptop locked
        self._quitting = False

        self.stack = named(QStackedWidget(), "Screens")
        self.loading = named(QLabel("Starting…"), "Starting")
        self.unlock_screen = UnlockScreen()
        self.unlock_screen.unlock_requested.connect(self._unlock)
        self.unlock_screen.wipe_requested.connect(self._offer_wipe)
        self.unlock_screen.checkin_requested.connect(self.check_in)
        self.unlock_screen.office_requested.connect(self.open_office)
        self._damage: VaultDamaged | None = None  # what the last unlock found, if damaged
        self.case_list = CaseList(self.clipboard)
        self.case_list.search_requested.connect(self._search)
        self.case_list.change_password_requested.connect(self.change_central_password)
        self.case_list.attention.resolve_requested.connect(self._resolve)
        self.enrolment: EnrolmentWizard | None = None  # built only on a new laptop
        for screen in (self.loading, self.unlock_screen, self.case_list):
            self.stack.addWidget(screen)
        self.setCentralWidget(self.stack)
        self.stack.currentChanged.connect(lambda _i: self.statusBar().clearMessage())
        self.case_opener = CaseOpener(self)  # the case list opens the case workspace

        self.sync_bar = SyncStatusBar()
        self.sync_bar.sync_requested.connect(self.sync_now)
        self.statusBar().addPermanentWidget(self.sync_bar)  # leaves room for messages
        named(self.statusBar(), "Status bar")
        self.worker.progress.connect(self._on_progress)
        self.worker.settled.connect(self._reread_status)
        self._build_menus()
        self._set_unlocked(False)

    # -- menus -------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work whichever screen has focus
        return action

    def _build_menus(self) -> None:
        bar = named(self.menuBar(), "Menu bar")
        file_menu = named(bar.addMenu("&File"), "File menu")
        self.lock_action = self._action("&Lock", self.lock, "Ctrl+L")
        self.lock_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # LockKey has it
        self.sync_action = self._action(
            "&Sync now", self.sync_now, QKeySequence.StandardKey.Refresh
        )
        file_menu.addActions([self.lock_action, self.sync_action])
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        account = named(bar.addMenu("&Account"), "Account menu")
        self.password_action = self._action(
            "Change office &password…", self.change_central_password
        )
        self.passphrase_action = self._action("Change local pass&phrase…", self.change_passphrase)
        self.checkin_action = self._action("Check &in this laptop…", self.check_in)
        account.addActions([self.password_action, self.passphrase_action])
        account.addSeparator()
        account.addAction(self.checkin_action)
        view = named(bar.addMenu("&View"), "View menu")
        self.capture_action = self._action("Hide window from screen &capture", self._toggle_capture)
        self.capture_action.setCheckable(True)
        self.capture_action.setEnabled(capture_exclusion_supported())
        if not capture_exclusion_supported():
            self.capture_action.setToolTip("Not available on this operating system")
        view.addAction(self.capture_action)

    def _toggle_capture(self, checked: bool) -> None:
        self.capture_action.setChecked(set_capture_excluded(self, checked) and checked)

    # -- start-up ----------------------------------------------------------------------------
    def start(self) -> None:
        self.stack.setCurrentWidget(self.loading)
        self.worker.call(lambda b: b.unlock_info(), self._first_screen, self._fatal)
        self.session_watcher.start(int(self.winId()))

    def _first_screen(self, info: UnlockInfo) -> None:
        if info.enrolled:
            self._show_unlock(info)
            if self._warm_up:
                self.worker.call(lambda b: b.warm_up(), self._warmed_up, self._fatal)
            return
        from erms_desktop.gui.enrolment import EnrolmentWizard

        self.enrolment = EnrolmentWizard(self.worker)
        self.enrolment.completed.connect(self._enrolment_done)
        self.enrolment.office_requested.connect(self.open_office)
        self.stack.addWidget(self.enrolment)
        self.stack.setCurrentWidget(self.enrolment)
        self.enrolment.server.setFocus()
        if info.default_server_url:  # as the installer recorded it: the code comes next
            self.enrolment.server.setText(info.default_server_url)
            self.enrolment.code.setFocus()
        self.screen_shown.emit("enrolment")
        self.worker.call(lambda b: b.check_in_past_the_shred(), self._finish_check_in, quiet=True)

    def _finish_check_in(self, interrupted: bool) -> None:
        """A check-in stopped after the office store held everything, and the vault is already
        shredded: the wizard opens so a member of staff can sign in and finish it."""
        if interrupted and self.enrolment is not None:
            self.check_in()
            self.checkin_wizard.finish_interrupted()

    def _warmed_up(self, _none: None) -> None:
        if not self.unlocked:
            self.worker.call(lambda b: b.unlock_info(), self.unlock_screen.show_info)

    def _fatal(self, error: BaseException) -> None:
        self.loading.setText(user_message(error))

    def _enrolment_done(self) -> None:
        # The wizard left the vault open after the first sync: go straight to the cases.
        if self.enrolment is not None:
            self.stack.removeWidget(self.enrolment)
            self.enrolment.deleteLater()
            self.enrolment = None
        self.worker.call(lambda b: b.unlock_info(), lambda _i: None)
        self._opened(None)

    # -- office mode -------------------------------------------------------------------------
    def open_office(self) -> None:
        """Office staff sign-in, from the first screen: office mode opens no vault."""
        if self.office is not None or self.unlocked:
            return
        self.worker.call(lambda b: b.office_session(), self._office_session, self._fatal)

    def _office_session(self, session: OfficeSession) -> None:
        from erms_desktop.gui.office.launch import OfficeLauncher

        self.office = OfficeLauncher(session, self, demo=self._demo)
        self.office.opened.connect(self.office_opened)
        self.office.finished.connect(self._office_closed)
        self.office.start()
        self.screen_shown.emit("office sign-in")

    def _office_closed(self, back_to_start: bool) -> None:
        self.office = None
        if not back_to_start:
            self.close()
            return
        self.show()
        self.activateWindow()
        current = self.stack.currentWidget()
        if current is self.unlock_screen:
            self.unlock_screen.passphrase.setFocus()
        elif current is not None:
            current.setFocus()

    # -- unlock and lock ---------------------------------------------------------------------
    def _show_unlock(self, info: UnlockInfo) -> None:
        self.unlock_screen.show_info(info)
        self.unlock_screen.reset()
        self.stack.setCurrentWidget(self.unlock_screen)
        self.unlock_screen.passphrase.setFocus()
        self.screen_shown.emit("unlock")

    def _unlock(self, passphrase: str) -> None:
        self.worker.call(lambda b: b.unlock(passphrase), self._opened, self._unlock_failed)

    def _unlock_failed(self, error: BaseException) -> None:
        self._damage = error if isinstance(error, VaultDamaged) else None
        self.unlock_screen.show_error(user_message(error), offer_wipe=self._damage is not None)

    def _offer_wipe(self) -> None:
        if self._damage is not None:
            ask_to_wipe(self, self._damage, self._wipe)

    def _wipe(self) -> None:
        self.unlock_screen.set_busy(True)
        self.worker.call(
            lambda b: b.wipe_damaged_vault(),
            lambda _none: self._start_again(),
            lambda e: self.unlock_screen.show_error(user_message(e)),
        )

    def _start_again(self) -> None:
        """After a wipe there is no vault: the first screen is enrolment again."""
        self._damage = None
        self.worker.call(lambda b: b.unlock_info(), self._first_screen, self._fatal)

    def _opened(self, account: AccountInfo | None) -> None:
        self._set_unlocked(True)
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.table.setFocus()
        if account is not None:
            self._warn_password(account)
        self.refresh()
        self.screen_shown.emit("workspace")
        reopen, self._reopen = self._reopen, None
        if reopen is not None:  # back to the case the volunteer was in when it locked
            self.case_opener.open(reopen)

    def _warn_password(self, account: AccountInfo) -> None:
        days = password_expiry_warning(account.password_expires, self._today or date.today())
        text = None
        if days is not None:
            text = (
                f"Your office password expires on {uk_date(account.password_expires)} "
                f"({days} day{'s' if days != 1 else ''} from now). "
                "Change it now to avoid being locked out."
            )
        self.case_list.show_password_warning(text)

    def lock_automatically(self) -> None:
        """Idle time or the screen lock: the unlock screen says why ERMS locked."""
        self._lock(automatic=True)

    def lock(self) -> None:
        """The volunteer locked (Ctrl+L anywhere, or File ▸ Lock)."""
        self._lock(automatic=False)

    def _lock(self, *, automatic: bool) -> None:
        """Hide all case data at once; on the worker, open editors keep their drafts, a last sync
        is tried if changes wait, and the vault closes."""
        if not self.unlocked:
            return
        current = self.case_opener.current
        self._reopen = current.case_id if current is not None else None
        self.worker.invalidate()
        for dialog in self.findChildren(QDialog):
            dialog.reject()  # the note editor saves its draft first (queued before the lock)
        self.case_list.clear()
        self.clipboard.clear_if_ours()
        self._set_unlocked(False)
        self.unlock_screen.reset("ERMS locked itself to protect your cases." if automatic else "")
        self.stack.setCurrentWidget(self.unlock_screen)
        self.worker.call(lambda b: b.lock_after_last_sync(), self._locked, self._locked)
        self.worker.call(lambda b: b.unlock_info(), self.unlock_screen.show_info)
        self.screen_shown.emit("unlock")

    def _locked(self, left: object) -> None:
        """Say plainly what stayed on the laptop; when quitting, close once it is said."""
        text = unsent_notice(left if isinstance(left, int) else None)
        if text:
            self.unlock_screen.show_notice(text)
        if self._quitting:
            if not text:
                self.close()
                return
            box = QMessageBox(QMessageBox.Icon.Information, TITLE, text, parent=self)
            named(box, "Unsent changes")
            box.finished.connect(lambda _r: self.close())
            self.unsent_box = box
            box.open()

    def _set_unlocked(self, unlocked: bool) -> None:
        self.unlocked = unlocked
        for action in (
            self.lock_action,
            self.sync_action,
            self.password_action,
            self.passphrase_action,
        ):
            action.setEnabled(unlocked)
        if unlocked:
            self.idle.start()
        else:
            self.idle.stop()
            self.sync_bar.clear()
            self.syncing = False
            self._pending = None

    # -- case data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        call = self.worker.call
        call(lambda b: b.list_cases(), self._cases_loaded, self._show_problem, quiet=True)
        call(lambda b: b.attention_items(), self._attention_loaded, self._show_problem, quiet=True)
        self._reread_status()

    def _reread_status(self) -> None:
        """After every save and sync: the counts in the status bar follow at once."""
        if self.unlocked:
            self.worker.call(lambda b: b.status(), self._status_loaded, quiet=True)

    def _cases_loaded(self, cases: list[CaseRow]) -> None:
        self.case_list.set_cases(cases)

    def _attention_loaded(self, items: list[AttentionItem]) -> None:
        self.case_list.attention.show_items(items)

    def _status_loaded(self, status: SyncOverview) -> None:
        if self._pending is not None and status.pending > self._pending:
            self.local_change.emit()
        if self._pending is not None and status.pending != self._pending:
            self.worker.call(lambda b: b.list_cases(), self._cases_loaded, quiet=True)  # marks
        self._pending = status.pending
        if not self.syncing:
            self.sync_bar.show_status(status)
            self.sync_bar.sync_button.setEnabled(True)

    def _search(self, query: str) -> None:
        self.worker.call(lambda b: b.search_notes(query), self._hits_loaded, self._show_problem)

    def _hits_loaded(self, hits: list[NoteSearchResult]) -> None:
        self.case_list.show_note_hits(hits)

    def _resolve(self, item_id: str, action: ResolveAction) -> None:
        self.worker.call(
            lambda b: b.resolve(item_id, action), lambda _n: self.refresh(), self._show_problem
        )

    def _show_problem(self, error: BaseException) -> None:
        self.statusBar().showMessage(user_message(error), 10_000)

    # -- sync --------------------------------------------------------------------------------
    def sync_now(self, *, automatic: bool = False, confirm_removal: bool = False) -> None:
        """One sync at a time: a request while one is queued or running is dropped (the
        automatic schedule starts again from its end). ``confirm_removal``: the volunteer agreed
        to a held mass removal."""
        if not self.unlocked or self.syncing:
            return
        self.syncing = True
        self._automatic = automatic
        self.sync_bar.set_syncing(True)
        report = self.worker.report_progress

        def job(b: DesktopService) -> SyncOutcome:
            return b.confirm_mass_removal(report) if confirm_removal else b.sync_now(report)

        self.worker.call(job, self._synced, self._sync_failed)

    def _on_progress(self, progress: object) -> None:
        if self.unlocked and isinstance(progress, SyncProgress):
            self.sync_bar.show_progress(progress)

    def _synced(self, outcome: SyncOutcome) -> None:
        self.syncing = False
        self.sync_bar.set_syncing(False)
        self.refresh()
        if not self._automatic:
            self.statusBar().showMessage("Sync finished.", 5_000)
        self.sync_finished.emit(None)

    def _sync_failed(self, error: BaseException) -> None:
        self.syncing = False
        self.sync_bar.set_syncing(False)
        self._reread_status()
        self._show_problem(error)
        self.worker.call(lambda b: b.unlock_info(), lambda i: self._withdrawn(i, error), quiet=True)
        self.sync_finished.emit(error)
        if isinstance(error, SignInNeeded) and not self._automatic:
            self._ask_sign_in()  # never pops up by itself: Sync now asks
        if isinstance(error, MassRemovalHeld):
            self._ask_mass_removal(error)

    def _ask_mass_removal(self, held: MassRemovalHeld) -> None:
        """Nothing leaves until the volunteer has seen which cases would go and agreed."""
        dialog = MassRemovalDialog(held, parent=self)
        dialog.confirmed.connect(lambda: self.sync_now(confirm_removal=True))
        dialog.kept.connect(lambda: self._tell_office_kept(held))
        self.mass_removal = dialog
        dialog.open()

    def _tell_office_kept(self, held: MassRemovalHeld) -> None:
        self.statusBar().showMessage("Telling the office the cases are kept…")
        self.worker.call(
            lambda b: b.tell_office_kept(held),
            lambda _none: self.statusBar().showMessage(KEPT),
            lambda e: self.statusBar().showMessage(NOT_TOLD.format(reason=user_message(e))),
        )

    def _withdrawn(self, info: UnlockInfo, error: BaseException) -> None:
        """The office withdrew this laptop and the vault is erased: nothing stays on screen."""
        if info.enrolled or not self.unlocked:
            return
        self._lock(automatic=False)
        self._first_screen(info)
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, user_message(error), parent=self)
        self.withdrawn_box = named(box, "Laptop withdrawn")
        box.open()

    def _ask_sign_in(self) -> None:
        dialog = named(QInputDialog(self), "Sign in to the office")
        dialog.setWindowTitle("Sign in to the office")
        dialog.setLabelText(user_message(SignInNeeded()))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(
            lambda password: self.worker.call(
                lambda b: b.sign_in(password), lambda _n: self.sync_now(), self._show_problem
            )
        )
        dialog.open()  # builds its controls; name them for screen readers
        for child in dialog.findChildren(QLineEdit):
            named(child, "Office password")
        for button in dialog.findChildren(QPushButton):
            named(button, button.text().replace("&", "") or "Button")

    # -- account -----------------------------------------------------------------------------
    def change_central_password(self) -> None:
        dialog = SecretChangeDialog(
            "Change office password", "password", guide_strength=False, parent=self
        )
        dialog.change_requested.connect(
            lambda cur, new: self._run_change(dialog, lambda b: b.change_central_password(cur, new))
        )
        dialog.accepted.connect(lambda: self.case_list.show_password_warning(None))
        dialog.open()

    def change_passphrase(self) -> None:
        dialog = SecretChangeDialog(
            "Change local passphrase", "passphrase", guide_strength=True, parent=self
        )
        dialog.change_requested.connect(
            lambda cur, new: self._run_change(dialog, lambda b: b.change_passphrase(cur, new))
        )
        dialog.open()

    def _run_change(
        self, dialog: SecretChangeDialog, job: Callable[[DesktopService], None]
    ) -> None:
        self.worker.call(job, lambda _n: dialog.done_ok(), lambda e: dialog.failed(user_message(e)))

    # -- check-in (office staff, on a returned laptop) ----------------------------------------
    def check_in(self) -> None:
        """The check-in wizard; from an unlocked window the laptop locks first, so nothing of
        the volunteer's stays on screen and no sync runs beside the check-in."""
        from erms_desktop.gui.checkin_wizard import CheckInWizard

        self.lock()
        wizard = CheckInWizard(self.worker, parent=self)
        wizard.checked_in.connect(self._start_again)
        self.checkin_wizard = wizard
        wizard.open()

    # -- exit --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting with changes waiting tries a last sync and says what stays on the laptop
        before the window goes."""
        if self.unlocked and self._pending:
            self._quitting = True
            self.lock()
            event.ignore()
            return
        self.lock()
        self.clipboard.clear_if_ours()
        event.accept()
