"""Size and start-up time of the frozen bundle next to the start from source.

Uses the bundle in dist/ when one was built (``.venv/bin/python packaging/build.py``) and skips,
saying so, when there is none (or it is stale). Under --bench-full it builds the bundle first if
needed, times five
starts of each kind and checks the targets. Each command runs in a throwaway home, so no real
vault is touched; the first start of each kind is reported on its own (a fresh process after the
build: the files are in the page cache, so this is a warm-cache "cold start"), then the median.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.conftest import BenchReport
from tests.packaging.tools import PACKAGING, built_bundle, bundle_problem, packaging_module

TARGETS_S = {"--version": 1.0, "--smoke-test": 5.0}
BUNDLE_TARGET_MIB = 250.0


def _source_command() -> list[str]:
    """The erms-desktop console script of the environment running the tests."""
    suffix = ".exe" if sys.platform == "win32" else ""
    return [str(Path(sys.executable).with_name(f"erms-desktop{suffix}"))]


def _time_runs(command: list[str], env: dict[str, str], runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, check=False
        )
        timings.append(time.perf_counter() - started)
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    return timings


@pytest.fixture
def bundle(bench_full: bool) -> Path:
    if bench_full and bundle_problem():
        if importlib.util.find_spec("PyInstaller") is None:
            pytest.fail("--bench-full needs the bundle: python3 packaging/bootstrap.py package")
        subprocess.run([sys.executable, str(PACKAGING / "build.py")], check=True)
    return built_bundle()


def test_bundle_size_and_start_up_against_source(
    bundle: Path, bench_full: bool, bench_report: BenchReport, tmp_path: Path
) -> None:
    layout = packaging_module("bundle_layout")
    build = packaging_module("build")
    size, files = layout.folder_size(bundle)
    bench_report.figure("bundle size", size / 2**20, "MiB", f"< {BUNDLE_TARGET_MIB:.0f}")
    bench_report.figure("bundle files", files, "files")
    env = build.smoke_environment(tmp_path)
    runs = 5 if bench_full else 1
    starts = {
        "frozen": {
            "--version": [str(layout.executable(layout.CONSOLE_NAME))],
            "--smoke-test": [str(layout.executable(layout.GUI_NAME))],
        },
        "source": {"--version": _source_command(), "--smoke-test": _source_command()},
    }
    medians = {}
    for kind, commands in starts.items():
        for flag, command in commands.items():
            timings = _time_runs([*command, flag], env, runs)
            target = f"< {TARGETS_S[flag]:.1f} s"
            bench_report.figure(f"{kind} {flag} first start", timings[0], "s", target)
            medians[kind, flag] = statistics.median(timings)
            if runs > 1:
                bench_report.figure(f"{kind} {flag} median of {runs}", medians[kind, flag], "s")
    if bench_full:
        assert size / 2**20 < BUNDLE_TARGET_MIB
        for flag, limit in TARGETS_S.items():
            assert medians["frozen", flag] < limit, f"frozen {flag} start too slow"
