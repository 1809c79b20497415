"""Session-wide fixtures for the installer tests under Wine: one Wine prefix and one compiled
stand-in installer per version for the whole test session (creating a prefix takes seconds)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.packaging.tools import ROOT, bundle_stand_in, compile_nsis, packaging_module
from tests.packaging.wine import WinePrefix, wine_loader

CompileInstaller = Callable[[str], Path]


@pytest.fixture(scope="session")
def stand_in_installer(tmp_path_factory: pytest.TempPathFactory) -> CompileInstaller:
    """The real installer.nsis compiled against a stand-in bundle, for a given version."""
    folder = tmp_path_factory.mktemp("wine-installers")
    bundle = bundle_stand_in(folder)
    compiled: dict[str, Path] = {}

    def compile_version(version: str) -> Path:
        if version not in compiled:
            output = folder / f"ERMS-Desktop-{version}-setup.exe"
            defines = (f"VERSION={version}", f"SOURCE_DIR={bundle}", f"OUTFILE={output}")
            result = compile_nsis(folder, *defines)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr
            compiled[version] = output
        return compiled[version]

    return compile_version


@pytest.fixture(scope="session")
def mutex_holder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny Windows program that holds the app's "running" mutex (see mutex_holder.nsi)."""
    folder = tmp_path_factory.mktemp("mutex-holder")
    output = folder / "hold-mutex.exe"
    mutex = packaging_module("bundle_layout").RUNNING_MUTEX
    script = ROOT / "tests" / "packaging" / "wine" / "mutex_holder.nsi"
    result = compile_nsis(folder, f"MUTEX={mutex}", f"OUTFILE={output}", script=script)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return output


@pytest.fixture(scope="session")
def wine_prefix() -> Iterator[WinePrefix]:
    """A throwaway 64-bit Wine prefix (about 700 MB), removed at the end of the session."""
    loader = wine_loader()
    with tempfile.TemporaryDirectory(prefix="erms-wine-") as folder:
        prefix = WinePrefix.create(loader, Path(folder) / "prefix")
        try:
            yield prefix
        finally:
            prefix.stop()
