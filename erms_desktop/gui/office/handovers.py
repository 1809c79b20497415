"""Office mode's "Hand-overs" screen: the work returned laptops could not sync, listed against its
cases. The staff member opens the packages with the organisation's recovery key (file and
password; the key stays in memory for this screen only), then applies each item - the store runs
the same checks as a push - or discards it. Both are audited on the store."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.office.window import OfficeWindow
from erms_desktop.gui.widgets import buddy, message_label, named
from erms_desktop.service.handovers import HandoverDecision, HandoverRow, Handovers

TITLE = "&Hand-overs"
COLUMNS = ("Case", "What", "Record", "Why it was handed over", "State", "Outcome")
_KIND_WORDS = {
    "draft": "unfinished note",
    "quarantined": "case left the volunteer",
    "refused": "change the store refused",
    "conflict": "conflicting edit",
    "unsent": "change not sent",
}


class HandoversScreen(QWidget):
    def __init__(self, window: OfficeWindow) -> None:
        super().__init__()
        named(self, "Hand-overs")
        self._window = window
        self._handovers = Handovers()
        self.rows: list[HandoverRow] = []
        self.case_filter = named(QLineEdit(), "Case id filter", "Only this case's hand-overs")
        self.key_path = named(QLineEdit(), "Recovery key file")
        self.browse_button = named(QPushButton("&Browse…"), "Browse for the recovery key file")
        self.key_password = named(QLineEdit(), "Recovery key password")
        self.key_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.open_button = named(QPushButton("&Open with the key"), "Open with the recovery key")
        self.refresh_button = named(QPushButton("&Refresh"), "Refresh the hand-overs")
        self.table = named(QTableWidget(0, len(COLUMNS)), "Hand-over items")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.apply_button = named(QPushButton("&Apply"), "Apply the chosen item")
        self.discard_button = named(QPushButton("&Discard"), "Discard the chosen item")
        self.message = message_label("Hand-over message")
        self.browse_button.clicked.connect(self._browse)
        self.open_button.clicked.connect(self._open_key)
        self.refresh_button.clicked.connect(self.refresh)
        self.apply_button.clicked.connect(self._apply)
        self.discard_button.clicked.connect(self._discard)
        self.case_filter.returnPressed.connect(self.refresh)
        self._lay_out()

    def _lay_out(self) -> None:
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_path)
        key_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&Case id (optional):", self.case_filter)
        form.addRow(buddy("Recovery key &file:", self.key_path), key_row)
        form.addRow("Key pass&word:", self.key_password)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.refresh_button)
        top.addStretch()
        actions = QHBoxLayout()
        actions.addWidget(self.apply_button)
        actions.addWidget(self.discard_button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    # -- calls -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        case_id = self.case_filter.text().strip() or None
        handovers = self._handovers
        self._window.worker.call(
            lambda s: handovers.rows(s, case_id), self._show_rows, self._window.show_problem
        )

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "The organisation's recovery key", "", "Key files (*.pem);;All files (*)"
        )
        if path:
            self.key_path.setText(path)

    def _open_key(self) -> None:
        path, password = self.key_path.text(), self.key_password.text()
        if not path or not password:
            self.message.setText("Choose the recovery key file and type its password.")
            return
        handovers = self._handovers

        def job(_session: object) -> None:
            from pathlib import Path

            handovers.use_key(Path(path).read_bytes(), password)

        self.key_password.clear()
        self._window.worker.call(job, lambda _n: self.refresh(), self._problem)

    def _apply(self) -> None:
        row = self._chosen()
        if row is not None:
            handovers = self._handovers
            self._window.worker.call(
                lambda s: handovers.apply(s, row), self._decided, self._problem
            )

    def _discard(self) -> None:
        row = self._chosen()
        if row is not None:
            handovers = self._handovers
            self._window.worker.call(
                lambda s: handovers.discard(s, row), self._decided, self._problem
            )

    # -- answers ---------------------------------------------------------------------------------
    def _show_rows(self, rows: list[HandoverRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            entry = row.entry
            why = str(row.item.detail.get("reason", "")) if row.item else "(open with the key)"
            values = (
                entry.case_id or "(no case)",
                _KIND_WORDS.get(entry.kind.value, entry.kind.value),
                entry.record_kind.replace("_", " "),
                why,
                entry.state.value,
                entry.outcome or "",
            )
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.message.setText(f"{len(rows)} hand-over item(s).")

    def _decided(self, decision: HandoverDecision) -> None:
        result = decision.result
        if result is not None and decision.entry.state.value == "waiting":
            self.message.setText(f"The store did not apply it: {result.reason or result.status}.")
        else:
            self.message.setText(f"The item is {decision.entry.state.value}.")
        self.refresh()

    def _problem(self, error: BaseException) -> None:
        from erms_desktop.service.messages import user_message

        self.message.setText(user_message(error))

    def _chosen(self) -> HandoverRow | None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.message.setText("Choose an item in the list first.")
            return None
        return self.rows[index]
