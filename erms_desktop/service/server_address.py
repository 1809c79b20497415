"""The office server's address: the check every address passes, and the default the enrolment
wizard starts with.

On Windows the installer records the address the organisation deployed with in
``HKLM\\SOFTWARE\\ERMS\\ERMS Desktop``, value ``CentralUrl`` (always the 64-bit registry view);
elsewhere ``ERMS_CENTRAL_URL`` (``DesktopSettings.central_url``) may name it. An address that
fails the check is never offered: the wizard then starts empty, as it does with no default.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from urllib.parse import urlsplit

from erms_desktop.service import errors

REGISTRY_KEY = r"SOFTWARE\ERMS\ERMS Desktop"
REGISTRY_VALUE = "CentralUrl"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def checked_server_url(text: str) -> str:
    """The address, tidied, if it is ``https://host[:port][/path]``; plain ``http://`` only on
    this computer (demo and development). Anything else raises :class:`BadServerAddress`."""
    address = text.strip()
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number in range)
    except ValueError as exc:
        raise errors.BadServerAddress from exc
    if not parts.hostname or parts.username is not None or parts.query or parts.fragment:
        raise errors.BadServerAddress
    secure = parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)
    if not secure:
        raise errors.BadServerAddress
    return address.rstrip("/")


def default_server_url(
    configured: str | None,
    *,
    platform: str = sys.platform,
    registry: Callable[[], str | None] | None = None,
) -> str | None:
    """What the wizard's address field starts with, or None (then it starts empty)."""
    raw = (registry or installer_registry_value)() if platform == "win32" else configured
    if not raw:
        return None
    try:
        return checked_server_url(raw)
    except errors.BadServerAddress:
        return None


def installer_registry_value() -> str | None:
    """The installer's ``CentralUrl`` string, or None (not Windows, no key, not a string)."""
    if sys.platform != "win32":
        return None
    import winreg

    access = winreg.KEY_READ | winreg.KEY_WOW64_64KEY
    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, REGISTRY_KEY, 0, access) as key:
            value, kind = winreg.QueryValueEx(key, REGISTRY_VALUE)
    except OSError:
        return None
    if kind != winreg.REG_SZ or not isinstance(value, str):
        return None
    return value
