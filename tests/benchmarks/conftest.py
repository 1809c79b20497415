"""Benchmark plumbing. Each benchmark runs small in the default test run (a smoke check that it
still works) and at full size, checking its targets, under ``--bench-full`` (the bench command).
Figures go through ``bench_report`` and are printed together at the end of the run."""

from __future__ import annotations

import subprocess
import time

import pytest

_LINES: list[str] = []


@pytest.fixture
def bench_full(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--bench-full"))


class BenchReport:
    def __init__(self, title: str) -> None:
        self.title = title

    def figure(self, name: str, value: float, unit: str, target: str = "") -> None:
        suffix = f"  (target {target})" if target else ""
        _LINES.append(f"{self.title:<28} {name:<52} {value:>12.3f} {unit}{suffix}")


@pytest.fixture
def bench_report(request: pytest.FixtureRequest) -> BenchReport:
    return BenchReport(request.node.name)


def stamped_lines(command: list[str], env: dict[str, str]) -> list[tuple[float, str]]:
    """Run ``command`` to its end (exit status 0 required) and give each line it printed with
    the seconds from its launch to that line."""
    started = time.perf_counter()
    stamped = []
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            stamped.append((time.perf_counter() - started, line.strip()))
        assert process.wait(timeout=60) == 0
    return stamped


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LINES:
        terminalreporter.section("benchmark figures")
        for line in _LINES:
            terminalreporter.write_line(line)
