"""The system libraries Qt's xcb platform needs: the table covers what PySide6's xcb plugin really
links, the demo's check names the missing packages, and the README and CI list them all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import in_ci
from tests.packaging.tools import ROOT, packaging_module

qt_libs = packaging_module("qt_system_libraries")
bootstrap = packaging_module("bootstrap")

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb is Linux's")
# What every Debian or Ubuntu system has (libc6, libstdc++6, libgcc-s1, zlib1g, libzstd1).
ALWAYS_PRESENT = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1"}
ALWAYS_PRESENT |= {"libzstd.so.1", "ld-linux-x86-64.so.2", "libdl.so.2", "libpthread.so.0"}


def test_the_check_names_each_missing_package_once() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0"}
    missing = qt_libs.missing_packages(found=lambda soname: soname not in absent)
    assert missing == ["libglib2.0-0", "libxcb-icccm4", "libxcb-keysyms1"]
    assert qt_libs.missing_packages(found=lambda soname: True) == []


@pytest.mark.parametrize(
    ("platform", "chosen", "checked"),
    [
        ("linux", None, True),
        ("linux", "xcb", True),
        ("linux", "wayland;xcb", True),
        ("linux", "offscreen", False),
        ("linux", "wayland", False),
        ("win32", None, False),
    ],
)
def test_only_a_linux_x_display_is_checked(platform: str, chosen: str | None, checked) -> None:
    environ = {} if chosen is None else {"QT_QPA_PLATFORM": chosen}
    assert qt_libs.uses_xcb(platform, environ) is checked


def test_the_demo_names_the_apt_packages_before_installing_or_starting_qt(monkeypatch) -> None:
    monkeypatch.setattr(bootstrap.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    checked = bootstrap.qt_system_libraries
    monkeypatch.setattr(checked, "loadable", lambda soname: soname != "libxcb-icccm.so.4")
    steps = []
    monkeypatch.setattr(bootstrap, "ensure_environment", lambda: steps.append("install"))
    monkeypatch.setattr(bootstrap.subprocess, "call", lambda *args, **kwargs: steps.append("qt"))
    with pytest.raises(SystemExit) as stopped:
        bootstrap.main(["demo"])
    assert "sudo apt-get install libxcb-icccm4\n" in str(stopped.value.code)
    assert steps == []


@linux_only
def test_nothing_is_missing_on_this_machine() -> None:
    missing = qt_libs.missing_packages()
    assert missing == [], qt_libs.install_advice(missing)


def needed(library: Path) -> set[str]:
    """The sonames an ELF file asks the dynamic loader for (objdump -p's NEEDED lines)."""
    dump = subprocess.run(["objdump", "-p", str(library)], capture_output=True, check=True)
    return {line.split()[1] for line in dump.stdout.decode().splitlines() if "NEEDED" in line}


@linux_only
def test_the_table_covers_every_system_library_the_xcb_plugin_links() -> None:
    if shutil.which("objdump") is None:
        if in_ci():
            pytest.fail("objdump is missing in CI: apt-get install binutils")
        pytest.skip("objdump not installed (Debian package binutils)")
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugins = qt / "plugins"
    pending = [plugins / "platforms" / "libqxcb.so", *(plugins / "xcbglintegrations").glob("*.so")]
    seen: set[Path] = set()
    system: set[str] = set()
    while pending:
        library = pending.pop()
        seen.add(library)
        for soname in needed(library):
            bundled = qt / "lib" / soname
            if bundled.exists():
                pending += [] if bundled in seen else [bundled]
            else:
                system.add(soname)
    assert "libxcb-icccm.so.4" in system  # the walk reached the plugin's own links
    assert system - ALWAYS_PRESENT <= set(qt_libs.XCB_LIBRARIES)


@pytest.mark.parametrize("document", ["README.md", ".ci/run"])
def test_the_readme_and_ci_list_every_package(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    listed = set(text.replace("`", " ").replace("\\", " ").split())
    assert set(qt_libs.packages()) <= listed
