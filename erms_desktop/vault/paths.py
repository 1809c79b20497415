"""Where the vault's files live, and owner-only file handling.

The folder comes from platformdirs (the user's local, non-roaming data folder) unless the caller
names another (the desktop's ``ERMS_DATA_DIR`` setting, tests, demo). Folders are created
0700 and files 0600 *before* anything is written to them; on Windows the profile's ACLs apply.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

COMPANION_PREFIX = "companion-"
_DIR_MODE = 0o700
_FILE_MODE = 0o600
NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True, slots=True)
class VaultPaths:
    """The files that make up one vault. Everything lives under ``folder``."""

    folder: Path

    @classmethod
    def resolve(cls, folder: Path | str | None = None) -> VaultPaths:
        if folder is None:
            from platformdirs import user_data_dir

            folder = Path(user_data_dir("ERMS Desktop", "ERMS", roaming=False)) / "vault"
        return cls(Path(folder).expanduser().absolute())

    @property
    def database(self) -> Path:
        return self.folder / "vault.db"

    @property
    def wal(self) -> Path:
        return self.folder / "vault.db-wal"

    @property
    def shm(self) -> Path:
        return self.folder / "vault.db-shm"

    @property
    def keys(self) -> Path:
        """The wrapped data key and its parameters (no secret in the clear)."""
        return self.folder / "vault.keys"

    @property
    def commits(self) -> Path:
        """How many transactions the vault committed, kept where a damaged log cannot undo it."""
        return self.folder / "vault.commits"

    @property
    def attempts(self) -> Path:
        """The persisted count of wrong passphrases (drives the growing delay)."""
        return self.folder / "vault.attempts"

    @property
    def session(self) -> Path:
        """Present while the database is open; a leftover one means the last run crashed."""
        return self.folder / "vault.session"

    @property
    def viewing(self) -> Path:
        """Private folder for attachments decrypted for viewing; emptied on lock and at start."""
        return self.folder / "viewing"

    def companion(self, name: str) -> Path:
        """A file another part of the app keeps beside the vault (no personal data, e.g. the last
        sync time shown while locked). Named ``companion-<name>``; wipe removes it too."""
        if not name or Path(name).name != name or name in {".", ".."}:
            raise ValueError("a companion file needs a bare file name")
        return self.folder / f"{COMPANION_PREFIX}{name}"

    def companions(self) -> list[Path]:
        return sorted(self.folder.glob(f"{COMPANION_PREFIX}*"))

    def interrupted_writes(self) -> list[Path]:
        """Temporary files :func:`write_private_atomic` leaves when the app dies mid-write (the
        key file's or a companion's)."""
        return sorted(self.folder.glob(".*.tmp"))

    def all_files(self) -> tuple[Path, ...]:
        return (
            self.keys,
            self.database,
            self.wal,
            self.shm,
            self.commits,
            self.attempts,
            self.session,
        )


def make_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) owner-only, and tighten it if it already existed."""
    path.mkdir(mode=_DIR_MODE, parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(_DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty owner-only file; refuse if it exists (never clobber a vault)."""
    fd = os.open(path, NEW_FILE_FLAGS, _FILE_MODE)
    os.close(fd)


def write_private_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably, owner-only from the first byte."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, NEW_FILE_FLAGS, _FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_dir(path.parent)


def sync_dir(folder: Path) -> None:
    """Make a rename or delete in ``folder`` durable (no-op where directories cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
