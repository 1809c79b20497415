"""The attention panel: conflicts, quarantined and rejected changes and removed cases, each said
in plain words naming the case, with the actions that resolve it. Nothing here is ever dropped
silently; an item leaves only when the service says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.gui.widgets import message_label, named
from erms_desktop.service.models import AttentionItem, AttentionKind, ResolveAction

_KIND_LABELS = {
    AttentionKind.CONFLICT: "Conflict",
    AttentionKind.QUARANTINED: "Kept for the office",
    AttentionKind.REJECTED: "Not accepted by the office",
    AttentionKind.CASE_REMOVED: "Case removed",
}


class AttentionPanel(QGroupBox):
    resolve_requested = Signal(str, object)  # item id, ResolveAction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Needs your attention", parent)
        named(self, "Needs your attention")
        self.items = named(QListWidget(), "Attention items")
        self.items.setWordWrap(True)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.currentItemChanged.connect(self._show_actions)
        self.empty = message_label("Attention summary")
        self._buttons: list[QPushButton] = []
        self._button_row = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.items)
        layout.addLayout(self._button_row)
        self.show_items([])

    def show_items(self, items: list[AttentionItem]) -> None:
        self.items.clear()
        for item in items:
            row = QListWidgetItem(f"{_KIND_LABELS[item.kind]}\n{item.summary}")
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.items.addItem(row)
        self.empty.setText(
            "Nothing needs your attention."
            if not items
            else "1 item needs your attention."
            if len(items) == 1
            else f"{len(items)} items need your attention."
        )
        if items:
            self.items.setCurrentRow(0)
        else:
            self._show_actions(None, None)

    def clear(self) -> None:
        self.show_items([])

    def _show_actions(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        item = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if not isinstance(item, AttentionItem):
            return
        for action in item.actions:
            button = named(QPushButton(action.label), action.label)
            button.clicked.connect(lambda _=False, i=item.item_id, a=action: self._request(i, a))
            self._button_row.addWidget(button)
            self._buttons.append(button)

    def _request(self, item_id: str, action: ResolveAction) -> None:
        for button in self._buttons:
            button.setEnabled(False)
        self.resolve_requested.emit(item_id, action)
