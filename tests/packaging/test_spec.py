"""The PyInstaller spec, run with stand-ins for PyInstaller's build steps: what it asks for is
what the issue requires (one folder, two executables, unused Qt left out, resources, version)."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest

from erms_desktop import __version__
from tests.packaging.tools import PACKAGING, packaging_module


class Step:
    """Records how the spec called one of PyInstaller's build steps."""

    calls: ClassVar[list[Step]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        self.pure, self.scripts, self.binaries = ["pure"], ["scripts"], ["binaries"]
        self.datas = kwargs.get("datas", [])
        Step.calls.append(self)


class Analysis(Step): ...


class PYZ(Step): ...


class EXE(Step): ...


class COLLECT(Step): ...


@pytest.fixture(scope="module")
def spec_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Step]]:
    workpath = tmp_path_factory.mktemp("work")
    Step.calls = []
    namespace = {
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
        "SPECPATH": str(PACKAGING),
        "workpath": str(workpath),
    }
    saved_path = list(sys.path)
    spec = PACKAGING / "erms_desktop.spec"
    try:
        exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
    by_kind: dict[str, list[Step]] = {}
    for call in Step.calls:
        by_kind.setdefault(type(call).__name__, []).append(call)
    return by_kind


def test_one_folder_with_a_windowed_and_a_console_executable(
    spec_run: dict[str, list[Step]],
) -> None:
    exes = spec_run["EXE"]
    assert {(exe.kwargs["name"], exe.kwargs["console"]) for exe in exes} == {
        ("ERMS Desktop", False),
        ("erms-desktop-console", True),
    }
    # One folder: binaries stay out of the executables and go into the single COLLECT...
    assert all(exe.kwargs["exclude_binaries"] for exe in exes)
    [collect] = spec_run["COLLECT"]
    assert collect.kwargs["name"] == "ERMS Desktop"
    # ...which both executables share.
    assert set(map(id, collect.args[:2])) == set(map(id, exes))
    [analysis] = spec_run["Analysis"]
    assert analysis.binaries in collect.args
    assert analysis.datas in collect.args


def test_unused_qt_modules_and_the_central_store_are_left_out(
    spec_run: dict[str, list[Step]],
) -> None:
    excludes = set(spec_run["Analysis"][0].kwargs["excludes"])
    for module in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtCharts"):
        assert f"PySide6.{module}" in excludes
    assert {"erms_desktop.central", "fastapi", "sqlalchemy", "pytest"} <= excludes
    for needed in ("QtCore", "QtGui", "QtWidgets", "QtSvg"):
        assert f"PySide6.{needed}" not in excludes


def test_resources_are_bundled_as_the_erms_desktop_resources_package(
    spec_run: dict[str, list[Step]],
) -> None:
    analysis = spec_run["Analysis"][0]
    assert "erms_desktop.resources" in analysis.kwargs["hiddenimports"]
    root = PACKAGING.parent
    bundled = {
        Path(source).relative_to(root).as_posix(): target for source, target in analysis.datas
    }
    resource_files = [
        path
        for path in (root / "resources").rglob("*")
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts
    ]
    assert resource_files, "resources/ holds no data files to check"
    for path in resource_files:
        relative = path.relative_to(root / "resources")
        expected = Path("erms_desktop/resources", *relative.parts[:-1]).as_posix()
        assert bundled[path.relative_to(root).as_posix()] == expected
    assert not any(source.startswith("erms_desktop/central/") for source in bundled)


def test_both_executables_carry_a_version_resource(spec_run: dict[str, list[Step]]) -> None:
    numbers = packaging_module("version_info").version_tuple(__version__)
    for exe in spec_run["EXE"]:
        text = Path(exe.kwargs["version"]).read_text(encoding="utf-8")
        call = ast.parse(text, mode="eval").body
        assert isinstance(call, ast.Call)
        assert ast.unparse(call.func) == "VSVersionInfo"
        fixed = next(k.value for k in call.keywords if k.arg == "ffi")
        assert isinstance(fixed, ast.Call)
        fields = {k.arg: ast.literal_eval(k.value) for k in fixed.keywords}
        assert fields["filevers"] == fields["prodvers"] == numbers
        assert f"'ProductVersion', '{__version__}'" in text
        assert f"'OriginalFilename', '{exe.kwargs['name']}.exe'" in text


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("2.10", (2, 10, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0))],
)
def test_version_numbers_for_windows(version: str, numbers: tuple[int, ...]) -> None:
    assert packaging_module("version_info").version_tuple(version) == numbers


@pytest.mark.parametrize("version", ["dev", "1.70000.0"])
def test_version_windows_cannot_hold_is_refused(version: str) -> None:
    with pytest.raises(ValueError, match="version"):
        packaging_module("version_info").version_tuple(version)


def test_both_executables_carry_the_app_icon_at_every_windows_size(
    spec_run: dict[str, list[Step]],
) -> None:
    [icon] = {exe.kwargs["icon"] for exe in spec_run["EXE"]}
    data = Path(icon).read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, *_, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert width == height
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == list(packaging_module("app_icon").SIZES)
