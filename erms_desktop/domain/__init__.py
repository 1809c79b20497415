"""The domain model: pure Python entities and rules. No I/O, no Qt.

Entities are frozen dataclasses; a change is a new value made by a method that checks the rules
(``note.finalise()``, ``case.move_to()``, ``create_exchange()``), so an invalid state cannot be
built. ``records`` converts every entity to and from JSON-ready fields for storage and sync.
"""

from erms_desktop.domain.activity import Contact, Document, OutcomeItem, TimeEntry, monthly_totals
from erms_desktop.domain.case import Case, Offence, Referral
from erms_desktop.domain.consent import ConsentRecord, record_form_refusal
from erms_desktop.domain.exchange import Exchange, create_exchange
from erms_desktop.domain.feedback import Feedback
from erms_desktop.domain.notes import (
    Note,
    WarningConfirmation,
    check_amendment,
    check_note_in_file,
)
from erms_desktop.domain.parties import Participant, PartyFile, check_participant_in_file
from erms_desktop.domain.risk import RiskAssessment

__all__ = [
    "Case",
    "ConsentRecord",
    "Contact",
    "Document",
    "Exchange",
    "Feedback",
    "Note",
    "Offence",
    "OutcomeItem",
    "Participant",
    "PartyFile",
    "Referral",
    "RiskAssessment",
    "TimeEntry",
    "WarningConfirmation",
    "check_amendment",
    "check_note_in_file",
    "check_participant_in_file",
    "create_exchange",
    "monthly_totals",
    "record_form_refusal",
]
