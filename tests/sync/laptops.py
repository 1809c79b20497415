"""Laptop vaults for sync tests: real SQLCipher, passphrase-only (no OS keyring involved), cheap
Argon2 parameters (named as such). Importable by child processes as well as by fixtures."""

from __future__ import annotations

from pathlib import Path

from erms_desktop.vault import Argon2Params, KeyringPolicy, Vault, VaultPolicy
from erms_desktop.vault.recovery import generate_recovery_key

PASSPHRASE = "laptop passphrase 1"
POLICY = VaultPolicy(keyring=KeyringPolicy.NEVER, argon2=Argon2Params.insecure_for_tests())
RECOVERY = generate_recovery_key()


def new_vault(folder: Path) -> Vault:
    vault = Vault(folder, policy=POLICY)
    vault.create(PASSPHRASE, RECOVERY.public_key())
    return vault


def open_vault(folder: Path) -> Vault:
    vault = Vault(folder, policy=POLICY)
    vault.unlock(PASSPHRASE)
    return vault
