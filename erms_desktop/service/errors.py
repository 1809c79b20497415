"""The desktop service's own failures: what only the service can say, because the meaning comes
from where in the volunteer's work a core error happened (a refused sign-in while enrolling is a
refused enrolment; while syncing, an ended session). Every other failure keeps its core type
(``domain.errors``, ``vault.errors``, ``sync.errors``, the casework refusals), and
:func:`erms_desktop.service.messages.user_message` puts any of them into plain English. Nothing
here carries personal data, so an exception can be logged safely."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class ServiceError(Exception):
    """Base class of the desktop service's own failures."""


class CheckInStopped(ServiceError):
    """A laptop check-in stopped before anything was wiped (or, once the store held everything,
    before it was finished); its message, written for office staff, says why and what to do.
    Running the check-in again resumes it (service/checkin.py)."""


class LeaseExpired(ServiceError):
    """The offline lease ran out and the central store cannot be reached to renew it."""


class VaultDamaged(ServiceError):
    """The vault is damaged and cannot be opened; changes not yet synced may be inside it (office
    staff can try to recover them with the organisation key). It can be wiped and set up again."""


class VaultIncomplete(VaultDamaged):
    """The vault was never finished (a crash while it was being created): it holds no work, so
    wiping it and setting up again loses nothing."""


class WipeRefused(ServiceError):
    """A wipe was asked for although unlocking has not found the vault damaged."""


class WipeIncomplete(ServiceError):
    """Wiping the vault could not remove everything (the keys are gone first, so nothing left is
    readable)."""


class EnrolmentRefused(ServiceError):
    """The office refused the enrolment: the code, or the user name and password, are wrong
    (the server does not say which, on purpose)."""


class WrongCredentials(ServiceError):
    """The central store refused the office password when signing in again."""


class PasswordRejected(ServiceError):
    """The central store refused a password change (wrong current password or policy)."""


class SignInNeeded(ServiceError):
    """The office session ended: the volunteer signs in again with the office password."""


class MassRemovalHeld(ServiceError):
    """The office's latest changes would remove most of the records on this laptop; nothing was
    removed. ``cases`` says what would leave: (case reference, records), largest first (a
    reference of "" stands for records the laptop cannot place in a case); ``case_ids`` the
    same cases by id, for telling the office which were kept."""

    def __init__(
        self,
        cases: list[tuple[str, int]],
        would_remove: int,
        local_total: int,
        case_ids: tuple[str, ...] = (),
    ) -> None:
        super().__init__(f"{would_remove} of {local_total} local records would be removed")
        self.cases = cases
        self.case_ids = case_ids
        self.would_remove = would_remove
        self.local_total = local_total


class NothingToRetry(ServiceError):
    """The refused change is no longer waiting to be sent again (already resolved)."""


class BadServerAddress(ServiceError):
    """A server address that is not https:// (plain http is allowed only on this computer)."""


class ServerNotAvailable(ServiceError):
    """This install cannot do that with the office server (no organisation key provisioned)."""


@contextmanager
def refused_means(meaning: type[ServiceError]) -> Iterator[None]:
    """Inside this block, the office refusing who we are (an ended session, a wrong password or
    code) means ``meaning``. A locked account keeps its own type: it says the same everywhere."""
    from erms_desktop.sync.errors import AuthExpired, RequestRefused

    try:
        yield
    except AuthExpired as exc:
        raise meaning from exc
    except RequestRefused as exc:
        if exc.code == "account_locked" or meaning is SignInNeeded:
            raise
        raise meaning from exc


class UseOfficeSignIn(ServiceError):
    """A staff account tried to enrol a laptop: office staff use office sign-in instead."""


class NotOfficeStaff(ServiceError):
    """Office sign-in with a volunteer's account: volunteers sign in on their own laptop."""


class OfficeRefused(ServiceError):
    """The store refused an office action; the message is the store's own plain sentence for
    office staff (the office API writes its refusals for them, never quoting case content)."""


@contextmanager
def staff_refused() -> Iterator[None]:
    """Inside an enrolment, the store's 403 means the account is office staff: laptops are
    enrolled for volunteers, and staff use office sign-in."""
    from erms_desktop.sync.errors import RequestRefused

    try:
        yield
    except RequestRefused as exc:
        if exc.status == 403 and exc.code == "forbidden":
            raise UseOfficeSignIn from exc
        raise
