"""The audit chain's key and its signed checkpoints, both kept outside the database.

Someone with full rights on the database (or a copy of a backup) can rewrite rows and the
counter, but cannot compute the keyed hash without the key, and cannot rewind the chain below
the newest checkpoint: each checkpoint is an HMAC-signed JSON line ``{store, position, hash,
at, mac}`` appended (and fsynced) to a file named in the settings; ``store`` is the database URL
without its password, so stores may share a file. Checkpoints are written whenever the chain
crosses a multiple of ``audit_checkpoint_every`` entries, on a timer, at shutdown and
after every admin command.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from erms_desktop.central.errors import AuditChainError, ConfigurationError
from erms_desktop.central.models import Counter
from erms_desktop.central.settings import CentralSettings, data_folder

SEAL_INFO = "audit_seal"
_FIRST = "audit_first_position"
_HEAD = "audit_head"
_KEY_BYTES = 32


@dataclass(frozen=True, slots=True)
class Checkpoint:
    position: int
    hash: str


class AuditSeal:
    """The key and checkpoint file of one store; one per process, shared by its sessions."""

    def __init__(self, key: bytes, checkpoint_file: Path, every: int, store: str) -> None:
        if len(key) < 16:
            raise ConfigurationError("the audit key needs at least 16 bytes")
        self.key = key
        self.store = store
        self.checkpoint_file = checkpoint_file
        self.every = every
        self._lock = threading.Lock()
        self._written = 0

    def mac(self, text: str) -> str:
        return hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()

    def write(self, head: Checkpoint) -> None:
        """Append one signed checkpoint line and fsync it (once per position per process)."""
        with self._lock:
            if head.position <= self._written:
                return
            at = datetime.now(UTC).isoformat(timespec="seconds")
            line = {"store": self.store, "position": head.position, "hash": head.hash, "at": at}
            line["mac"] = self.mac(_signed_text(line))
            self.checkpoint_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.checkpoint_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (json.dumps(line, separators=(",", ":")) + "\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            self._written = head.position

    def latest(self) -> Checkpoint | None:
        """The furthest signed checkpoint; a line not signed with the key is tampering."""
        if not self.checkpoint_file.exists():
            return None
        best: Checkpoint | None = None
        lines = self.checkpoint_file.read_text(encoding="utf-8").splitlines()
        for number, text in enumerate(lines, start=1):
            try:
                line = json.loads(text)
                if line["store"] != self.store:  # another database sharing the file
                    continue
                valid = hmac.compare_digest(str(line["mac"]), self.mac(_signed_text(line)))
                found = Checkpoint(int(line["position"]), str(line["hash"]))
            except (ValueError, KeyError, TypeError):
                valid = False
            if not valid:
                raise AuditChainError(f"audit checkpoint line {number} is not signed by this store")
            if best is None or found.position > best.position:
                best = found
        return best

    def checkpoint_head(self, session: Session) -> None:
        """Write the committed chain head as a checkpoint (timer, shutdown, admin commands)."""
        row = session.get(Counter, "audit")
        if row is not None and row.value > 0:
            self.write(Checkpoint(int(row.value), row.text))


def _signed_text(line: dict[str, Any]) -> str:
    return f"checkpoint|{line['store']}|{line['position']}|{line['hash']}|{line['at']}"


def seal_from(settings: CentralSettings) -> AuditSeal:
    """The key from the settings (the key itself, or a key file; by default a key file created
    in the data folder), and the checkpoint file (by default in the data folder)."""
    if settings.audit_key is not None:
        key = settings.audit_key.get_secret_value().encode()
    else:
        key = _key_from_file(settings.audit_key_file or data_folder() / "audit.key")
    checkpoints = settings.audit_checkpoint_file or data_folder() / "audit-checkpoints.jsonl"
    store = make_url(settings.database_url).render_as_string(hide_password=True)
    return AuditSeal(key, checkpoints, settings.audit_checkpoint_every, store)


def _key_from_file(path: Path) -> bytes:
    """Read the key file, creating it (mode 0600, random) if it does not exist yet. The new key
    is written to a private file first and linked into place, so workers starting together
    all end up reading the one complete key."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_hex(_KEY_BYTES).encode())
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(FileExistsError):  # another worker's key is in place
                os.link(draft, path)
        finally:
            draft.unlink()
    return path.read_bytes().strip()


def seal_of(session: Session) -> AuditSeal:
    seal = session.info.get(SEAL_INFO)
    if not isinstance(seal, AuditSeal):
        raise ConfigurationError("no audit key: sessions must come from a sealed factory")
    return seal


def note_entry(session: Session, position: int, entry_hash: str) -> None:
    """Remember the newest entry of this transaction, for the checkpoint after commit."""
    session.info.setdefault(_FIRST, position)
    session.info[_HEAD] = Checkpoint(position, entry_hash)


def install(factory: sessionmaker[Session], seal: AuditSeal) -> None:
    """Give every session of ``factory`` the seal, and checkpoint after commits that cross a
    multiple of ``seal.every`` entries."""
    factory.configure(info={SEAL_INFO: seal})

    def after_commit(session: Session) -> None:
        head = session.info.pop(_HEAD, None)
        first = session.info.pop(_FIRST, None)
        crossed = isinstance(head, Checkpoint) and isinstance(first, int)
        if crossed and head.position // seal.every > (first - 1) // seal.every:
            seal.write(head)

    def after_rollback(session: Session) -> None:
        session.info.pop(_HEAD, None)
        session.info.pop(_FIRST, None)

    event.listen(factory, "after_commit", after_commit)
    event.listen(factory, "after_rollback", after_rollback)
