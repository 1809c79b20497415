"""Guards on the shape of the code base: the core never loads Qt, and packaging lists every
package."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from erms_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
# The core of the design, plus the Qt-free desktop service the GUI drives.
CORE = ["domain", "vault", "protocol", "sync", "central", "service"]


def _core_modules() -> list[str]:
    modules = []
    for package in CORE:
        base = ROOT / "erms_desktop" / package
        for path in sorted(base.rglob("*.py")):
            if "migrations" in path.parts and path.name != "__init__.py":
                continue  # Alembic scripts are loaded by Alembic, not imported
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules.append(".".join(parts))
    return modules


def test_core_imports_no_qt() -> None:
    """Import every core module in a fresh interpreter and check no PySide6 module was loaded."""
    modules = _core_modules()
    assert len(modules) >= 4
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6','shiboken6'})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "", f"core loaded Qt: {result.stdout}"


@pytest.mark.parametrize("command", ["erms_desktop.cli", "erms_desktop.central.cli"])
def test_version_without_qt(command: str) -> None:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['x', '--version']\n"
        "try:\n"
        f"    runpy.run_module({command!r}, run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert __version__ in result.stdout
    assert result.stdout.strip().endswith("NOQT")


def test_every_package_is_listed_for_installation() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "erms_desktop").rglob("__init__.py")
    }
    resources = ROOT / "resources"
    found |= {
        ".".join(("erms_desktop", "resources", *folder.relative_to(resources).parts))
        for folder in [resources, *resources.rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


def _imports(package: str) -> set[tuple[str, str]]:
    """(file, imported module) for every import statement under ``erms_desktop/<package>``."""
    found = set()
    base = ROOT / "erms_desktop" / package
    for path in base.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            found |= {(str(path.relative_to(ROOT)), name) for name in names}
    return found


def test_the_gui_reaches_the_core_only_through_the_desktop_service() -> None:
    """Domain value types are the one exception: they are what the service hands over."""
    core = ("vault", "sync", "protocol", "central", "demo")
    bad = {
        (path, name)
        for path, name in _imports("gui")
        if name.split(".")[:2] in [["erms_desktop", part] for part in core]
    }
    assert not bad, f"the GUI goes around the desktop service: {sorted(bad)}"


def test_the_app_imports_no_test_code() -> None:
    bad = {(path, name) for path, name in _imports("") if name.split(".")[0] == "tests"}
    assert not bad, f"the shipped package imports test code: {sorted(bad)}"
