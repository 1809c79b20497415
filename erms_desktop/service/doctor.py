"""``erms-desktop doctor``: what support staff need to diagnose a laptop, and no personal data.

Runs without Qt. Each probe catches its own failure and reports it as a line, so one broken part
(a missing keyring daemon, say) never hides the rest of the report.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from erms_desktop import __version__
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.keyring_policy import KeyringSetting, keyring_setting

if TYPE_CHECKING:
    from erms_desktop.service.desktop import DesktopService

# Keyring backends that do not protect the secret (or do not store it at all): the vault must not
# rely on them (docs/security-model.md).
_NOT_REAL_STORES = ("fail", "null", "plaintext", "file", "chainer")
SQLCIPHER = "SQLCipher"
MISSING = "missing"


def keyring_probe() -> tuple[str, str]:
    """The keyring backend's name and whether the vault may rely on it."""
    import keyring

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    lowered = name.lower()
    if any(word in lowered for word in _NOT_REAL_STORES) or getattr(backend, "priority", 0) <= 0:
        return (
            name,
            "refused: not a real OS credential store (passphrase-only mode if policy allows)",
        )
    return name, "OS credential store"


def sqlcipher_version() -> str:
    """The SQLCipher build the vault would use. Importing it here means a frozen bundle that
    lost the module fails ``doctor`` (and so the packaging smoke test), not the first unlock."""
    import sqlcipher3

    connection = sqlcipher3.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    if not row or not row[0]:  # a plain SQLite build would encrypt nothing
        raise RuntimeError("the sqlcipher3 module has no SQLCipher in it")
    return f"{row[0]} (SQLite {sqlcipher3.sqlite_version})"


def report_lines(
    service: DesktopService,
    *,
    keyring: Callable[[], tuple[str, str]] = keyring_probe,
    policy: KeyringSetting | None = None,
    sqlcipher: Callable[[], str] = sqlcipher_version,
) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = [
        ("Version", __version__),
        ("Python", f"{platform.python_version()} ({sys.platform}, {platform.machine()})"),
    ]
    try:
        lines.append((SQLCIPHER, sqlcipher()))
    except Exception as exc:  # ImportError in a broken bundle; reported, and main() fails
        lines.append((SQLCIPHER, f"{MISSING}: {type(exc).__name__}"))
    try:
        name, mode = keyring()
        lines += [("Keyring backend", name), ("Keyring mode", mode)]
    except Exception as exc:  # the report must go on
        lines.append(("Keyring backend", f"error: {type(exc).__name__}"))
    if policy is not None:
        lines.append(("Keyring policy", policy.describe()))
    try:
        diag = service.diagnostics()
    except Exception as exc:
        lines.append(("Vault", f"error: {type(exc).__name__}"))
        return lines
    pending = str(diag.pending_outbox)
    if diag.pending_outbox is None:
        no_vault = diag.vault_state.startswith("absent")
        pending = "none (no vault on this laptop)" if no_vault else "unknown while locked"
    lines += [
        ("Backend", diag.backend),
        ("Vault state", diag.vault_state),
        ("Integrity check", diag.integrity),
        ("Central store", diag.central),
        ("Pending outbox", pending),
        ("Last sync", uk_datetime(diag.last_sync)),
    ]
    return lines


def render(lines: list[tuple[str, str]]) -> str:
    width = max(len(label) for label, _ in lines)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in lines)


def main(service: DesktopService, *, demo: bool = False) -> int:
    """Prints the report; exits 1 when SQLCipher is missing (nothing could be kept safely)."""
    lines = report_lines(service, policy=keyring_setting(demo=demo, settings=service.settings))
    print(render(lines))
    return 1 if dict(lines)[SQLCIPHER].startswith(MISSING) else 0
