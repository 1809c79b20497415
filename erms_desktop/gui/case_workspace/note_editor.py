"""The separating note editor: one note, in one party file.

As the volunteer types, mentions of the other file's participants are underlined (extra
selections, so no re-highlighting of a large document) and listed with their reason in the side
panel; each can be fixed on its own (from the list or the text's context menu) or all at once,
with words that keep the note readable. The status line, and the text's accessible description,
always say where the note stands (checking, N to fix, N to confirm, ready). Save stays disabled
until the latest scan matches the text, no blocking finding remains and every warning carries a
recorded "this is not about them". Drafts autosave, encrypted in the vault, every few seconds
while the text changes and at each pause.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeySequence,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain import Note, Participant, WarningConfirmation
from erms_desktop.domain.enums import Side
from erms_desktop.domain.separation import Finding
from erms_desktop.gui import theme
from erms_desktop.gui.case_workspace.fix_words import (
    is_name,
    replacement,
    role_words,
    state_line,
)
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.scanner import ScanResult, SeparationScanner
from erms_desktop.gui.case_workspace.style import (
    banner_style,
    local,
    original_time,
    who_map,
)
from erms_desktop.gui.widgets import announce, message_label, named
from erms_desktop.service.file_labels import side_title
from erms_desktop.service.messages import KIND_LABELS, user_message
from erms_desktop.service.notes import is_confirmed

AUTOSAVE_MS = 5_000
PAUSE_MS = 1_500
MAX_LISTED = 200
MAX_UNDERLINED = 2_000  # a pasted book full of one name must not stall the GUI


class NoteEditor(QDialog):
    saved = Signal(object)  # the final Note

    def __init__(
        self,
        runner: CaseworkRunner,
        note: Note,
        side: Side,
        other_side: Sequence[Participant],
        parent: QWidget | None = None,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        pause_ms: int = PAUSE_MS,
        original: Note | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        named(self, "Note editor")
        self._runner = runner
        self.note = note
        self._who = who_map(other_side)
        self._result = ScanResult(-1, (), ())
        self._dirty = False
        self._saving = False
        self._empty = not note.body.strip()
        self.note_side = side
        self._message = ""  # the latest draft-save news, shown after the state, never instead
        self._failed = False  # the latest news is an error (a save refused)
        self._announced = ""  # the state last spoken to screen readers
        self._build(side, original)
        self.scanner = SeparationScanner(other_side, self.text.toPlainText, parent=self)
        self.scanner.scanned.connect(self._show_findings)
        self._autosave_timer = QTimer(self, interval=autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._pause_timer = QTimer(self, singleShot=True, interval=pause_ms)
        self._pause_timer.timeout.connect(self.autosave)
        self.text.setPlainText(note.body)
        self.text.textChanged.connect(self._changed)
        self.scanner.scan_now()
        self._update_buttons()
        self.text.setFocus()  # the volunteer writes first; the time is there to correct

    def _build(self, side: Side, original: Note | None) -> None:
        title = "Amendment" if self.note.amends_note_id else "Note"
        banner = named(QLabel(f"{side_title(side)} · {title}"), "Note party file")
        banner.setStyleSheet(banner_style(side))
        self.text = named(QPlainTextEdit(), "Note text", "Write about this party only")
        self.text.setTabChangesFocus(True)  # Tab leaves the text; Ctrl+Tab types a tab
        tab = QShortcut(
            QKeySequence("Ctrl+Tab"), self.text, lambda: self.text.insertPlainText("\t")
        )
        tab.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.findings_list = named(QListWidget(), "Separation findings")
        self.findings_list.setWordWrap(True)
        self.findings_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.word = named(QComboBox(), "Replace names with", "The words a fixed name becomes")
        self.word.addItems(role_words(side))
        word_caption = QLabel("Replace names &with:")
        word_caption.setBuddy(self.word)
        self.fix_one_button = named(QPushButton("&Fix this one"), "Fix the selected mention")
        self.fix_one_button.clicked.connect(self.fix_selected)
        self.fix_button = named(QPushButton("Fix &all that must be fixed"), "Fix all mentions")
        self.fix_button.clicked.connect(self.fix_blocking)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.confirm_button = named(QPushButton("This is &not about them"), "Confirm warning")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.status = message_label("Editor status")
        self.save_button = named(QPushButton("&Save note"), "Save note")
        self.save_button.clicked.connect(self.save)
        close = named(QPushButton("&Close (keep draft)"), "Close editor")
        close.clicked.connect(self.reject)
        side_panel = QVBoxLayout()
        side_panel.addWidget(QLabel("Mentions of the other party:"))
        side_panel.addWidget(self.findings_list, 1)
        side_panel.addWidget(word_caption)
        side_panel.addWidget(self.word)
        side_panel.addWidget(self.fix_one_button)
        side_panel.addWidget(self.fix_button)
        side_panel.addWidget(self.confirm_button)
        body = QHBoxLayout()
        if original is not None:  # the note being corrected, read-only beside the new text
            body.addLayout(self._original_box(original), 3)
        body.addWidget(self.text, 3)
        body.addLayout(side_panel, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(banner)
        layout.addLayout(self._when_row())
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(900, 560)

    def _when_row(self) -> QHBoxLayout:
        """When the conversation took place: the volunteer's to set, at first when written."""
        self.when = named(QDateTimeEdit(), "Conversation took place")
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setDateTime(QDateTime(local(self.note.took_place_at or self.note.created_at)))
        self.when.dateTimeChanged.connect(lambda _t: self._changed())
        caption = QLabel("Conversation took &place:")
        caption.setBuddy(self.when)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.when)
        row.addStretch(1)
        return row

    def _original_box(self, original: Note) -> QVBoxLayout:
        self.original = named(QPlainTextEdit(original.body), "Original note")
        self.original.setReadOnly(True)
        box = QVBoxLayout()
        box.addWidget(QLabel(f"Original note, {original_time(original)}:"))
        box.addWidget(self.original, 1)
        return box

    def _revised(self) -> Note:
        """The note as the editor shows it: its text and when the conversation took place."""
        taken = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        return self.note.revise(self.text.toPlainText(), taken)

    # -- scanning ----------------------------------------------------------------------------
    def _changed(self) -> None:
        self._dirty = True
        self.scanner.text_changed()
        if not self._autosave_timer.isActive():
            self._autosave_timer.start()
        self._pause_timer.start()
        self._update_buttons()

    def _show_findings(self, result: ScanResult) -> None:
        self._result = result
        self._empty = not self.text.toPlainText().strip()  # the scan is the time to look
        self._underline()
        self.findings_list.clear()
        for finding in result.findings[:MAX_LISTED]:
            self.findings_list.addItem(self._describe(finding))
        if len(result.findings) > MAX_LISTED:
            self.findings_list.addItem(f"…and {len(result.findings) - MAX_LISTED} more")
        self._update_buttons()

    def _describe(self, finding: Finding) -> QListWidgetItem:
        what = KIND_LABELS.get(finding.kind.value, finding.kind.value)
        who = self._who.get(finding.participant_id, "the other party")
        if finding.blocking:
            text = f"Must fix: {what} of {who}"
        elif is_confirmed(self.note, finding):
            text = f"Confirmed not about them: {what} of {who}"
        else:
            text = f"Check: possibly {what} of {who}"
        item = QListWidgetItem(f"{text} - “{finding.text}”")
        item.setForeground(QColor("#b00020" if finding.blocking else "#8a5a00"))
        return item

    def _underline(self) -> None:
        selections = []
        pairs = zip(self._result.findings, self._result.spans, strict=True)
        for finding, (start, end) in itertools.islice(pairs, MAX_UNDERLINED):
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#d00000" if finding.blocking else "#d08000"))
            fmt.setBackground(QColor("#ffe5e5" if finding.blocking else "#fff3d6"))
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self._result.findings

    def blocking(self) -> list[tuple[Finding, tuple[int, int]]]:
        pairs = zip(self._result.findings, self._result.spans, strict=True)
        return [(f, span) for f, span in pairs if f.blocking]

    def unconfirmed_warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.blocking and not is_confirmed(self.note, f)]

    # -- the volunteer's actions -------------------------------------------------------------
    def fix_blocking(self) -> None:
        """Replace every blocking mention (names with the chosen word), as one undo step."""
        if self.scanner.current:
            self._replace(self.blocking(), self.word.currentText())

    def fix_selected(self) -> None:
        """Fix only the finding selected in the list."""
        row = self.findings_list.currentRow()
        if self.scanner.current and 0 <= row < min(len(self.findings), MAX_LISTED):
            pair = (self.findings[row], self._result.spans[row])
            self._replace([pair], self.word.currentText())

    def fix_at(self, position: int, word: str) -> None:
        """Fix the one finding under a text position (the context menu's choice)."""
        found = self._finding_at(position)
        if found is not None:
            self._replace([found], word)

    def _finding_at(self, position: int) -> tuple[Finding, tuple[int, int]] | None:
        if not self.scanner.current:
            return None
        pairs = zip(self._result.findings, self._result.spans, strict=True)
        return next(((f, s) for f, s in pairs if s[0] <= position <= s[1]), None)

    def _replace(self, found: Sequence[tuple[Finding, tuple[int, int]]], word: str) -> None:
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        for finding, (start, end) in sorted(found, key=lambda p: -p[1][0]):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement(finding, word))
        cursor.endEditBlock()
        self.scanner.scan_now()

    def finding_menu(self, position: int) -> QMenu:
        """The text's context menu: for a marked mention, its fixes come first."""
        menu = QMenu(self.text)
        found = self._finding_at(position)
        if found is not None:
            finding = found[0]
            words = role_words(self.note_side) if is_name(finding) else ("",)
            for word in words:
                shown = replacement(finding, word)
                action = menu.addAction(f"Replace “{finding.text}” with “{shown}”")
                action.triggered.connect(lambda _c=False, w=word: self.fix_at(position, w))
            menu.addSeparator()
        standard = self.text.createStandardContextMenu()
        standard.setParent(menu, standard.windowFlags())
        menu.addActions(standard.actions())
        return menu

    def _context_menu(self, point: QPoint) -> None:
        position = self.text.cursorForPosition(point).position()
        self._menu = self.finding_menu(position)
        self._menu.popup(self.text.mapToGlobal(point))

    def confirm_selected(self) -> None:
        row = self.findings_list.currentRow()
        if not self.scanner.current or not 0 <= row < min(len(self.findings), MAX_LISTED):
            return
        finding = self.findings[row]
        if finding.blocking or is_confirmed(self.note, finding):
            return
        self.note = self._revised().confirm_warning(
            WarningConfirmation(
                participant_id=finding.participant_id,
                kind=finding.kind.value,
                text=finding.text,
                confirmed_at=datetime.now(UTC),
            )
        )
        self._dirty = True
        self._show_findings(self._result)

    def autosave(self) -> None:
        if not self._dirty or self._saving:
            return
        self._dirty = False
        self.note = self._revised()
        draft = self.note
        self._runner.call(
            lambda cw: cw.save_draft(draft),
            lambda _none: self._tell(f"Draft saved at {datetime.now():%H:%M:%S}."),
            lambda error: self._tell(f"Draft not saved: {user_message(error)}", error=True),
        )

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        self._saving = True
        self._update_buttons()
        self.note = self._revised()
        note = self.note
        self._runner.call(lambda cw: cw.finalise(note), self._saved, self._save_failed)

    def _saved(self, final: Note) -> None:
        self._saving = False
        self._dirty = False
        self.note = final
        self.saved.emit(final)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self._tell(f"Not saved: {user_message(error)}", error=True)

    def _update_buttons(self) -> None:
        current = self.scanner.current if hasattr(self, "scanner") else False
        blocking = bool(self.blocking()) if current else False
        row = self.findings_list.currentRow()
        selected = self.findings[row] if current and 0 <= row < len(self.findings) else None
        self.fix_button.setEnabled(blocking)
        self.fix_one_button.setEnabled(selected is not None)
        self.confirm_button.setEnabled(
            selected is not None and not selected.blocking and not is_confirmed(self.note, selected)
        )
        ready = current and not blocking and not self.unconfirmed_warnings()
        self.save_button.setEnabled(ready and not self._empty and not self._saving)
        state = state_line(
            current=current,
            to_fix=len(self.blocking()) if current else 0,
            to_confirm=len(self.unconfirmed_warnings()) if current else 0,
            empty=self._empty,
        )
        self.status.setText(f"{state} {self._message}".strip())
        self.text.setAccessibleDescription(state)
        alarming = bool(blocking) or self._failed
        self.status.setStyleSheet(f"color: {theme.current().error};" if alarming else "")
        if current and state != self._announced:  # not every "Checking…" while typing
            self._announced = state
            announce(self.status, state, assertive=blocking)

    def _tell(self, message: str, *, error: bool = False) -> None:
        """News such as "Draft saved at …" goes after the state line, which always stays; an
        error is also shown in the error colour and spoken at once."""
        self._message, self._failed = message, error
        self._update_buttons()
        if error:
            announce(self.status, message, assertive=True)

    # -- closing -----------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._autosave_timer.stop()
        self._pause_timer.stop()
        if result != QDialog.DialogCode.Accepted:
            self.autosave()  # closing (or locking) keeps the draft for later
        self.scanner.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        event.accept()
