"""Adding a person to the volunteer's own party file, or completing one the office entered.

Recorded names and contact details are shown but cannot be cleared here: the store lets a
volunteer add to them, never rewrite or remove them (the separation check looks for them), and
the service refuses such a change with a message saying the office corrects them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import MISSING
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from erms_desktop.domain import Participant
from erms_desktop.domain.enums import ParticipantRole
from erms_desktop.domain.parties import role_fits_side
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm, lines_of
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.gui.case_workspace.style import label
from erms_desktop.service.case_views import FileView


def _values(person: Participant | None) -> dict[str, Any]:
    """The person's fields, or every field's default for a new person."""
    if person is not None:
        return {f.name: getattr(person, f.name) for f in dataclasses.fields(person)}
    return {f.name: f.default for f in dataclasses.fields(Participant) if f.default is not MISSING}


def _lines(values: tuple[str, ...] | str) -> QPlainTextEdit:
    """A short multi-line box: one item a line (or one free text); Tab moves on."""
    edit = QPlainTextEdit(values if isinstance(values, str) else "\n".join(values))
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(60)
    return edit


class ParticipantForm(RecordForm):
    def __init__(
        self,
        runner: CaseworkRunner,
        file_view: FileView,
        person: Participant | None,
        parent: QWidget | None,
    ) -> None:
        title = "Edit participant" if person else "Add participant"
        super().__init__(runner, title, parent)
        self.file_view, self.person = file_view, person
        p = _values(person)
        side = file_view.party_file.side
        self.role = self.add("&Role", QComboBox())
        for role in ParticipantRole:
            if role_fits_side(role, side):
                self.role.addItem(label(role.value), role)
        self.role.setCurrentIndex(max(0, self.role.findData(p.get("role"))))
        self.role.setEnabled(person is None)
        self.given = self.add("&Given names", QLineEdit(p["given_names"]))
        self.family = self.add("&Family name", QLineEdit(p["family_name"]))
        self.preferred = self.add("&Preferred name", QLineEdit(p["preferred_name"]))
        self.aliases = self.add("&Other names (one a line)", _lines(p["aliases"]))
        self.phones = self.add("P&hone numbers (one a line)", _lines(p["phones"]))
        self.emails = self.add("&Email addresses (one a line)", _lines(p["emails"]))
        self.addresses = self.add("A&ddresses (one a line)", _lines(p["addresses"]))
        self.safe_contact = self.add("&Safe contact", QLineEdit(p["safe_contact"]))
        self.vulnerability = self.add("&Vulnerability", _lines(p["vulnerability_notes"]))
        self.access = self.add("&Access needs", QLineEdit(p["access_needs"]))
        self.child = self.add("&Child", QCheckBox("Under 18"))
        self.child.setChecked(p["is_child"])
        self.adult = self.add("Adu&lt who must be present", QLineEdit(p["present_adult"]))

    def details(self) -> dict[str, Any]:
        return {
            "given_names": self.given.text().strip(),
            "family_name": self.family.text().strip(),
            "preferred_name": self.preferred.text().strip(),
            "aliases": lines_of(self.aliases.toPlainText()),
            "phones": lines_of(self.phones.toPlainText()),
            "emails": lines_of(self.emails.toPlainText()),
            "addresses": lines_of(self.addresses.toPlainText()),
            "safe_contact": self.safe_contact.text().strip(),
            "vulnerability_notes": self.vulnerability.toPlainText().strip(),
            "access_needs": self.access.text().strip(),
            "is_child": self.child.isChecked(),
            "present_adult": self.adult.text().strip(),
        }

    def job(self) -> Job:
        details = self.details()
        if self.person is not None:
            person_id = self.person.id
            return lambda cw: cw.edit_participant(person_id, **details)
        file_id, role = self.file_view.id, self.role.currentData()
        return lambda cw: cw.add_participant(file_id, role, **details)
