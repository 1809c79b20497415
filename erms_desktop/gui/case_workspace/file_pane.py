"""One party file: its coloured banner, and tabs for participants, the notes timeline, contacts
and meetings, consent, risk assessments and documents. Each record shows its sync state.

Emails and files dropped anywhere on the pane go to this file's documents, through the checks."""

from __future__ import annotations

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erms_desktop.domain import ConsentRecord, Note
from erms_desktop.domain.enums import Side
from erms_desktop.gui.case_workspace.documents_box import DocumentsBox
from erms_desktop.gui.case_workspace.feedback_form import FeedbackForm
from erms_desktop.gui.case_workspace.form_base import RecordForm
from erms_desktop.gui.case_workspace.forms import ConsentForm, ContactForm, RiskForm
from erms_desktop.gui.case_workspace.host import WorkspaceHost
from erms_desktop.gui.case_workspace.lists import first_line, hide_actions, list_tab
from erms_desktop.gui.case_workspace.note_view import NoteReadView
from erms_desktop.gui.case_workspace.participants_box import ParticipantsBox
from erms_desktop.gui.case_workspace.pdf import write_pdf
from erms_desktop.gui.case_workspace.style import (
    SYNC_BADGES,
    banner_style,
    file_title,
    label,
    local,
    pane_style,
)
from erms_desktop.gui.widgets import named
from erms_desktop.service.case_views import CaseView, FileView
from erms_desktop.service.export import ExportText
from erms_desktop.service.file_labels import side_name, side_title
from erms_desktop.service.messages import user_message


def describe_consent(consent: ConsentRecord, names: dict[str, str]) -> str:
    withdrawn = f", withdrawn {consent.withdrawn_on:%d/%m/%Y}" if consent.withdrawn_on else ""
    evidence = ", scan attached" if consent.evidence_document_id else ""
    how = consent.method.value.replace("_", " ")
    return (
        f"{consent.recorded_on:%d/%m/%Y} · {names.get(consent.participant_id, '?')} ·"
        f" {label(consent.scope.value)}: {consent.decision.value} ({how}{evidence}{withdrawn})"
    )


TOOLTIP_CHARS = 1_000


def note_rows(file_view: FileView) -> list[Note]:
    """Drafts first, then each note with its amendments straight under it."""
    rows: list[Note] = [*file_view.drafts]
    known = {n.id for n in file_view.notes}
    for note in file_view.notes:
        if note.amends_note_id is None or note.amends_note_id not in known:
            rows.append(note)
            rows += [n for n in file_view.notes if n.amends_note_id == note.id]
    return rows


def note_line(note: Note, amended: bool) -> str:
    if not note.is_final:
        return f"Unfinished draft · {first_line(note.body)}"
    when = local(note.finalised_at or note.created_at)
    kind = "   ↳ Amendment" if note.amends_note_id else "Note (amended)" if amended else "Note"
    return f"{when:%d/%m/%Y %H:%M} · {kind} · {first_line(note.body)}"


