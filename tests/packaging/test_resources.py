"""The app finds its resources through importlib.resources, from source and frozen alike, and no
code looks for them relative to the working directory (which is wherever the app was started)."""

from __future__ import annotations

import ast
import re
from importlib import resources
from pathlib import Path

import pytest

from tests.packaging.tools import ROOT, built_bundle, packaging_module

# A string that names the resources folder as a relative path: "resources", "./resources/x.qss".
_RELATIVE_RESOURCE = re.compile(r"^(\.{1,2}[/\\])*resources([/\\]|$)")
_CWD_CALLS = {"os.getcwd", "getcwd", "Path.cwd", "pathlib.Path.cwd", "os.getcwdb"}


def working_directory_resource_uses(source: str) -> list[str]:
    """What in ``source`` reaches resources through the working directory."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _RELATIVE_RESOURCE.match(node.value):
                found.append(f"line {node.lineno}: path {node.value!r}")
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in _CWD_CALLS:
            found.append(f"line {node.lineno}: {ast.unparse(node.func)}()")
    return found


def _laptop_modules() -> list[Path]:
    """Everything that goes into the bundle (the central store does not; see bundle_layout)."""
    package = ROOT / "erms_desktop"
    return [
        path for path in package.rglob("*.py") if "central" not in path.relative_to(package).parts
    ]


def test_no_code_reads_resources_relative_to_the_working_directory() -> None:
    offenders = {
        str(path.relative_to(ROOT)): uses
        for path in _laptop_modules()
        if (uses := working_directory_resource_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "use importlib.resources.files('erms_desktop.resources')"


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('open("resources/styles/app.qss")', True),
        ('Path("./resources") / "icons"', True),
        ("Path(os.getcwd()) / name", True),
        ("Path.cwd()", True),
        ('resources.files("erms_desktop.resources") / "styles" / "app.qss"', False),
        ('"separation resources are listed"', False),
    ],
)
def test_the_check_tells_relative_paths_from_importlib_resources(
    source: str, flagged: bool
) -> None:
    assert bool(working_directory_resource_uses(source)) is flagged


def test_resources_are_found_from_source_through_importlib() -> None:
    base = resources.files("erms_desktop.resources")
    assert Path(str(base)).resolve() == (ROOT / "resources").resolve()
    data = packaging_module("bundle_layout").data_files(ROOT / "resources", "")
    assert data, "resources/ holds no data files"
    for source, _ in data:
        relative = Path(source).relative_to(ROOT / "resources")
        assert base.joinpath(*relative.parts).read_bytes() == Path(source).read_bytes()


def test_the_frozen_bundle_contains_every_resource() -> None:
    bundle = built_bundle()
    layout = packaging_module("bundle_layout")
    contents = layout.contents_dir()
    for source, target in layout.app_data_files():
        copy = contents / target / Path(source).name
        assert copy.is_file(), f"{copy.relative_to(bundle)} missing from the bundle"
        assert copy.read_bytes() == Path(source).read_bytes()


def test_the_frozen_bundle_can_import_the_resources_package() -> None:
    """importlib.resources.files() imports erms_desktop.resources first, so the frozen app needs
    the package itself, in the archive inside each executable, not only its files."""
    built_bundle()
    readers = pytest.importorskip("PyInstaller.archive.readers")
    layout = packaging_module("bundle_layout")
    for name in (layout.GUI_NAME, layout.CONSOLE_NAME):
        archive = readers.CArchiveReader(str(layout.executable(name)))
        pyz_name = next(entry for entry in archive.toc if entry.endswith(".pyz"))
        modules = archive.open_embedded_archive(pyz_name).toc
        assert {"erms_desktop.resources", "erms_desktop.cli"} <= set(modules)
        assert not any(module.startswith("erms_desktop.central") for module in modules)
