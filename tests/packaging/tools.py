"""Access to the packaging scripts from the tests. packaging/ is a folder of scripts, not a package
(its name would shadow the ``packaging`` library), so its modules are loaded from their files."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import in_ci

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
INSTALLER_SCRIPT = ROOT / "installer.nsis"
# Set by .ci/run after it has built the bundle: from then on a missing bundle is a failure.
REQUIRE_BUNDLE = "ERMS_REQUIRE_BUNDLE"


def packaging_module(name: str) -> ModuleType:
    """Import packaging/<name>.py under a private name (its siblings stay importable by their own
    names, as they are when PyInstaller or the build script runs them)."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    qualified = f"erms_packaging_{name}"
    if qualified not in sys.modules:
        spec = importlib.util.spec_from_file_location(qualified, PACKAGING / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[qualified] = module
        spec.loader.exec_module(module)
    return sys.modules[qualified]


def makensis() -> str:
    """The NSIS compiler; skipped without it only outside CI (CI installs the nsis package)."""
    found = shutil.which("makensis")
    if found is None:
        if in_ci():
            pytest.fail("makensis is missing in CI: apt-get install nsis")
        pytest.skip("makensis not installed (Debian package nsis)")
    return found


def bundle_stand_in(folder: Path) -> Path:
    """A few files with the bundle's names: enough for the installer, whose logic is what the
    installer tests check (the real bundle is a Linux one here, not something to install)."""
    bundle = folder / "ERMS Desktop"
    resources = bundle / "_internal" / "erms_desktop" / "resources"
    resources.mkdir(parents=True)
    (bundle / "ERMS Desktop.exe").write_bytes(b"MZ windowed")
    (bundle / "erms-desktop-console.exe").write_bytes(b"MZ console")
    (resources / "app.qss").write_text("QWidget {}")
    return bundle


def compile_nsis(
    folder: Path, *defines: str, script: Path = INSTALLER_SCRIPT
) -> subprocess.CompletedProcess[str]:
    """makensis in ``folder``, warnings as errors, listing every compiled instruction (-V4)."""
    command = [makensis(), "-V4", "-WX", *(f"-D{define}" for define in defines)]
    return subprocess.run(
        [*command, str(script)],
        capture_output=True,
        text=True,
        cwd=folder,
        check=False,
        timeout=120,
    )


def bundle_problem() -> str:
    """Why the bundle in dist/ cannot be tested: not built, or older than a bundled resource."""
    layout = packaging_module("bundle_layout")
    bundle: Path = layout.bundle_dir()
    console: Path = layout.executable(layout.CONSOLE_NAME)
    if not console.exists():
        return f"no bundle built at {bundle} (run: .venv/bin/python packaging/build.py)"
    sources = [Path(source) for source, _ in layout.app_data_files()]
    newest = max((path.stat().st_mtime for path in sources), default=0.0)
    if newest > console.stat().st_mtime:
        return f"the bundle at {bundle} is older than resources/ (rebuild it)"
    return ""


def built_bundle() -> Path:
    """The bundle in dist/ when it can be tested; otherwise a skip saying why, or a failure once
    CI has built it (ERMS_REQUIRE_BUNDLE=1)."""
    problem = bundle_problem()
    if problem:
        if os.environ.get(REQUIRE_BUNDLE) == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    return Path(packaging_module("bundle_layout").bundle_dir())
