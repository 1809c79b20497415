"""The dependency locks: they pin every requirement pyproject.toml names, with hashes; the bootstrap
installs them hash-checked; and pip, run that way, refuses a file whose hash is not in the lock."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.packaging.tools import ROOT, packaging_module

lock = packaging_module("dependency_lock")


def pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def project_requirements() -> list[Requirement]:
    """The laptop dependencies and every extra (the bootstrap installs them all)."""
    project = pyproject()["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    return [Requirement(line) for line in lines]


def build_requirements() -> list[Requirement]:
    """pip and the build backend pyproject.toml names."""
    return [Requirement(line) for line in ["pip", *pyproject()["build-system"]["requires"]]]


def entries(path: Path) -> list[str]:
    """The lock's requirement entries, each with its continuation lines joined."""
    joined = path.read_text(encoding="utf-8").replace("\\\n", " ")
    return [line for line in joined.splitlines() if line and not line.lstrip().startswith("#")]


@pytest.mark.parametrize(
    ("requirements", "lock_file"),
    [(project_requirements, lock.LOCK), (build_requirements, lock.BUILD_LOCK)],
    ids=["project", "build"],
)
def test_every_requirement_is_pinned_and_satisfied_by_its_pin(requirements, lock_file) -> None:
    pinned = lock.pins(lock_file)
    for requirement in requirements():
        versions = pinned.get(lock.normalized(requirement.name))
        assert versions, f"{requirement.name} is not pinned in {lock_file.name}"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock_file.name} pins {requirement.name}=={version}, outside {requirement}"
            )


def test_the_two_locks_agree_where_they_overlap() -> None:
    build, project = lock.pins(lock.BUILD_LOCK), lock.pins(lock.LOCK)
    shared = set(build) & set(project)
    assert "setuptools" in shared  # PyInstaller needs it at run time too
    assert all(build[name] == project[name] for name in shared)


@pytest.mark.parametrize("lock_file", [lock.BUILD_LOCK, lock.LOCK], ids=lambda path: path.name)
def test_every_pin_carries_a_hash_and_no_index_address(lock_file: Path) -> None:
    pinned = [entry for entry in entries(lock_file) if "==" in entry]
    assert len(pinned) == sum(len(versions) for versions in lock.pins(lock_file).values())
    for entry in pinned:
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), entry.split()[0]
    assert "://" not in lock_file.read_text(encoding="utf-8")


def test_the_bootstrap_installs_the_locks_hash_checked_and_adds_nothing() -> None:
    backend, dependencies, project = lock.install_commands("python")
    for command, lock_file in ((backend, lock.BUILD_LOCK), (dependencies, lock.LOCK)):
        assert {"--require-hashes", "--no-deps"} <= set(command)
        assert command[-2:] == ["-r", str(lock_file)]
    assert "--no-build-isolation" in dependencies  # source-only pins build with the locked backend
    assert {"--no-deps", "--no-build-isolation", "--editable"} <= set(project)


def test_the_test_environment_holds_exactly_the_locks_so_the_build_accepts_it() -> None:
    packaging_module("build").require_locked_environment()  # SystemExit naming any stray


def test_unlocked_names_what_no_lock_pins_at_that_version() -> None:
    (setuptools,) = lock.pins(lock.BUILD_LOCK)["setuptools"]
    installed = {"Setuptools": setuptools, "erms_desktop": "0", "pytest": "0.1", "left-over": "1"}
    assert lock.unlocked(installed) == ["left-over", "pytest"]


def test_the_install_stamp_changes_with_either_lock_and_pyproject(tmp_path, monkeypatch) -> None:
    for name in ("PYPROJECT", "BUILD_LOCK", "LOCK"):
        copy = tmp_path / name
        copy.write_bytes(getattr(lock, name).read_bytes())
        monkeypatch.setattr(lock, name, copy)
    seen = {lock.digest()}
    for name in ("PYPROJECT", "BUILD_LOCK", "LOCK"):
        with getattr(lock, name).open("a") as file:
            file.write("\n")
        seen.add(lock.digest())
    assert len(seen) == 4


def test_the_lock_update_compiles_universal_hashed_locks_for_the_oldest_python() -> None:
    (build, stdin), (project, no_stdin) = lock.compile_commands("uv", ["--upgrade"])
    for command in (build, project):
        assert {"--universal", "--generate-hashes", "--upgrade"} <= set(command)
        assert command[command.index("--python-version") + 1] == "3.11"
    assert stdin.split() == [str(requirement) for requirement in build_requirements()]
    assert no_stdin is None
    assert {"--all-extras", "pyproject.toml"} <= set(project)


def tiny_wheel(folder: Path, greeting: str) -> Path:
    """A minimal valid wheel for a made-up distribution."""
    name, version = "erms_lock_probe", "1.0"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}.py": f"GREETING = {greeting!r}\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


def install_probe(tmp_path: Path, wheels: Path, sha256: str) -> subprocess.CompletedProcess[str]:
    """The bootstrap's own hash-checked pip command, offline against a local folder."""
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"erms-lock-probe==1.0 --hash=sha256:{sha256}\n")
    options = ["--no-index", "--find-links", str(wheels), "--target", str(tmp_path / "target")]
    command = lock.hash_checked_install(sys.executable, requirements, *options)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_pip_refuses_a_substituted_package_and_installs_the_genuine_one(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    genuine = tiny_wheel(wheels, "genuine")
    locked_hash = hashlib.sha256(genuine.read_bytes()).hexdigest()
    genuine.rename(tmp_path / genuine.name)

    tiny_wheel(wheels, "substituted")
    refused = install_probe(tmp_path, wheels, locked_hash)
    assert refused.returncode != 0
    assert "DO NOT MATCH THE HASHES" in refused.stderr
    assert not (tmp_path / "target" / "erms_lock_probe.py").exists()

    (tmp_path / genuine.name).replace(wheels / genuine.name)
    installed = install_probe(tmp_path, wheels, locked_hash)
    assert installed.returncode == 0, installed.stderr
    assert "genuine" in (tmp_path / "target" / "erms_lock_probe.py").read_text()
