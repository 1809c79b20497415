"""Typed sync failures. The GUI decides what to say from the type; messages never carry case data.

Retryable (the scheduler backs off and tries again): :class:`Offline`, :class:`ServerError`.
Needing the user: :class:`AuthExpired`, :class:`UpgradeRequired`, :class:`MassDeletionPending`,
:class:`EmptyServerRefused`. Final: :class:`DeviceRevoked` (the vault has been wiped).
"""

from __future__ import annotations

from erms_desktop.vault import WipeReport


class SyncError(Exception):
    """Base class for every sync failure. A failed cycle leaves the vault consistent."""


class Offline(SyncError):
    """The central store could not be reached, or the connection broke mid-answer."""


class ServerError(SyncError):
    """The store answered with a server-side failure (5xx); try again later."""


class InvalidResponse(ServerError):
    """The answer was not a well-formed protocol message (garbage, or a store from the future
    speaking a newer dialect). Nothing was applied."""


class RequestRefused(SyncError):
    """The store refused a request (4xx) for a reason other than the typed ones below."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code


class CredentialsRefused(RequestRefused):
    """Enrolment, sign-in or a password change refused: a wrong, used or expired code, or a
    wrong name or password (``code`` says which the store reported; a locked account is 423)."""


class SequenceGap(RequestRefused):
    """The store expects an earlier device_seq than the one sent (local numbering is ahead)."""

    def __init__(self, expected: int | None, message: str) -> None:
        super().__init__(409, "sequence_gap", message)
        self.expected = expected


class AuthExpired(SyncError):
    """The session is missing or expired: the user must sign in again."""


class UpgradeRequired(SyncError):
    """Client and store speak incompatible protocol or schema versions."""

    def __init__(self, message: str, *, server_protocol: int | None = None) -> None:
        super().__init__(message)
        self.server_protocol = server_protocol


class DeviceRevoked(SyncError):
    """Office staff revoked this laptop. Raised by the engine after it crypto-shredded the vault;
    ``wipe`` says what was destroyed (None if the transport raised it before any wipe)."""

    def __init__(self, message: str, wipe: WipeReport | None = None) -> None:
        super().__init__(message)
        self.wipe = wipe


class MassDeletionPending(SyncError):
    """A pull would remove more than half of the local records. Nothing was removed; call
    :meth:`SyncEngine.confirm_mass_deletion` and sync again to go ahead."""

    def __init__(
        self, would_remove: int, local_total: int, by_case: dict[str, int] | None = None
    ) -> None:
        super().__init__(
            f"the central store asks to remove {would_remove} of {local_total} local records"
        )
        self.by_case = by_case or {}  # records per case id ("": not in a known case)
        self.would_remove = would_remove
        self.local_total = local_total


class EmptyServerRefused(SyncError):
    """A full re-download returned nothing while the vault holds records: an empty store never
    overwrites a full laptop. Nothing was removed."""


class NotEnrolled(SyncError):
    """The vault holds no device credentials yet: enrol first."""
