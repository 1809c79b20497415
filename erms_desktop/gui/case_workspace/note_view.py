"""A note read whole: its full text, who wrote it and when, when the conversation took place,
its sync state, and every amendment below it in the order written. A final note never changes,
so the only action here is to amend it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain import Note
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, local, original_time
from erms_desktop.gui.widgets import named
from erms_desktop.service.case_views import CaseView, FileView


def amendments_of(note: Note, file_view: FileView) -> list[Note]:
    return [n for n in file_view.notes if n.amends_note_id == note.id]


def note_facts(note: Note, view: CaseView) -> str:
    """Who, when and where it stands with the office, one line each."""
    author = "you" if note.author_id == view.viewer_id else "another facilitator"
    took_place = local(note.took_place_at or note.created_at)
    return "\n".join(
        (
            f"Written by {author}, {original_time(note).removeprefix('written ')}",
            f"Conversation took place {took_place:%d/%m/%Y %H:%M}",
            f"Sync: {SYNC_BADGES[view.state_of(note.id)]}",
        )
    )


def _text_box(text: str, name: str) -> QPlainTextEdit:
    box = named(QPlainTextEdit(text), name)
    box.setReadOnly(True)
    return box


class NoteReadView(QDialog):
    def __init__(
        self,
        note: Note,
        file_view: FileView,
        view: CaseView,
        amend: Callable[[Note], None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        kind = "Amendment" if note.amends_note_id else "Note"
        self.setWindowTitle(kind)
        named(self, "Note read view")
        self.facts = named(QLabel(note_facts(note, view)), "Note details")
        self.text = _text_box(note.body, "Whole note")
        layout = QVBoxLayout(self)
        layout.addWidget(self.facts)
        layout.addWidget(self.text, 3)
        self.amendments = amendments_of(note, file_view)
        self.amendment_boxes: list[QPlainTextEdit] = []
        for number, amendment in enumerate(self.amendments, 1):
            layout.addWidget(QLabel(f"Amendment {number} · {note_facts(amendment, view)}"))
            box = _text_box(amendment.body, f"Amendment {number}")
            self.amendment_boxes.append(box)
            layout.addWidget(box, 1)
        close = named(QPushButton("&Close"), "Close note")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        if amend is not None:  # None: read-only (the office's view of a case)
            amend_button = named(QPushButton("A&mend this note"), "Amend this note")
            amend_button.clicked.connect(lambda: self._amend(amend, note))
            row.addWidget(amend_button)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(760, 560)

    def _amend(self, amend: Callable[[Note], None], note: Note) -> None:
        self.accept()
        amend(note)
