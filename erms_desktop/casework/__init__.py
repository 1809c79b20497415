"""Casework services: what a volunteer does inside a case, built on the vault. No Qt.

The GUI's case workspace calls a :class:`Casework` from the shell's background worker and gets
back plain snapshots (:class:`CaseView`) and typed errors (:mod:`.errors`).
"""

from erms_desktop.casework.errors import (
    CaseNotFoundError,
    CaseworkError,
    ImportRefusedError,
    Reason,
    SeparationBlockedError,
    UnconfirmedWarningError,
)
from erms_desktop.casework.export import ExportText
from erms_desktop.casework.service import Casework
from erms_desktop.casework.views import CaseView, FileView, SyncState

__all__ = [
    "CaseNotFoundError",
    "CaseView",
    "Casework",
    "CaseworkError",
    "ExportText",
    "FileView",
    "ImportRefusedError",
    "Reason",
    "SeparationBlockedError",
    "SyncState",
    "UnconfirmedWarningError",
]
