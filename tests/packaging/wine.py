"""Running Windows programs under Wine for the installer tests: a throwaway 64-bit prefix (Debian's
wine64 alone, no 32-bit half), its folders, its registry, and a stand-in for a running app."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import in_ci
from tests.packaging.reg_file import RegValue, read_reg_file

# Debian's wine64 package installs the loader here and nothing on PATH.
DEBIAN_WINE64 = Path("/usr/lib/wine/wine64")
# No debug output, and no offer to download Wine's .NET and HTML engines (nothing here uses them).
QUIET = {"WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
RUN_TIMEOUT_S = 120


def wine_loader() -> Path:
    """The 64-bit Wine loader; skipped without it only outside CI (.ci/run installs wine64)."""
    found = shutil.which("wine64") or (str(DEBIAN_WINE64) if DEBIAN_WINE64.exists() else None)
    if found is None:
        if in_ci():
            pytest.fail("wine64 is missing in CI: apt-get install wine64")
        pytest.skip("wine64 not installed (Debian package wine64)")
    return Path(found)


def words(text: str) -> list[str]:
    """``text`` as separate arguments. Wine quotes an argument holding a space when it builds the
    Windows command line, but NSIS wants ``_?=<folder>`` unquoted; as words, Wine joins them
    with single spaces and the program sees ``text`` itself."""
    return text.split(" ")


class WinePrefix:
    """One Wine prefix (a Windows installation in a folder), with no display attached."""

    def __init__(self, loader: Path, folder: Path) -> None:
        self.loader = loader
        self.folder = folder
        self.env = dict(os.environ, WINEPREFIX=str(folder), **QUIET)
        for name in ("DISPLAY", "WAYLAND_DISPLAY"):
            self.env.pop(name, None)
        server = loader.parent / "wineserver"
        self.server = str(server) if server.exists() else shutil.which("wineserver") or "wineserver"

    @classmethod
    def create(cls, loader: Path, folder: Path) -> WinePrefix:
        """A new prefix with its Wine server kept running until :meth:`stop`: otherwise every
        program started would start the server and Wine's own services again (seconds each)."""
        prefix = cls(loader, folder)
        result = prefix.run("wineboot", "-i")
        assert result.returncode == 0, result.stdout
        subprocess.run([prefix.server, "-w"], env=prefix.env, timeout=RUN_TIMEOUT_S, check=True)
        subprocess.run([prefix.server, "-p"], env=prefix.env, timeout=RUN_TIMEOUT_S, check=True)
        return prefix

    @property
    def drive_c(self) -> Path:
        return self.folder / "drive_c"

    @property
    def start_menu(self) -> Path:
        """All users' Start menu programs (ProgramData), where a per-machine install goes."""
        return self.drive_c / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs"

    def local_app_data(self) -> Path:
        """The prefix's one user's %LOCALAPPDATA%."""
        [user] = [path for path in (self.drive_c / "users").iterdir() if path.name != "Public"]
        return user / "AppData" / "Local"

    def run(self, program: str | Path, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a Windows program to its end; its exit code is the result's. Output goes through a
        file, not a pipe: Wine's own services, started by the first program, inherit it and
        would keep a pipe open as long as the server runs."""
        command = [str(self.loader), str(program), *args]
        with tempfile.TemporaryFile() as output:
            result = subprocess.run(
                command,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=RUN_TIMEOUT_S,
                check=False,
            )
            output.seek(0)
            text = output.read().decode(errors="replace")
        return subprocess.CompletedProcess(command, result.returncode, text, "")

    def start(self, program: str | Path, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [str(self.loader), str(program), *args],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        subprocess.run([self.server, "-k"], env=self.env, timeout=RUN_TIMEOUT_S, check=False)

    def export_key(self, key: str, target: Path, view: str = "/reg:64") -> bool:
        """``reg export`` of ``key`` from a registry view (64-bit unless told); False if the key
        does not exist there."""
        return self.run("reg", "export", key, str(target), view, "/y").returncode == 0

    def registry_key(self, key: str, view: str = "/reg:64") -> dict[str, RegValue] | None:
        """The values of ``key`` (a full HKEY_LOCAL_MACHINE\\... path) in the given registry view,
        or None when the key does not exist there."""
        with tempfile.TemporaryDirectory(prefix="erms-reg-") as folder:
            target = Path(folder) / "key.reg"
            if not self.export_key(key, target, view):
                return None
            return read_reg_file(target)[key.lower()]


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Poll ``condition`` until it holds, for a program that runs on after its starter returned."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@contextmanager
def app_running(prefix: WinePrefix, holder: Path) -> Iterator[None]:
    """The app's "running" mutex held, by the stand-in compiled from mutex_holder.nsi."""
    held, release = holder.parent / "held", holder.parent / "release"
    held.unlink(missing_ok=True)
    release.unlink(missing_ok=True)
    process = prefix.start(holder)
    try:
        wait_for(lambda: held.exists() or process.poll() is not None, "the mutex holder")
        assert process.poll() is None, f"the mutex holder ended with {process.returncode}"
        yield
    finally:
        release.touch()
        process.wait(timeout=RUN_TIMEOUT_S)
