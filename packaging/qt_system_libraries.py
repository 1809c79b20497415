"""The system libraries Qt's X11 display plugin (xcb) loads, and the Debian/Ubuntu packages that
provide them, so the demo can name what to install instead of letting Qt crash.

PySide6's wheel brings Qt but not these. When one is missing Qt stops with "Could not load the
Qt platform plugin 'xcb'" and often names a different library than the missing one. The table
is what ``objdump -p`` lists as NEEDED by PySide6 6.12's ``plugins/platforms/libqxcb.so``, its
``plugins/xcbglintegrations`` and the Qt libraries they pull in (XcbQpa, Gui, Core, DBus), less
what every Debian or Ubuntu system has (libc, libstdc++, zlib, zstd); the packages' own
dependencies (libxau6, libglvnd0, ...) come with them. Standard library only.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping

# soname -> Debian/Ubuntu package (Ubuntu 24.04 installs libglib2.0-0t64 for libglib2.0-0).
XCB_LIBRARIES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def packages() -> list[str]:
    """Every package in the table, once each, sorted: the README's and CI's list."""
    return sorted(set(XCB_LIBRARIES.values()))


def uses_xcb(platform: str, environ: Mapping[str, str]) -> bool:
    """Whether Qt will try its xcb plugin: on Linux, unless QT_QPA_PLATFORM names only other
    platforms (offscreen for tests, wayland, ...). Qt's own default on Linux is xcb."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if not chosen:
        return True
    return any(entry.split(":")[0].strip() == "xcb" for entry in chosen.split(";"))


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds the library, searched exactly as Qt's plugin will be."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_packages(found: Callable[[str], bool] | None = None) -> list[str]:
    """The packages whose libraries the loader (or ``found``, in tests) cannot find, sorted, each
    once."""
    check = found or loadable
    return sorted({package for soname, package in XCB_LIBRARIES.items() if not check(soname)})


def install_advice(missing: list[str]) -> str:
    """The plain message the demo prints instead of Qt's crash."""
    return (
        "Qt's X11 display support needs system libraries that are not installed.\n"
        "On Debian or Ubuntu install them with:\n\n"
        f"    sudo apt-get install {' '.join(missing)}\n\n"
        "(Other distributions package the same libraries under similar names.)"
    )
