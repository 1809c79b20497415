"""The feedback form at closure: one participant's satisfaction (very satisfied to very
dissatisfied), whether they would recommend restorative justice, what they said (checked for
separation like a note), and whether their story may be a case study - anonymous, or
identified with their written permission (a signed form among the file's documents)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from erms_desktop.domain.enums import CaseStudyUse, Satisfaction
from erms_desktop.gui.case_workspace.form_base import Job, RecordForm, enum_combo
from erms_desktop.gui.case_workspace.runner import CaseworkRunner
from erms_desktop.service.case_views import FileView


class FeedbackForm(RecordForm):
    def __init__(self, runner: CaseworkRunner, file_view: FileView, parent: QWidget | None) -> None:
        super().__init__(runner, "Feedback at closure", parent)
        self.participant = self.add("&Who", QComboBox())
        for person in file_view.participants:
            self.participant.addItem(person.display_name, person.id)
        self.satisfaction = self.add("&Satisfaction", enum_combo(Satisfaction))
        self.recommend = self.add("Recommend", QCheckBox("Would &recommend restorative justice"))
        self.comments = self.add("&What they said", QPlainTextEdit())
        self.case_study = self.add("&Case study", enum_combo(CaseStudyUse))
        self.permission = self.add("Written &permission", QComboBox())
        self.permission.addItem("No signed permission", None)
        for document in file_view.documents:
            self.permission.addItem(document.filename, document.id)

    def job(self) -> Job:
        person, satisfaction, recommend = (
            self.participant.currentData(),
            self.satisfaction.currentData(),
            self.recommend.isChecked(),
        )
        comments, case_study, permission = (
            self.comments.toPlainText().strip(),
            self.case_study.currentData(),
            self.permission.currentData(),
        )
        return lambda cw: cw.record_feedback(
            person,
            satisfaction,
            recommend,
            comments=comments,
            case_study=case_study,
            written_permission_document_id=permission,
        )
