"""The vault's exceptions, translated into the shell's typed errors (explained by gui/messages)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from erms_desktop.service import errors


def _translations() -> tuple[tuple[type[Exception], type[errors.BackendError]], ...]:
    """Most specific first: the first match wins. (Imported late: the vault loads on the worker.)"""
    from erms_desktop.vault import errors as vault

    return (
        (vault.WrongPassphraseError, errors.WrongPassphrase),
        (vault.TooManyAttemptsError, errors.TooManyAttempts),
        (vault.WeakPassphraseError, errors.WeakPassphrase),
        (vault.VaultLockedError, errors.VaultLocked),
        (vault.VaultNotFoundError, errors.NotEnrolled),
        (vault.KeyringError, errors.KeyringUnavailable),
        (vault.VaultError, errors.VaultProblem),
    )


@contextmanager
def translated() -> Iterator[None]:
    from erms_desktop.vault.errors import VaultError

    try:
        yield
    except VaultError as exc:
        for source, target in _translations():
            if isinstance(exc, source):
                raise target from exc
        raise errors.VaultProblem from exc  # pragma: no cover - VaultError is the last entry
