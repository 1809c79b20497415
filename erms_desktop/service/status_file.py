"""When this laptop last synced and last reached the office, and the office's address, for the
unlock screen and ``doctor`` while the vault is locked. No case data and no personal data: three
fields, nothing else. For display and diagnosis only: the offline lease is enforced from the copy
inside the encrypted vault, and the sync client uses the address kept there, so editing this file
gains nothing.

It is one of the vault's companion files (``VaultPaths.companion``), so wiping the vault removes
it too and leaves no folder behind."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from erms_desktop.vault.paths import VaultPaths

STATUS_FILE = "shell-status.json"


@dataclass(frozen=True, slots=True)
class ContactTimes:
    last_sync: datetime | None = None
    last_contact: datetime | None = None
    server_url: str | None = None


def status_path(paths: VaultPaths) -> Path:
    return paths.companion(STATUS_FILE)


def read_times(path: Path) -> ContactTimes:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        url = raw.get("server_url")
        return ContactTimes(
            _parse(raw.get("last_sync")),
            _parse(raw.get("last_contact")),
            url if isinstance(url, str) else None,
        )
    except (OSError, ValueError, AttributeError):
        return ContactTimes()


def write_times(path: Path, times: ContactTimes) -> None:
    data = {
        "last_sync": times.last_sync.isoformat() if times.last_sync else None,
        "last_contact": times.last_contact.isoformat() if times.last_contact else None,
        "server_url": times.server_url,
    }
    from erms_desktop.vault.paths import write_private_atomic

    write_private_atomic(path, json.dumps(data).encode())


def _parse(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None
