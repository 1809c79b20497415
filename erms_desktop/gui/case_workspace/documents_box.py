"""A party file's documents: attach files, drop emails, open through the private folder.

A file is read and checked on the worker before anything is stored. When the check refuses it,
the reason is shown here with the volunteer's two ways on: import a redacted copy (for definite
identifiers) or confirm possible mentions are not about the other party."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from erms_desktop.domain import Document
from erms_desktop.gui.case_workspace.host import WorkspaceHost
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, who_map
from erms_desktop.gui.widgets import message_label, named
from erms_desktop.service.case_views import FileView
from erms_desktop.service.casework import Casework
from erms_desktop.service.casework_errors import ImportRefusedError
from erms_desktop.service.imports import MAX_IMPORT_BYTES
from erms_desktop.service.messages import describe_reasons, user_message


def read_limited(path: Path) -> bytes:
    """Read at most one byte past the limit, so a huge file is never loaded whole."""
    with path.open("rb") as handle:
        return handle.read(MAX_IMPORT_BYTES + 1)


class DocumentsBox(QWidget):
    def __init__(self, host: WorkspaceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.file_view: FileView | None = None
        self._pending: Path | None = None
        self.last_opened: Path | None = None
        self.list = named(QListWidget(), "Documents")
        attach = named(QPushButton("&Attach files…"), "Attach files")
        attach.clicked.connect(lambda: self.import_paths(self.host.choose_files()))
        self.open_button = named(QPushButton("&Open"), "Open document")
        self.open_button.clicked.connect(self.open_selected)
        self.message = message_label("Import message")
        self.redacted_button = named(QPushButton("Import a &redacted copy"), "Import redacted")
        self.redacted_button.clicked.connect(lambda: self._retry(redact=True))
        self.anyway_button = named(QPushButton("Not about them: &import"), "Import anyway")
        self.anyway_button.clicked.connect(lambda: self._retry(redact=False, accept=True))
        row = QHBoxLayout()
        for button in (attach, self.open_button, self.redacted_button, self.anyway_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self._offer(redact=False, accept=False)

    def show_file(self, file_view: FileView) -> None:
        self.file_view = file_view
        view = self.host.view
        self.list.clear()
        for document in file_view.documents:
            state = SYNC_BADGES[view.state_of(document.id)] if view else ""
            self.list.addItem(f"{document.filename} · {document.size_bytes:,} bytes · {state}")

    def import_paths(self, paths: list[str]) -> None:
        for name in paths:
            self._import(Path(name))

    def _import(self, path: Path, *, redact: bool = False, accept: bool = False) -> None:
        if self.file_view is None:
            return
        self._offer(redact=False, accept=False)
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                self._refused(path, ImportRefusedError("the file is larger than 20 MB"))
                return
        except OSError:
            self.message.setText("That file could not be read.")
            return
        file_id, name = self.file_view.id, path.name

        def job(cw: Casework) -> Document:
            return cw.import_file(
                file_id, name, read_limited(path), redact_blocked=redact, accept_warnings=accept
            )

        self.message.setText(f"Checking {name}…")
        self.host.runner.call(job, self._imported, lambda e: self._refused(path, e))

    def _imported(self, document: Document) -> None:
        self._pending = None
        self.message.setText(f"Attached {document.filename}.")
        self.host.reload()

    def _refused(self, path: Path, error: BaseException) -> None:
        reasons = error.reasons if isinstance(error, ImportRefusedError) else ()
        text = f"{path.name} was not imported: {user_message(error)}"
        if reasons and self.host.view is not None:
            people = who_map(self.host.view.all_participants())
            text += f" Found: {describe_reasons(reasons, people)}."
        self.message.setText(text)
        self._pending = path if reasons else None
        self._offer(
            redact=any(r.severity == "block" for r in reasons),
            accept=bool(reasons) and all(r.severity == "warn" for r in reasons),
        )

    def _offer(self, *, redact: bool, accept: bool) -> None:
        self.redacted_button.setVisible(redact)
        self.anyway_button.setVisible(accept)

    def _retry(self, *, redact: bool, accept: bool = False) -> None:
        if self._pending is not None:
            self._import(self._pending, redact=redact, accept=accept)

    def open_selected(self) -> None:
        row = self.list.currentRow()
        if self.file_view is None or not 0 <= row < len(self.file_view.documents):
            return
        document_id = self.file_view.documents[row].id
        self.host.runner.call(
            lambda cw: cw.open_document(document_id),
            self.opened,
            lambda e: self.message.setText(user_message(e)),
        )

    def opened(self, path: Path) -> None:
        self.last_opened = path
        self.open_external(path)

    def open_external(self, path: Path) -> None:
        """Hand the decrypted copy (in the vault's private folder) to the system viewer."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
