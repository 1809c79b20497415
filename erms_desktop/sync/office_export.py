"""Handing unsyncable work to the office: everything the vault holds that the central store does
not - quarantined records, refused mutations, open conflicts - exported as one file encrypted to
the organisation's recovery public key (so only the office, holding the private key, can read it;
nothing readable is written to disk here).

File layout: ``ERMSQX1\\n`` + label (ASCII, e.g. the device id) + ``\\n`` + the ECIES blob the
vault uses for its own recovery wrap (ephemeral X25519, HKDF-SHA256, AES-256-GCM with the label
bound in).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from erms_desktop.sync.conflicts import list_conflicts
from erms_desktop.sync.errors import SyncError
from erms_desktop.vault import Store
from erms_desktop.vault.paths import write_private_atomic
from erms_desktop.vault.wrap import UnwrapFailed, unwrap_with_recovery, wrap_for_recovery

MAGIC = b"ERMSQX1\n"


def unsynced_work(store: Store) -> dict[str, list[dict[str, Any]]]:
    """What this laptop holds that the store does not have, as plain data."""
    return {
        "quarantined": [asdict(entry) for entry in store.quarantined()],
        "rejected": [asdict(entry) for entry in store.rejected_outbox()],
        "conflicts": [asdict(conflict) for conflict in list_conflicts(store)],
    }


def export_for_office(store: Store, recovery_key: X25519PublicKey, path: Path, label: str) -> int:
    """Write the encrypted export to ``path`` (owner-only, atomically); returns its item count."""
    if not label.isascii() or "\n" in label or not label:
        raise SyncError("the export label is a short ASCII name such as the device id")
    work = unsynced_work(store)
    plaintext = json.dumps(work, ensure_ascii=False, sort_keys=True, default=str).encode()
    blob = wrap_for_recovery(plaintext, recovery_key, label)
    write_private_atomic(path, MAGIC + label.encode("ascii") + b"\n" + blob)
    return sum(len(items) for items in work.values())


def read_export(path: Path, private_key: X25519PrivateKey) -> dict[str, list[dict[str, Any]]]:
    """The office side: decrypt an export with the organisation's private key."""
    data = path.read_bytes()
    if not data.startswith(MAGIC):
        raise SyncError("not an ERMS export file")
    label, _, blob = data[len(MAGIC) :].partition(b"\n")
    try:
        plaintext = unwrap_with_recovery(blob, private_key, label.decode("ascii"))
    except (UnwrapFailed, ValueError) as exc:
        raise SyncError("the export cannot be opened with this key (or it was altered)") from exc
    loaded: dict[str, list[dict[str, Any]]] = json.loads(plaintext)
    return loaded
