"""The record store: every capability of an open vault database in one object.

See :mod:`erms_desktop.vault.store_base` for the threading model.
"""

from __future__ import annotations

from erms_desktop.vault.attachments import AttachmentsMixin
from erms_desktop.vault.drafts import DraftsMixin
from erms_desktop.vault.quarantine import QuarantineMixin
from erms_desktop.vault.repository import RepositoryMixin
from erms_desktop.vault.search import SearchMixin
from erms_desktop.vault.syncing import SyncMixin


class Store(
    RepositoryMixin, DraftsMixin, SearchMixin, AttachmentsMixin, SyncMixin, QuarantineMixin
):
    """Typed records, drafts, search, attachments, the outbox and sync state, and quarantine."""
