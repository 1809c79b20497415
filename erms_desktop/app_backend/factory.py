"""The one place that chooses the backend behind the shell.

Until the vault and sync client are wired in, both modes use the in-memory stand-in: demo mode
starts enrolled with the synthetic caseload and shows the demo passphrase; normal mode starts
un-enrolled and stores nothing. Swapping in the real implementation changes only this module.
"""

from __future__ import annotations

from erms_desktop.app_backend.backend import Backend
from erms_desktop.app_backend.fake import FakeBackend


def make_backend(*, demo: bool) -> Backend:
    if demo:
        return FakeBackend(enrolled=True, demo=True)
    return FakeBackend(enrolled=False)
