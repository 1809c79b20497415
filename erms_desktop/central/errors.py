"""Typed errors of the central store. The API maps each to an HTTP status and error code; the
admin CLI prints the message on stderr and exits non-zero."""

from __future__ import annotations


class CentralError(Exception):
    """Base class for refusals by the central store."""


class ConfigurationError(CentralError):
    """A bad database URL or setting."""


class NotFoundError(CentralError):
    """The named user, device, case, code or attachment does not exist (or is not visible)."""


class AlreadyExistsError(CentralError):
    """A username, record or allocation that must be unique already exists."""


class InvalidInputError(CentralError):
    """A value an operator or client gave is not acceptable (weak password, bad role...)."""


class AuthenticationError(CentralError):
    """Wrong credentials, unknown or expired token. Deliberately vague towards the caller."""

    def __init__(self, message: str = "invalid credentials", *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class AccountLockedError(CentralError):
    """Too many failed sign-ins; the account is locked for a while."""


class DeviceRevokedError(CentralError):
    """The device was revoked by staff: refuse everything and tell it to wipe."""


class PasswordChangeRequiredError(CentralError):
    """The password has expired (or was reset); only a password change is allowed."""


class ForbiddenError(CentralError):
    """The user may not see or change this."""


class SequenceGapError(CentralError):
    """A push skipped device_seq numbers; nothing was applied."""

    def __init__(self, expected: int) -> None:
        super().__init__(f"mutations must continue from device_seq {expected}")
        self.expected = expected


class TooLargeError(CentralError):
    """A body or attachment is over the configured limit."""


class AuditChainError(CentralError):
    """The audit log's hash chain does not verify: a row was changed, removed or inserted."""


class WrongPasswordError(CentralError):
    """A signed-in user gave a wrong current password when changing it. Not an authentication
    failure of the session (which stays valid), so it is not answered 401."""


class RateLimitedError(CentralError):
    """Too many attempts from one address, for one account or from one device in the window."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
