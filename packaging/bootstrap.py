"""Set up a development environment and run the app, the tests or the benchmarks.

The README's two commands run this file:

    python3 packaging/bootstrap.py demo    # set up, then start the app in demo mode
    python3 packaging/bootstrap.py test    # set up, then lint, type-check and run every test
    python3 packaging/bootstrap.py bench   # set up, then run the full benchmarks and soaks
    python3 packaging/bootstrap.py package # set up, then build the frozen app (packaging/build.py)
    python3 packaging/bootstrap.py lock    # re-compile requirements/ (--upgrade: newest pins)

It creates ``.venv`` beside the checkout with the standard library's venv module and installs
exactly the locked dependencies into it, hash-checked, then the project (editable); it does so
again only when pyproject.toml or a lock changes (see dependency_lock.py). It uses nothing outside
the standard library, so it runs on a fresh Python 3.11+.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import dependency_lock as lock
import qt_system_libraries

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)


def _venv_bin(name: str, venv_dir: Path = VENV) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return venv_dir / folder / f"{name}{suffix}"


def require_python() -> None:
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"ERMS Desktop needs Python {'.'.join(map(str, MIN_PYTHON))} or newer.")


def ensure_environment() -> None:
    """Create the virtual environment and install the locks into it when they or pyproject.toml
    have changed, leaving the environment holding exactly what the locks pin."""
    require_python()
    if not _venv_bin("python").exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / ".erms-installed"
    wanted = lock.digest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("Installing ERMS Desktop and its locked dependencies into .venv ...", flush=True)
    python = str(_venv_bin("python"))
    for command in lock.install_commands(python):
        _run(command)
    _remove_unlocked(python)
    _run([python, "-m", "pip", "check"])
    stamp.write_text(wanted)


def _remove_unlocked(python: str) -> None:
    """Uninstall what the locks do not pin (an older lock's leftovers, packages added by hand)."""
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=json"], capture_output=True, check=True
    )
    installed = {entry["name"]: entry["version"] for entry in json.loads(listed.stdout)}
    leftovers = lock.unlocked(installed)
    if leftovers:
        _run([python, "-m", "pip", "uninstall", "--quiet", "--yes", *leftovers])


def update_lock(options: list[str]) -> None:
    """Re-compile both locks with uv, run from a throwaway environment: only updating the lock
    needs uv, and it never enters .venv or the bundle."""
    with tempfile.TemporaryDirectory(prefix="erms-lock-") as scratch:
        tools = Path(scratch)
        venv.EnvBuilder(with_pip=True).create(tools)
        _run([str(_venv_bin("python", tools)), "-m", "pip", "install", "--quiet", "uv"])
        for command, stdin in lock.compile_commands(str(_venv_bin("uv", tools)), options):
            print("+", " ".join(command), flush=True)
            if subprocess.run(command, cwd=ROOT, input=stdin, text=True, check=False).returncode:
                sys.exit(1)
    print(f"Updated {lock.BUILD_LOCK.relative_to(ROOT)} and {lock.LOCK.relative_to(ROOT)}.")


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    print("+", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def check_display_libraries() -> None:
    """Before Qt starts on an X display, name the missing system libraries as apt packages and
    stop, instead of Qt's own crash (which names the wrong library)."""
    if not qt_system_libraries.uses_xcb(sys.platform, os.environ):
        return
    missing = qt_system_libraries.missing_packages()
    if missing:
        sys.exit(qt_system_libraries.install_advice(missing))


def run_demo(extra: list[str]) -> None:
    command = [str(_venv_bin("erms-desktop")), "--demo", *extra]
    sys.exit(subprocess.call(command, cwd=ROOT))


def run_checks() -> None:
    """Lint, format check, strict types on the core and the import contracts: the first half of
    the test command."""
    python = str(_venv_bin("python"))
    _run([python, "-m", "ruff", "check", "."])
    _run([python, "-m", "ruff", "format", "--check", "."])
    _run([python, "-m", "mypy", "erms_desktop"])
    _run([str(_venv_bin("lint-imports")), "--no-logo"])  # the contracts in pyproject.toml


def run_pytest(pytest_args: list[str]) -> None:
    """Run pytest; on Linux inside a private D-Bus session with gnome-keyring, so the keyring tests
    talk to a real Secret Service rather than a stand-in."""
    python = str(_venv_bin("python"))
    command = [python, "-m", "pytest", *pytest_args]
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.platform.startswith("linux") and shutil.which("dbus-run-session"):
        if shutil.which("gnome-keyring-daemon"):
            inner = [python, str(Path(__file__).resolve()), "_in_keyring_session", *command]
            _run(["dbus-run-session", "--", *inner], env=env)
            return
        print("gnome-keyring-daemon not found: the real-keyring tests will not run.", flush=True)
    _run(command, env=env)


def in_keyring_session(command: list[str]) -> None:
    """Inside dbus-run-session: start gnome-keyring unlocked with an empty password, then run.

    The daemon keeps its keyrings in a throwaway folder, so the test run never touches (or tries
    to unlock) the developer's own login keyring; it exits with the private bus."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="erms-keyring-") as scratch:
        daemon = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input=b"\n",
            capture_output=True,
            env={**os.environ, "XDG_DATA_HOME": scratch},
            check=False,
        )
        for line in daemon.stdout.decode().splitlines():
            name, _, value = line.partition("=")
            if name and value:
                os.environ[name] = value
        started = daemon.returncode == 0
        os.environ["ERMS_SECRET_SERVICE"] = "gnome-keyring" if started else ""
        if not started:
            print("gnome-keyring-daemon did not start:", daemon.stderr.decode().strip(), flush=True)
        status = subprocess.call(command)
    sys.exit(status)


def run_package(build_args: list[str]) -> None:
    """Build the frozen app with packaging/build.py from the environment installed from the lock
    (PyInstaller, the packaging extra, is in it), first removing anything added by hand since."""
    python = str(_venv_bin("python"))
    _remove_unlocked(python)
    _run([python, str(ROOT / "packaging" / "build.py"), *build_args])


def main(argv: list[str]) -> None:
    actions = {"demo", "test", "bench", "package", "lock", "_in_keyring_session"}
    if not argv or argv[0] not in actions:
        sys.exit(__doc__)
    action, rest = argv[0], argv[1:]
    if action == "_in_keyring_session":
        in_keyring_session(rest)
        return
    require_python()
    if action == "lock":
        update_lock(rest)
        return
    if action == "demo":
        check_display_libraries()  # before the install: a new user learns at once what to add
    ensure_environment()
    if action == "demo":
        run_demo(rest)
    elif action == "package":
        run_package(rest)
    elif action == "test":
        run_checks()
        run_pytest(rest or ["-q"])
    else:
        run_pytest(["-q", "-s", "--bench-full", "tests/benchmarks", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
