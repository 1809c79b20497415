"""pyproject.toml installs the top-level resources/ folder as the package erms_desktop.resources.
PyInstaller's module finder searches folders, not the editable install's import hook, so point it
at the repository root, where it finds resources/__init__.py under the name it is looking for."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def pre_find_module_path(api):
    api.search_dirs = [str(ROOT)]
