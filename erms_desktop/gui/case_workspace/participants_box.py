"""The Participants tab of a party file: the people in it, and everything recorded about the
one chosen (names, other names, contact details, safe-contact instructions, vulnerability and
access needs, whether a child, and the adult who must be present), so a volunteer can ring them.

A phone number is copied through the shell's clipboard rule (cleared after 30 seconds and on
lock)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from erms_desktop.domain import Participant
from erms_desktop.gui.case_workspace.host import WorkspaceHost
from erms_desktop.gui.case_workspace.lists import list_tab
from erms_desktop.gui.case_workspace.participant_form import ParticipantForm
from erms_desktop.gui.case_workspace.style import SYNC_BADGES, label
from erms_desktop.gui.widgets import named
from erms_desktop.service.case_views import CaseView, FileView


def describe_person(person: Participant) -> str:
    """Every detail of one person, one labelled line each (nothing left out)."""

    def joined(values: tuple[str, ...]) -> str:
        return "; ".join(values) or "none recorded"

    born = f"{person.date_of_birth:%d/%m/%Y}" if person.date_of_birth else "not recorded"
    lines = [
        f"Name: {person.display_name} ({label(person.role.value)})",
        f"Given names: {person.given_names or '-'}   Family name: {person.family_name or '-'}",
        f"Preferred name: {person.preferred_name or '-'}",
        f"Other names: {joined(person.aliases)}",
        f"Date of birth: {born}",
        f"Child: {'yes' if person.is_child else 'no'}",
        f"Adult who must be present: {person.present_adult or 'none recorded'}",
        f"Phone: {joined(person.phones)}",
        f"Email: {joined(person.emails)}",
        f"Address: {joined(person.addresses)}",
        f"Safe contact: {person.safe_contact or 'no instructions recorded'}",
        f"Vulnerability: {person.vulnerability_notes or 'none recorded'}",
        f"Access needs: {person.access_needs or 'none recorded'}",
        f"References: {joined(person.references)}",
    ]
    return "\n".join(lines)


class ParticipantsBox(QWidget):
    def __init__(self, host: WorkspaceHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.file_view: FileView | None = None
        page, self.people, _ = list_tab(
            "Participants",
            (
                ("Add &participant…", self.add_person),
                ("&Edit details…", self.edit_person),
                ("Cop&y phone", self.copy_phone),
            ),
        )
        self.details = named(QPlainTextEdit(), "Participant details")
        self.details.setReadOnly(True)
        self.people.currentRowChanged.connect(lambda _r: self._show_selected())
        row = QHBoxLayout()
        row.addWidget(page, 1)
        row.addWidget(self.details, 2)
        QVBoxLayout(self).addLayout(row)

    def show_file(self, view: CaseView, file_view: FileView) -> None:
        row = max(0, self.people.currentRow())
        self.file_view = file_view
        self.people.clear()
        for p in file_view.participants:
            badge = SYNC_BADGES[view.state_of(p.id)]
            self.people.addItem(f"{p.display_name} · {label(p.role.value)} · {badge}")
        if file_view.participants:
            self.people.setCurrentRow(min(row, len(file_view.participants) - 1))
        self._show_selected()

    def selected(self) -> Participant | None:
        row = self.people.currentRow()
        people = self.file_view.participants if self.file_view else ()
        return people[row] if 0 <= row < len(people) else None

    def _show_selected(self) -> None:
        person = self.selected()
        self.details.setPlainText(describe_person(person) if person else "")

    def add_person(self) -> None:
        if self.file_view is not None:
            self._form(ParticipantForm(self.host.runner, self.file_view, None, self))

    def edit_person(self) -> None:
        person = self.selected()
        if person is None or self.file_view is None:
            self.host.show_message("Choose a participant first.")
            return
        self._form(ParticipantForm(self.host.runner, self.file_view, person, self))

    def copy_phone(self) -> None:
        person = self.selected()
        if person is None or not person.phones:
            self.host.show_message("Choose a participant with a phone number.")
            return
        self.host.clipboard.copy(person.phones[0])
        self.host.show_message("Phone number copied; the clipboard clears in 30 seconds.")

    def _form(self, form: ParticipantForm) -> None:
        form.recorded.connect(lambda _r: self.host.reload())
        form.open()
        self.last_form = form
