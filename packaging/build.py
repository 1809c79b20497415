"""Build the frozen app (PyInstaller, one folder) and, optionally, the Windows installer.

    python packaging/build.py                 # dist/ERMS Desktop/ (work files in build/)
    python packaging/build.py --smoke-test    # then run the bundle: --version, doctor, the GUI
    python packaging/build.py --installer     # then compile installer.nsis with makensis -WX
    python packaging/build.py --no-build --smoke-test --installer   # reuse the last bundle
    python packaging/build.py --sign "signtool sign ..." --installer # signed (Windows)

On Windows this gives the real installer; on Linux CI it proves the spec, the bundle and the
installer script (makensis cross-compiles) still work. See docs/packaging.md.
"""

from __future__ import annotations

import argparse
import ast
import importlib.metadata
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bundle_layout as layout
import dependency_lock

SPEC = layout.ROOT / "packaging" / "erms_desktop.spec"
INSTALLER_SCRIPT = layout.ROOT / "installer.nsis"
SMOKE_TIMEOUT_S = 120


def package_version() -> str:
    """erms_desktop.__version__, read from the source without importing the package."""
    init = ast.parse((layout.ROOT / "erms_desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in init.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "__version__":
            return str(ast.literal_eval(node.value))
    raise SystemExit("erms_desktop/__init__.py has no __version__")


def require_locked_environment() -> None:
    """Freeze only an environment holding exactly the locks (what the bootstrap installs from
    requirements/), so two builds of one commit bundle the same libraries."""
    installed = {dist.metadata["Name"]: dist.version for dist in importlib.metadata.distributions()}
    unlocked = dependency_lock.unlocked(installed)
    if unlocked:
        raise SystemExit(
            f"not in requirements/lock.txt at the installed version: {', '.join(unlocked)}; "
            "build with: python3 packaging/bootstrap.py package"
        )


def build_bundle(clean: bool) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(layout.DIST), "--workpath", str(layout.WORK)]
    if clean:
        command.append("--clean")
    started = time.monotonic()
    _run([*command, str(SPEC)])
    bundle = layout.bundle_dir()
    size, files = layout.folder_size(bundle)
    print(
        f"Bundle {bundle}: {size / 2**20:.1f} MiB in {files} files "
        f"(built in {time.monotonic() - started:.0f} s)",
        flush=True,
    )
    return bundle


def smoke_environment(home: Path) -> dict[str, str]:
    """Offscreen Qt and a throwaway home, so a smoke run never sees or touches a real vault."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env.pop("ERMS_DATA_DIR", None)  # the vault goes in the throwaway home's data folder
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    for name in ("APPDATA", "LOCALAPPDATA"):
        env[name] = str(home / name.lower())
    return env


def smoke_test() -> None:
    """Run the bundle as support and CI would: the console executable's --version and doctor,
    then the windowed executable starting the GUI to its first screen and exiting cleanly."""
    version = package_version()
    console = layout.executable(layout.CONSOLE_NAME)
    checks = [
        ([str(console), "--version"], version),
        ([str(console), "doctor"], None),
        ([str(layout.executable(layout.GUI_NAME)), "--smoke-test"], None),
    ]
    with tempfile.TemporaryDirectory(prefix="erms-smoke-") as home:
        env = smoke_environment(Path(home))
        for command, expected in checks:
            started = time.monotonic()
            result = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=SMOKE_TIMEOUT_S,
                check=False,
            )
            took = time.monotonic() - started
            label = " ".join([Path(command[0]).name, *command[1:]])
            if result.returncode != 0 or (expected and expected not in result.stdout):
                print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
                raise SystemExit(f"smoke test failed: {label} (exit {result.returncode})")
            print(f"smoke test ok: {label} ({took:.2f} s)", flush=True)


def sign(command: str, path: Path) -> None:
    """Run the signing command with the file's path appended (docs/packaging.md)."""
    line = f'{command} "{path}"'
    _run(line if sys.platform == "win32" else shlex.split(line))


def sign_executables(command: str) -> None:
    for name in (layout.GUI_NAME, layout.CONSOLE_NAME):
        sign(command, layout.executable(name))


def build_installer(sign_command: str | None) -> Path:
    """Compile installer.nsis against the bundle with warnings as errors; with a signing command,
    makensis signs the uninstaller and the installer as it writes them."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("makensis not found: install NSIS (Debian package nsis)")
    version = package_version()
    output = layout.DIST / f"ERMS-Desktop-{version}-setup.exe"
    defines = {"VERSION": version, "SOURCE_DIR": str(layout.bundle_dir()), "OUTFILE": str(output)}
    if sys.platform != "win32":
        defines["EXE_SUFFIX"] = ""  # a Linux bundle's executables have no .exe
    if sign_command:
        defines["SIGN_COMMAND"] = sign_command
    options = ["-WX", *(f"-D{name}={value}" for name, value in defines.items())]
    _run([makensis, *options, str(INSTALLER_SCRIPT)])
    print(f"Installer {output}: {output.stat().st_size / 2**20:.1f} MiB", flush=True)
    return output


def _run(command: list[str] | str) -> None:
    """Run a command (a ready-made command line on Windows, for signtool's own quoting)."""
    print("+", command if isinstance(command, str) else " ".join(command), flush=True)
    result = subprocess.run(command, cwd=layout.ROOT, check=False)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse the bundle in dist/")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    parser.add_argument("--smoke-test", action="store_true", help="run the bundle's smoke tests")
    parser.add_argument("--installer", action="store_true", help="compile installer.nsis")
    parser.add_argument(
        "--sign",
        metavar="COMMAND",
        help="sign the executables (and the installer and uninstaller) with COMMAND <file>",
    )
    args = parser.parse_args(argv)
    if not args.no_build:
        require_locked_environment()
        build_bundle(clean=args.clean)
    elif not layout.bundle_dir().is_dir():
        raise SystemExit(f"no bundle at {layout.bundle_dir()}: build it first")
    if args.sign:
        sign_executables(args.sign)
    if args.smoke_test:
        smoke_test()
    if args.installer:
        build_installer(args.sign)


if __name__ == "__main__":
    main(sys.argv[1:])
