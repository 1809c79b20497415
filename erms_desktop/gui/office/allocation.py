"""The allocation screen: a case, or one of its party files, to one or two facilitators (each
file first cleared by its initial risk assessment, which the store enforces), with the chosen
volunteer's current caseload shown while choosing; reallocation and deallocation with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain.enums import AllocationChangeReason
from erms_desktop.domain.workflow import stage_name
from erms_desktop.gui.office.case_files import WHOLE_CASE, CaseFilesScreen
from erms_desktop.gui.office.common import choice, fill, selected_key, table
from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import dialog_buttons, named
from erms_desktop.service.file_labels import side_title
from erms_desktop.service.formatting import uk_date
from erms_desktop.service.messages import user_message
from erms_desktop.service.office import casework
from erms_desktop.service.office.casework import CaseloadItem

TITLE = "&Allocation"


class AllocationScreen(CaseFilesScreen):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__(window, whole_case_row=True)
        self.facilitator = named(QComboBox(), "Facilitator")
        self.co_facilitator = named(QComboBox(), "Co-facilitator")
        self.caseload_title = named(QLabel("Current caseload"), "Caseload of")
        self.caseload = table("Current caseload", ["Case", "Part", "Stage", "Since"])
        self.caseload.setMaximumHeight(180)
        self.allocate_button = named(QPushButton("A&llocate"), "Allocate")
        self.reallocate_button = named(QPushButton("Re&allocate…"), "Reallocate")
        self.deallocate_button = named(QPushButton("&Deallocate…"), "Deallocate")
        self.allocate_button.clicked.connect(self.allocate_selected)
        self.reallocate_button.clicked.connect(self.reallocate)
        self.deallocate_button.clicked.connect(self.deallocate)
        self.facilitator.currentIndexChanged.connect(
            lambda _i: self._show_caseload(self.facilitator)
        )
        self.co_facilitator.currentIndexChanged.connect(
            lambda _i: self._show_caseload(self.co_facilitator)
        )
        choose = QWidget()
        form = QFormLayout(choose)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("C&o-facilitator (optional):", self.co_facilitator)
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.allocate_button, self.reallocate_button, self.deallocate_button):
            row.addWidget(button)
        row.addStretch()
        self.add_below(choose, self.caseload_title, self.caseload, buttons)
        self.files_loaded.connect(self._fill_volunteers)

    # -- choosing ----------------------------------------------------------------------------
    def _fill_volunteers(self) -> None:
        if self.facilitator.count() == len(self.names) and self.facilitator.count():
            return  # already listed: keep what was chosen
        people = sorted(self.names.items(), key=lambda item: item[1])
        for combo, none in (
            (self.facilitator, "Choose a volunteer…"),
            (self.co_facilitator, "Nobody"),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(none, None)
            for user_id, username in people:
                combo.addItem(username, user_id)
            combo.blockSignals(False)

    def choose_volunteers(self, *usernames: str) -> None:
        """Pick the facilitator (and co-facilitator) by user name, as the drop-downs would."""
        for combo, username in zip(
            (self.facilitator, self.co_facilitator), usernames, strict=False
        ):
            combo.setCurrentIndex(max(0, combo.findText(username)))

    def _show_caseload(self, combo: QComboBox) -> None:
        user_id = combo.currentData()
        if user_id is None:
            self.caseload_title.setText("Current caseload")
            fill(self.caseload, [])
            return
        username = combo.currentText()
        self.call(
            lambda s: casework.caseload(s, user_id),
            lambda items: self._caseload_read(username, items),
        )

    def _caseload_read(self, username: str, items: list[CaseloadItem]) -> None:
        count = len(items)
        self.caseload_title.setText(
            f"{username} holds {count} allocation{'s' if count != 1 else ''} now:"
        )
        fill(
            self.caseload,
            [
                (
                    item.case_id,
                    (
                        item.service_reference,
                        "Whole case" if item.side is None else side_title(item.side),
                        stage_name(item.stage, item.case_type),
                        uk_date(item.allocated_at.date()),
                    ),
                )
                for item in items
            ],
        )

    # -- actions -------------------------------------------------------------------------------
    def allocate_selected(self) -> None:
        if self.current is None or selected_key(self.files) is None:
            self.message.setText("Choose a case and the whole case or one of its files first.")
            return
        chosen = [c.currentData() for c in (self.facilitator, self.co_facilitator)]
        user_ids = [u for u in dict.fromkeys(chosen) if u is not None]
        if not user_ids:
            self.message.setText("Choose the volunteer to allocate.")
            return
        key = selected_key(self.files)
        file_id = None if key == WHOLE_CASE else key
        case_id = self.current.case_id
        self.message.setText("Allocating…")
        self.call(
            lambda s: casework.allocate(s, case_id, user_ids, file_id),
            lambda _none: self._changed(
                "Allocated. The volunteer's laptop receives it at its next sync."
            ),
            self._refused,
        )

    def reallocate(self) -> None:
        self._change(reallocating=True)

    def deallocate(self) -> None:
        self._change(reallocating=False)

    def _change(self, *, reallocating: bool) -> None:
        if self.current is None:
            self.message.setText("Choose a case first.")
            return
        holders = list(
            dict.fromkeys(
                [*self.current.case_facilitator_ids]
                + [u for f in self.current.files for u in f.facilitator_ids]
            )
        )
        if not holders:
            self.message.setText("Nobody holds any part of this case yet.")
            return
        dialog = ChangeDialog(self, holders, reallocating=reallocating)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        case_id = self.current.case_id
        who, reason = dialog.holder.currentData(), dialog.reason.currentData()
        if reallocating:
            to = dialog.to.currentData()
            self.call(
                lambda s: casework.reallocate(s, case_id, who, to, reason),
                lambda _none: self._changed("Reallocated."),
                self._refused,
            )
        else:
            self.call(
                lambda s: casework.deallocate(s, case_id, who, reason),
                lambda _none: self._changed("Deallocated."),
                self._refused,
            )

    def _changed(self, text: str) -> None:
        self.message.setText(text)
        self.office.show_message(text)
        self.load_files()
        self._show_caseload(self.facilitator)

    def _refused(self, error: BaseException) -> None:
        self.message.setText(user_message(error))


class ChangeDialog(QDialog):
    """Whose allocation changes, to whom (reallocation), and why."""

    def __init__(self, screen: AllocationScreen, holders: list[str], *, reallocating: bool):
        super().__init__(screen)
        title = "Reallocate" if reallocating else "Deallocate"
        self.setWindowTitle(title)
        named(self, title)
        self.holder = named(QComboBox(), "Current facilitator")
        for user_id in holders:
            self.holder.addItem(screen.held_by([user_id]), user_id)
        self.to = named(QComboBox(), "New facilitator")
        for user_id, username in sorted(screen.names.items(), key=lambda item: item[1]):
            self.to.addItem(username, user_id)
        self.reason = choice(list(AllocationChangeReason), "Reason")
        buttons, _ = dialog_buttons(self, f"&{title}", title)
        form = QFormLayout()
        form.addRow("&From:" if reallocating else "&Facilitator:", self.holder)
        if reallocating:
            form.addRow("&To:", self.to)
        else:
            self.to.hide()
        form.addRow("&Reason:", self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.holder.setFocus()
