"""The casework facade the workspace calls, always from the shell's single background worker."""

from __future__ import annotations

from erms_desktop.service.activity import ActivityMixin
from erms_desktop.service.consent_risk import ConsentRiskMixin
from erms_desktop.service.documents import DocumentsMixin
from erms_desktop.service.exchanges import ExchangesMixin
from erms_desktop.service.export import ExportText, external_email_copy, party_file_export
from erms_desktop.service.notes import NotesMixin
from erms_desktop.service.participants import ParticipantsMixin
from erms_desktop.service.progress import ProgressMixin


class Casework(
    NotesMixin,
    ParticipantsMixin,
    ProgressMixin,
    DocumentsMixin,
    ConsentRiskMixin,
    ActivityMixin,
    ExchangesMixin,
):
    """Everything a volunteer does inside a case, on the real vault (no Qt)."""

    def export_party_file(self, party_file_id: str, *, redacted: bool) -> ExportText:
        view = self.load_case(self.party_file(party_file_id).case_id)
        return party_file_export(view, party_file_id, redacted=redacted)

    def external_copy(self, party_file_id: str, text: str) -> str:
        """The initials-only version of ``text`` for a non-secure email address."""
        view = self.load_case(self.party_file(party_file_id).case_id)
        return external_email_copy(view, party_file_id, text)
