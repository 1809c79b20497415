"""A participant's feedback at closure: how satisfied they were, whether they would recommend
restorative justice, what they said, and whether their story may be used as a case study.

Feedback sits in the participant's own party file, so its comments are checked for separation
like a note. A case study that identifies the participant needs their written permission: the
signed form is a document of the same file, named here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from erms_desktop.domain.enums import CaseStudyUse, Satisfaction
from erms_desktop.domain.errors import InvalidValueError
from erms_desktop.domain.fieldtypes import check_field_types
from erms_desktop.domain.ids import require_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Feedback:
    id: str
    case_id: str
    party_file_id: str
    participant_id: str
    recorded_on: date
    satisfaction: Satisfaction
    would_recommend: bool
    comments: str = ""
    case_study: CaseStudyUse = CaseStudyUse.NOT_AGREED
    written_permission_document_id: str | None = None

    def __post_init__(self) -> None:
        check_field_types(self)
        for value, what in (
            (self.id, "feedback id"),
            (self.case_id, "feedback case id"),
            (self.party_file_id, "feedback party file id"),
            (self.participant_id, "feedback participant id"),
        ):
            require_id(value, what)
        identified = self.case_study is CaseStudyUse.IDENTIFIED
        if identified != (self.written_permission_document_id is not None):
            raise InvalidValueError(
                "an identified case study needs the written permission, and only it names one"
            )
        if self.written_permission_document_id is not None:
            require_id(self.written_permission_document_id, "written permission document id")
