"""Guards on the shape of the code base: the core never loads Qt, and packaging lists every
package."""

from __future__ import annotations

import ast
import re
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


OURS = ("domain", "vault", "protocol", "sync", "central", "service", "demo", "gui")


def _allowed_by_contracts() -> dict[str, set[str]]:
    """Each package's permitted imports of ours, read from the import-linter contracts."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    allowed = {package: set(OURS) - {package} for package in OURS}
    for contract in config["contracts"]:
        forbidden = {name.removeprefix("erms_desktop.") for name in contract["forbidden_modules"]}
        for source in contract["source_modules"]:
            allowed[source.removeprefix("erms_desktop.")] -= forbidden
    return allowed


def _allowed_by_the_docs() -> dict[str, set[str]]:
    """The "May import" column of docs/architecture.md's package table."""
    table = {}
    for line in (ROOT / "docs" / "architecture.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        row = re.fullmatch(r"`erms_desktop\.(\w+)`", cells[0]) if len(cells) == 3 else None
        if row and row.group(1) in OURS:
            named = set(re.findall(r"`(\w+)`", cells[2]))
            table[row.group(1)] = named & set(OURS)
    return table


def test_the_documented_import_rules_are_the_enforced_ones() -> None:
    """docs/architecture.md's table and the import-linter contracts (run by the test command)
    must say the same, so the page a newcomer reads is the rule the build enforces."""
    assert _allowed_by_the_docs() == _allowed_by_contracts()


def test_the_app_imports_no_test_code() -> None:
    bad = {(path, name) for path, name in _imports("") if name.split(".")[0] == "tests"}
    assert not bad, f"the shipped package imports test code: {sorted(bad)}"


def test_no_assert_guards_in_the_application() -> None:
    """``python -O`` strips ``assert``: nothing under erms_desktop/ may rely on one (issue 20)."""
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((ROOT / "erms_desktop").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []
