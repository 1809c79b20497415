"""Crypto-shredding a vault: remove the keys first, then the (now undecryptable) data.

Order matters: once the keyring's device secret and the key file's wraps are gone, the database
cannot be decrypted by anyone, so whatever happens afterwards (a crash, a file the OS refuses to
delete, SSD wear-levelling keeping old blocks) leaks nothing readable. The key file is overwritten
with random bytes before removal as a best effort against simple undelete tools; the overwrite
starts with a marker, so a shred that is run again after a crash between the overwrite and the
removal knows the keyring step before it was done, rather than reporting an unreadable key file.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from erms_desktop.vault.errors import KeyringError
from erms_desktop.vault.keyfile import KeyFile, ProtectionMode
from erms_desktop.vault.keyring_store import KeyringStore
from erms_desktop.vault.paths import VaultPaths, sync_dir
from erms_desktop.vault.viewing import empty_viewing_folder


@dataclass(slots=True)
class WipeReport:
    #: True removed, False absent already, None not applicable (passphrase-only or unknown).
    keyring_entry_removed: bool | None = None
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


#: The start of every file this module overwrote before removing it.
SHREDDED = b"ERMS shredded\n"


def shred(paths: VaultPaths, key_file: KeyFile | None, keyring: KeyringStore) -> WipeReport:
    report = WipeReport()
    if key_file is None and paths.keys.exists() and not _overwritten(paths.keys):
        report.problems.append("the key file was unreadable, so no keyring entry could be named")
    if key_file is not None and key_file.mode is ProtectionMode.KEYRING:
        try:
            report.keyring_entry_removed = keyring.delete_secret(key_file.device_id)
        except KeyringError as exc:
            report.problems.append(f"keyring entry not removed: {exc}")
    _destroy(paths.keys, report, overwrite=True)
    for path in (
        paths.database,
        paths.wal,
        paths.shm,
        paths.commits,
        paths.session,
        paths.attempts,
    ):
        _destroy(path, report)
    empty_viewing_folder(paths.viewing)
    for leftover in [*paths.interrupted_writes(), *paths.companions()]:
        _destroy(leftover, report, overwrite=True)
    with contextlib.suppress(FileNotFoundError):
        sync_dir(paths.folder)
    with contextlib.suppress(OSError):
        paths.folder.rmdir()  # only if nothing else was put there
    if paths.folder.exists() and any(paths.folder.iterdir()):
        report.problems.append("files not made by the vault remain in its folder")
    return report


def _destroy(path: Path, report: WipeReport, *, overwrite: bool = False) -> None:
    if not path.exists():
        return
    try:
        if overwrite:
            size = path.stat().st_size
            with path.open("r+b") as handle:
                handle.write(SHREDDED + os.urandom(size))
                handle.flush()
                os.fsync(handle.fileno())
        path.unlink()
        report.removed.append(path.name)
    except OSError as exc:
        report.problems.append(f"{path.name} not removed: {exc.strerror}")


def _overwritten(path: Path) -> bool:
    """Whether a shred already overwrote this file (and so got past the keyring step)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SHREDDED)) == SHREDDED
    except OSError:
        return False
