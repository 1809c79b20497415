"""Changing the office password, where a 401 can mean two things.

The store answers 401 both to a wrong current password and to an ended session; a read with the
same session tells them apart, so a wrong password costs one attempt towards the lockout, not two.
An ended session is renewed with the current password (a refusal there means it was wrong) and the
change is tried once more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from erms_desktop.service import errors

if TYPE_CHECKING:
    from erms_desktop.sync.client import SyncClient


def change_office_password(client: SyncClient, current: str, new: str) -> None:
    from erms_desktop.sync.errors import AuthExpired

    with errors.refused_means(errors.PasswordRejected):
        try:
            client.change_password(current, new)
        except AuthExpired:
            if _session_alive(client):
                raise errors.PasswordRejected from None
            client.sign_in(current)
            client.change_password(current, new)


def _session_alive(client: SyncClient) -> bool:
    from erms_desktop.sync.errors import AuthExpired, RequestRefused

    try:
        client.engine().transport.digest()
    except AuthExpired:
        return False
    except RequestRefused:  # e.g. a session only good for changing the password: alive
        return True
    return True
