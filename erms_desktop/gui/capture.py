"""Optional exclusion of the window from screen capture and screen sharing.

Windows 10 2004+ offers ``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)``; the window
then appears black in screenshots, recordings and shared screens. No other platform the service
uses has an equivalent, so elsewhere this is a documented no-op that reports False.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

WDA_NONE = 0x0
WDA_EXCLUDEFROMCAPTURE = 0x11


def capture_exclusion_supported() -> bool:
    return sys.platform == "win32"


def set_capture_excluded(window: QWidget, excluded: bool) -> bool:
    """Ask the OS to hide (or show again) ``window`` in captures; True if the OS agreed."""
    if sys.platform != "win32":
        return False
    import ctypes

    hwnd = int(window.winId())
    affinity = WDA_EXCLUDEFROMCAPTURE if excluded else WDA_NONE
    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    return bool(user32.SetWindowDisplayAffinity(hwnd, affinity))
