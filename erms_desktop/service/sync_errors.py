"""The sync client's exceptions, translated into the shell's typed errors."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager

from erms_desktop.service import errors


@contextmanager
def translated_sync(*, refused: type[errors.BackendError] = errors.SignInNeeded) -> Iterator[None]:
    """``refused`` names what a refused sign-in means here: a wrong enrolment (code, name or
    password), a wrong office password, or (during a sync) an ended session."""
    from erms_desktop.sync import errors as sync

    try:
        yield
    except sync.Offline as exc:
        if _certificate_failure(exc):
            raise errors.CertificateProblem from exc
        raise errors.ServerUnreachable from exc
    except sync.AuthExpired as exc:
        raise refused from exc
    except sync.DeviceRevoked as exc:
        raise errors.LaptopWithdrawn from exc
    except sync.UpgradeRequired as exc:
        raise errors.UpgradeNeeded from exc
    except (sync.MassDeletionPending, sync.EmptyServerRefused) as exc:
        raise errors.MassRemovalHeld from exc
    except sync.ServerError as exc:  # 5xx or a garbled answer: nothing applied; try later
        raise errors.ServerUnreachable from exc
    except sync.RequestRefused as exc:
        if exc.code == "account_locked":
            raise errors.AccountLocked from exc
        if refused is not errors.SignInNeeded:
            raise refused from exc
        raise errors.BackendError("the office server refused the request") from exc
    except sync.NotEnrolled as exc:
        raise errors.NotEnrolled from exc


def _certificate_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
