"""Entry script of both frozen executables: the ``erms-desktop`` command line, plus the named
mutex that tells the Windows installer the app is running."""

from __future__ import annotations

import sys

from bundle_layout import RUNNING_MUTEX

from erms_desktop.cli import main


def hold_running_mutex() -> None:
    """On Windows, create the named mutex and keep its handle for the life of the process; the OS
    releases it when the process ends, even after a crash. installer.nsis looks for it and refuses
    to replace or remove files in use. Failure (say another user's session owns it) changes
    nothing: the mutex already exists, which is all the installer checks."""
    if sys.platform != "win32":
        return
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    kernel32.CreateMutexW.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_wchar_p]
    kernel32.CreateMutexW(None, 0, RUNNING_MUTEX)


if __name__ == "__main__":
    hold_running_mutex()
    sys.exit(main())
