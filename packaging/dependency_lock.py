"""The locked dependencies: which files pin them, and the pip and uv commands that install and
update them.

Two lock files, both with a sha256 hash of every file each pin may download:

- ``requirements/build.txt``: pip and the build backend (setuptools, wheel). Installed first, so
  every later build (the project itself, and the few dependencies that ship only as source) runs
  with a hash-checked backend instead of one pip would fetch unchecked into an isolated folder.
- ``requirements/lock.txt``: every dependency of the project with all its extras (the laptop
  app, the central store, the tests and PyInstaller), for Python 3.11+ on Linux and Windows.

pip installs them with ``--require-hashes --no-deps``: a download whose hash is not in the lock
fails the install, and nothing outside the lock is pulled in. Standard library only, because the
bootstrap runs this on a bare Python before any virtual environment exists.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
BUILD_LOCK = ROOT / "requirements" / "build.txt"
LOCK = ROOT / "requirements" / "lock.txt"
PROJECT = "erms-desktop"
UPDATE_COMMAND = "python3 packaging/bootstrap.py lock"
OLDEST_PYTHON = "3.11"

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def normalized(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): case and -_. runs do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, set[str]]:
    """Name -> pinned versions in one lock file (a name may carry two pins under different
    Python-version markers)."""
    found: dict[str, set[str]] = {}
    for name, version in _PIN.findall(lock.read_text(encoding="utf-8")):
        found.setdefault(normalized(name), set()).add(version)
    return found


def digest() -> str:
    """Changes whenever the project's metadata or either lock does: the bootstrap's reinstall
    trigger."""
    content = b"".join(path.read_bytes() for path in (PYPROJECT, BUILD_LOCK, LOCK))
    return hashlib.sha256(content).hexdigest()


def hash_checked_install(python: str, requirements: Path, *options: str) -> list[str]:
    """pip installing exactly the pins of one requirements file, refusing any file whose sha256
    the file does not list."""
    pip = [python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps"]
    return [*pip, *options, "-r", str(requirements)]


def install_commands(python: str) -> list[list[str]]:
    """The build backend first, then the dependencies built with it, then the project itself
    (editable, with the locked backend, adding nothing)."""
    project = ["--no-deps", "--no-build-isolation", "--editable", str(ROOT)]
    return [
        hash_checked_install(python, BUILD_LOCK),
        hash_checked_install(python, LOCK, "--no-build-isolation"),
        [python, "-m", "pip", "install", "--quiet", *project],
    ]


def unlocked(installed: Mapping[str, str]) -> list[str]:
    """The installed distributions (name -> version) that no lock pins at that version: left
    over from an older lock or installed by hand. The bootstrap removes them and the build
    refuses them, so the bundle is frozen from the lock and nothing else."""
    pinned = pins(BUILD_LOCK)
    for name, versions in pins(LOCK).items():
        pinned.setdefault(name, set()).update(versions)
    return sorted(
        name
        for name, version in installed.items()
        if normalized(name) != PROJECT and version not in pinned.get(normalized(name), set())
    )


def build_requirements() -> str:
    """pip plus the build backend named in pyproject.toml's [build-system]: the input of
    requirements/build.txt."""
    import tomllib  # here, so an older Python still reaches the bootstrap's version message

    with PYPROJECT.open("rb") as file:
        requires: list[str] = tomllib.load(file)["build-system"]["requires"]
    return "\n".join(["pip", *requires]) + "\n"


def compile_commands(uv: str, options: list[str]) -> list[tuple[list[str], str | None]]:
    """uv's commands re-compiling both locks (each with the text it reads on stdin). Existing pins
    are kept unless still wrong or ``options`` asks for --upgrade / --upgrade-package NAME."""
    common = [uv, "pip", "compile", "--quiet", "--universal", "--generate-hashes"]
    common += ["--python-version", OLDEST_PYTHON, "--custom-compile-command", UPDATE_COMMAND]
    build = [*common, "-", "--output-file", _relative(BUILD_LOCK), *options]
    project = [*common, _relative(PYPROJECT), "--all-extras", "--constraint", _relative(BUILD_LOCK)]
    project += ["--output-file", _relative(LOCK), *options]
    return [(build, build_requirements()), (project, None)]


def _relative(path: Path) -> str:
    """Paths as written into the locks' comments: relative, so the files do not name a checkout."""
    return path.relative_to(ROOT).as_posix()
