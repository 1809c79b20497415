"""A real vault (SQLCipher, cheap Argon2id parameters named as such) and the demo office server
(app_backend/demo_central.py) playing the central store's part through the sync port. The sync
client itself is issue 6."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from erms_desktop.demo.stand_in_central import (
    DEMO_ENROLMENT_CODE,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    DemoCentral,
)
from erms_desktop.service.desktop import VaultBackend
from erms_desktop.service.models import EnrolmentRequest
from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy

PASSPHRASE = "plum orbit lantern meadow"
CHEAP = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params.insecure_for_tests())


def small_central() -> DemoCentral:
    """The demo office server with a smaller caseload (5 cases for the volunteer)."""
    return DemoCentral(case_count=8)


def vault_backend(
    folder: Path, port: DemoCentral | None, clock: Callable[[], datetime] | None = None
) -> VaultBackend:
    return VaultBackend(
        lambda: Vault(folder, policy=CHEAP),
        sync=port,
        clock=clock or (lambda: datetime.now(UTC)),
    )


def enrolled(
    folder: Path, port: DemoCentral, clock: Callable[[], datetime] | None = None
) -> VaultBackend:
    backend = vault_backend(folder, port, clock)
    backend.enrol(
        EnrolmentRequest(
            "https://erms.example.org", DEMO_ENROLMENT_CODE, DEMO_USERNAME, DEMO_PASSWORD
        )
    )
    backend.set_passphrase(PASSPHRASE)
    backend.sync_now(lambda _p: None)
    return backend
