"""What the frozen bundle looks like: its names, where it is built, what it leaves out and which
data files it carries. Shared by the PyInstaller spec, the build script and the tests, so the three
cannot drift apart. Standard library only (the spec runs inside PyInstaller)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build"

# One folder, two executables sharing it: the windowed app volunteers start from the Start menu,
# and a console twin support staff run in a terminal for --version and doctor.
BUNDLE_NAME = "ERMS Desktop"
GUI_NAME = "ERMS Desktop"
CONSOLE_NAME = "erms-desktop-console"

# The named mutex each frozen process holds while it runs; installer.nsis refuses to install or
# uninstall while it exists. "Global\" makes it visible across user sessions (fast user switching,
# and IT deployment tools that run the installer as SYSTEM in session 0).
RUNNING_MUTEX = "Global\\ERMSDesktopRunning"

# Qt modules the app does not use. PySide6-Essentials ships QML/Quick, the designer and more; left
# to itself PyInstaller would collect whatever an import chain happens to touch.
_UNUSED_QT = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtHelp",
    "QtHttpServer",
    "QtLabsStyleKit",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQmlFeatures",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
]
if sys.platform == "win32":
    _UNUSED_QT.append("QtDBus")  # the Linux build hears screen-lock signals over D-Bus
QT_EXCLUDES = [f"PySide6.{name}" for name in _UNUSED_QT]

# The laptop never runs the central store (demo mode, which embeds it, is a from-source
# development feature), and the test and lint tools are development dependencies.
NON_LAPTOP_EXCLUDES = [
    "erms_desktop.central",
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "psycopg_binary",
    "schemathesis",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "mypy",
    "tkinter",
]

EXCLUDES = QT_EXCLUDES + NON_LAPTOP_EXCLUDES

# Files that are code (PyInstaller compiles and archives those) rather than data to copy.
_CODE_SUFFIXES = {".py", ".pyc", ".pyo", ".pyi"}


def bundle_dir() -> Path:
    return DIST / BUNDLE_NAME


def executable(name: str) -> Path:
    """Path of one of the bundle's executables (``.exe`` on Windows)."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle_dir() / f"{name}{suffix}"


def contents_dir() -> Path:
    """PyInstaller 6 puts everything except the executables in ``_internal``."""
    return bundle_dir() / "_internal"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under ``folder``. Symbolic links (PyInstaller links some Qt
    libraries on Linux) are not counted twice."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def data_files(source: Path, target: str, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """``(file, destination folder)`` pairs for every data file under ``source``, placed under
    ``target`` in the bundle, in PyInstaller's ``datas`` form. Skips code, byte-code caches and the
    top-level sub-folders named in ``skip``."""
    pairs = []
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or path.suffix in _CODE_SUFFIXES:
            continue
        if "__pycache__" in relative.parts or relative.parts[0] in skip:
            continue
        pairs.append((str(path), str(Path(target, *relative.parts[:-1]))))
    return pairs


def app_data_files() -> list[tuple[str, str]]:
    """Data files the app reads through importlib.resources: those inside the erms_desktop
    package, and the top-level resources/ folder, which pyproject.toml installs as
    ``erms_desktop.resources``; the bundle mirrors that mapping."""
    laptop = data_files(ROOT / "erms_desktop", "erms_desktop", skip=("central",))
    return laptop + data_files(ROOT / "resources", "erms_desktop/resources")
