"""The OS keyring, held at arm's length: only real OS stores, every call on a worker thread with a
timeout, and the backend's name recorded so a change of backend is noticed and explained.

Accepted: Windows Credential Locker, macOS Keychain, the freedesktop Secret Service (gnome-keyring,
KeePassXC...) and KWallet. Refused: keyring's ``fail`` and ``null`` backends, anything from
``keyrings.alt`` (plaintext or weakly encrypted files), and a chainer that contains any of those.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Callable
from typing import TypeVar

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from erms_desktop.vault.errors import (
    DeviceSecretMissingError,
    KeyringError,
    KeyringTimeout,
    KeyringUnavailableError,
)

SERVICE = "ERMS Desktop vault"
DEFAULT_TIMEOUT = 5.0
_ACCEPTED = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
T = TypeVar("T")


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _leaves(backend: KeyringBackend) -> list[KeyringBackend]:
    inner = getattr(backend, "backends", None)
    if isinstance(inner, list | tuple):
        return [leaf for item in inner for leaf in _leaves(item)]
    return [backend]


class KeyringStore:
    """Reads and writes the vault's device secret in one keyring backend.

    ``backend=None`` takes the platform's default (``keyring.get_keyring()``). Tests that need a
    stand-in backend pass ``trust_backend=True`` explicitly; the app never does.
    """

    def __init__(
        self,
        backend: KeyringBackend | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        trust_backend: bool = False,
    ) -> None:
        self._backend = backend
        self._timeout = timeout
        self._trust = trust_backend

    def backend(self) -> KeyringBackend:
        """The backend to use, after checking it is a real OS store."""
        if self._backend is None:
            import keyring

            self._backend = self._call(keyring.get_keyring)
        if not self._trust:
            refused = [
                backend_name(leaf)
                for leaf in _leaves(self._backend)
                if backend_name(leaf) not in _ACCEPTED
            ]
            if refused:
                raise KeyringUnavailableError(
                    f"no usable OS keyring (refused backend: {', '.join(refused)})"
                )
        return self._backend

    def name(self) -> str:
        return backend_name(self.backend())

    def store_secret(self, device_id: str, secret: bytes) -> None:
        backend = self.backend()
        encoded = base64.b64encode(secret).decode("ascii")
        self._call(lambda: backend.set_password(SERVICE, device_id, encoded))

    def load_secret(self, device_id: str) -> bytes:
        backend = self.backend()
        encoded = self._call(lambda: backend.get_password(SERVICE, device_id))
        if encoded is None:
            raise DeviceSecretMissingError(
                "the OS keyring holds no device secret for this vault; the vault stays locked"
            )
        try:
            return base64.b64decode(encoded.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise DeviceSecretMissingError("the device secret in the keyring is damaged") from exc

    def delete_secret(self, device_id: str) -> bool:
        """Remove the device secret; True if one was there."""
        backend = self.backend()

        def delete() -> bool:
            try:
                backend.delete_password(SERVICE, device_id)
            except PasswordDeleteError:
                return False
            return True

        return self._call(delete)

    def has_secret(self, device_id: str) -> bool:
        backend = self.backend()
        return self._call(lambda: backend.get_password(SERVICE, device_id)) is not None

    def _call(self, action: Callable[[], T]) -> T:
        """Run ``action`` on a daemon thread; give up after the timeout (the thread is abandoned,
        which is the only safe thing to do with a call stuck inside D-Bus or a COM server)."""
        outcome: list[T] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.append(action())
            except BaseException as exc:  # handed back to the caller's thread below
                failure.append(exc)

        worker = threading.Thread(target=run, name="erms-keyring", daemon=True)
        worker.start()
        worker.join(self._timeout)
        if worker.is_alive():
            raise KeyringTimeout(f"the OS keyring did not answer within {self._timeout:g} s")
        if failure:
            error = failure[0]
            if isinstance(error, KeyringError):
                raise error
            if isinstance(error, Exception):  # keyring, D-Bus and OS errors alike
                raise KeyringUnavailableError(f"the OS keyring failed: {error}") from error
            raise error
        return outcome[0]