class PartyFilePane(QFrame):
    """``read_only``: the lists only, no action (the office's view of a case)."""

    def __init__(
        self,
        host: WorkspaceHost,
        side: Side,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.host, self.side, self.read_only = host, side, read_only
        self.file_view: FileView | None = None
        named(self, side_title(side), f"Everything in the {side_name(side)} file")
        self.setObjectName(f"{side.value}_file")
        self.setStyleSheet(f"QFrame#{side.value}_file {{ {pane_style(side)} }}")
        self.setAcceptDrops(True)
        self.banner = named(QLabel(side_title(side)), f"{side_name(side)} file banner")
        self.banner.setStyleSheet(banner_style(side))
        self.tabs = named(QTabWidget(), f"{side_title(side)} sections")
        self.people = ParticipantsBox(host)
        self.participants = self.people.people
        notes, self.notes, note_buttons = list_tab(
            "Notes",
            (
                ("&New note", self.new_note),
                ("A&mend", self.amend_selected),
                ("Copy for e&xternal email", self.copy_for_email),
                ("Export &PDF…", lambda: self.export_pdf(redacted=False)),
                ("Export redacted P&DF…", lambda: self.export_pdf(redacted=True)),
            ),
        )
        self.notes_page = notes
        self.new_note_button, self.amend_button, self.copy_button = note_buttons[:3]
        self.note_rows: list[Note] = []
        self.notes.itemActivated.connect(lambda _item: self.read_selected())
        contacts, self.contacts, _ = list_tab("Contacts", (("Record &contact…", self.add_contact),))
        consent, self.consents, _ = list_tab(
            "Consent",
            (
                ("Record c&onsent…", self.add_consent),
                ("&Withdraw", self.withdraw_selected),
                ("&Feedback at closure…", self.add_feedback),
            ),
        )
        risks, self.risks, _ = list_tab("Risk", (("Risk &assessment…", self.add_risk),))
        self.documents = DocumentsBox(host)
        for page, title in (
            (self.people, "Participants"),
            (notes, "Notes"),
            (contacts, "Contacts and meetings"),
            (consent, "Consent"),
            (risks, "Risk assessments"),
            (self.documents, "Documents"),
        ):
            self.tabs.addTab(page, title)
        self.tabs.setCurrentIndex(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        if read_only:
            hide_actions(self)
            self.setAcceptDrops(False)

    # -- showing -----------------------------------------------------------------------------
    def show_file(self, view: CaseView, file_view: FileView) -> None:
        self.file_view = file_view
        self.setAccessibleName(file_title(file_view))
        named_file = file_view.party_file.label
        same = named_file.strip().lower() == side_title(self.side).lower()
        self.banner.setText(side_title(self.side, "" if same else named_file))

        def badge(record_id: str) -> str:
            return SYNC_BADGES[view.state_of(record_id)]

        self.people.show_file(view, file_view)
        self.notes.clear()
        self.note_rows = note_rows(file_view)
        amended = {n.amends_note_id for n in file_view.notes if n.amends_note_id}
        for note in self.note_rows:
            item = QListWidgetItem(f"{note_line(note, note.id in amended)} · {badge(note.id)}")
            item.setToolTip(note.body[:TOOLTIP_CHARS])
            self.notes.addItem(item)
        self.contacts.clear()
        for c in file_view.contacts:
            self.contacts.addItem(
                f"{c.held_on:%d/%m/%Y} · {label(c.kind.value)} by {c.mode.value} ·"
                f" {c.duration_minutes} min · {badge(c.id)}"
            )
        self.consents.clear()
        names = {p.id: p.display_name for p in file_view.participants}
        for consent in file_view.consents:
            self.consents.addItem(f"{describe_consent(consent, names)} · {badge(consent.id)}")
        for given in file_view.feedback:  # after the consents, so their rows stay aligned
            recommends = "would recommend" if given.would_recommend else "would not recommend"
            self.consents.addItem(
                f"Feedback from {names.get(given.participant_id, 'a participant')}:"
                f" {label(given.satisfaction.value)}, {recommends}, case study"
                f" {label(given.case_study.value).lower()} · {badge(given.id)}"
            )
        self.risks.clear()
        for r in file_view.risks:
            outcome = label(r.outcome.value) if r.outcome else "not completed"
            review = f", review by {r.review_on:%d/%m/%Y}" if r.review_on else ""
            self.risks.addItem(f"{label(r.kind.value)} · {outcome}{review} · {badge(r.id)}")
        self.documents.show_file(file_view)

    def selected_note(self) -> Note | None:
        row = self.notes.currentRow()
        return self.note_rows[row] if 0 <= row < len(self.note_rows) else None

    def select_note(self, note_id: str) -> bool:
        """Show the notes with this one selected; False when the note is not in this file."""
        rows = [note.id for note in self.note_rows]
        if note_id not in rows:
            return False
        self.tabs.setCurrentWidget(self.notes_page)
        self.notes.setCurrentRow(rows.index(note_id))
        self.notes.setFocus()
        return True

    def read_selected(self) -> None:
        """Enter or a double-click: a draft reopens in the editor, a final note is read whole."""
        note, file_view, view = self.selected_note(), self.file_view, self.host.view
        if note is None or file_view is None or view is None:
            return
        if not note.is_final:
            self.host.open_editor(note, file_view)
            return
        amend = None if self.read_only else self.amend
        self.reader = NoteReadView(note, file_view, view, amend, self)
        self.reader.open()

    # -- actions -----------------------------------------------------------------------------
    def new_note(self) -> None:
        if self.file_view is not None:
            file_view = self.file_view
            self.host.runner.call(
                lambda cw: cw.new_note(file_view.id),
                lambda note: self.host.open_editor(note, file_view),
                self._failed,
            )

    def amend_selected(self) -> None:
        """Open a draft to resume it, or start an amendment linked to a final note."""
        note, file_view = self.selected_note(), self.file_view
        if note is None or file_view is None:
            self.host.show_message("Choose a note first.")
            return
        if not note.is_final:
            self.host.open_editor(note, file_view)
            return
        self.amend(note)

    def amend(self, note: Note) -> None:
        """Start an amendment linked to a final note; the editor shows the original beside it."""
        file_view = self.file_view
        if file_view is None:
            return
        self.host.runner.call(
            lambda cw: cw.amend(note.id),
            lambda amendment: self.host.open_editor(amendment, file_view),
            self._failed,
        )

    def copy_for_email(self) -> None:
        note, file_view = self.selected_note(), self.file_view
        if note is None or file_view is None:
            self.host.show_message("Choose a note to copy.")
            return
        self.host.runner.call(
            lambda cw: cw.external_copy(file_view.id, note.body), self._copied, self._failed
        )

    def _copied(self, text: str) -> None:
        self.host.clipboard.copy(text)
        self.host.show_message("Copied with initials only; the clipboard clears in 30 seconds.")

    def export_pdf(self, *, redacted: bool) -> None:
        if self.file_view is None:
            return
        file_id = self.file_view.id
        suffix = "-redacted" if redacted else ""
        path = self.host.choose_save_path(f"{self.side.value}-file{suffix}.pdf")
        if not path:
            return
        self.host.runner.call(
            lambda cw: cw.export_party_file(file_id, redacted=redacted),
            lambda export: self._write_pdf(export, path),
            self._failed,
        )

    def _write_pdf(self, export: ExportText, path: str) -> None:
        self.last_pdf_text = write_pdf(export, path)
        self.host.show_message("PDF saved.")

    def add_contact(self) -> None:
        if self.file_view is not None:
            self._form(
                ContactForm(
                    self.host.runner,
                    self.file_view.party_file.case_id,
                    self.file_view.id,
                    [(person.id, person.display_name) for person in self.file_view.participants],
                    self,
                )
            )

    def add_consent(self) -> None:
        if self.file_view is not None:
            self._form(ConsentForm(self.host.runner, self.file_view, self))

    def add_feedback(self) -> None:
        if self.file_view is not None:
            self._form(FeedbackForm(self.host.runner, self.file_view, self))

    def add_risk(self) -> None:
        if self.file_view is not None:
            self._form(
                RiskForm(
                    self.host.runner, self.file_view.party_file.case_id, self.file_view.id, self
                )
            )

    def withdraw_selected(self) -> None:
        row = self.consents.currentRow()
        if self.file_view is None or not 0 <= row < len(self.file_view.consents):
            self.host.show_message("Choose a consent record first.")
            return
        consent_id = self.file_view.consents[row].id
        self.host.run(lambda cw: cw.withdraw_consent(consent_id), "Consent withdrawn.")

    def _form(self, form: RecordForm) -> None:
        form.recorded.connect(lambda _r: self.host.reload())
        form.open()
        self.last_form = form

    def _failed(self, error: BaseException) -> None:
        self.host.show_message(user_message(error))

    # -- drops -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        self.tabs.setCurrentWidget(self.documents)
        self.documents.import_paths(paths)
        event.acceptProposedAction()
