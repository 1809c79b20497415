"""Set up a development environment and run the app, the tests or the benchmarks.

The README's two commands run this file:

    python3 packaging/bootstrap.py demo    # set up, then start the app in demo mode
    python3 packaging/bootstrap.py test    # set up, then lint, type-check and run every test
    python3 packaging/bootstrap.py bench   # set up, then run the full benchmarks and soaks
    python3 packaging/bootstrap.py package # set up, then build the frozen app (packaging/build.py)

It creates ``.venv`` beside the checkout with the standard library's venv module and installs the
project (editable) with its extras; it reinstalls only when pyproject.toml changes. It uses nothing
outside the standard library, so it runs on a fresh Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
EXTRAS = "central,test,msg"
MIN_PYTHON = (3, 11)


def _venv_bin(name: str) -> Path:
    folder = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / folder / f"{name}{suffix}"


def ensure_environment() -> None:
    """Create the virtual environment and install the project when pyproject.toml has changed."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"ERMS Desktop needs Python {'.'.join(map(str, MIN_PYTHON))} or newer.")
    if not _venv_bin("python").exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = VENV / ".erms-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print("Installing ERMS Desktop and its dependencies into .venv ...", flush=True)
    python = str(_venv_bin("python"))
    _run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _run([python, "-m", "pip", "install", "--quiet", "--editable", f".[{EXTRAS}]"])
    stamp.write_text(wanted)


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    print("+", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def run_demo(extra: list[str]) -> None:
    command = [str(_venv_bin("erms-desktop")), "--demo", *extra]
    sys.exit(subprocess.call(command, cwd=ROOT))


def run_checks() -> None:
    """Lint, format check and strict types on the core: the first half of the test command."""
    python = str(_venv_bin("python"))
    _run([python, "-m", "ruff", "check", "."])
    _run([python, "-m", "ruff", "format", "--check", "."])
    _run([python, "-m", "mypy", "erms_desktop"])


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
    """Build the frozen app with packaging/build.py, first adding PyInstaller (the packaging
    extra) to the environment if it is missing."""
    python = str(_venv_bin("python"))
    probe = [python, "-c", "import PyInstaller"]
    if subprocess.call(probe, cwd=ROOT, stderr=subprocess.DEVNULL) != 0:
        _run([python, "-m", "pip", "install", "--quiet", "--editable", f".[{EXTRAS},packaging]"])
    _run([python, str(ROOT / "packaging" / "build.py"), *build_args])


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"demo", "test", "bench", "package", "_in_keyring_session"}:
        sys.exit(__doc__)
    action, rest = argv[0], argv[1:]
    if action == "_in_keyring_session":
        in_keyring_session(rest)
        return
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
