"""Telling a vault that cannot be opened because it is damaged (or was never finished) from the
ordinary failures of unlocking, and saying whether it may still hold work.

A crash while the vault was being created leaves its key file without a usable database (missing,
empty, or without tables): such a vault only ever opens as "corrupt". It never held any work,
because enrolment finishes (and ``shell-status.json`` first records contact with the office) only
after the vault is complete. A vault that *was* in use and is now damaged may still hold changes
made since the last sync, which office staff can try to recover with the organisation key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from erms_desktop.service import errors
from erms_desktop.service.status_file import ContactTimes

if TYPE_CHECKING:
    from erms_desktop.vault.paths import VaultPaths


@contextmanager
def damage_detected(paths: VaultPaths, times: ContactTimes) -> Iterator[None]:
    """Turn "corrupt" and "database missing beside its key file" into :class:`VaultDamaged`
    (or :class:`VaultIncomplete` when it never held work); everything else passes through."""
    from erms_desktop.vault.errors import VaultCorruptError, VaultNotFoundError

    try:
        yield
    except (VaultCorruptError, VaultNotFoundError) as exc:
        if isinstance(exc, VaultNotFoundError) and not paths.keys.exists():
            raise  # no vault at all: not enrolled, nothing damaged
        raise _damage(paths, times) from exc


def _damage(paths: VaultPaths, times: ContactTimes) -> errors.VaultDamaged:
    database = paths.database
    has_data = database.is_file() and database.stat().st_size > 0
    if times.last_contact is None or not has_data:
        return errors.VaultIncomplete()
    return errors.VaultDamaged()
