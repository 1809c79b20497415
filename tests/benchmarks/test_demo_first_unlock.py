"""The demo's first unlock as a new user meets it: a cold ``--demo`` process (the real central
store on loopback, the real sync client, the real vault, all made in a throwaway folder), the
demo passphrase submitted the moment the unlock screen appears, timed to the case list.

Default run: one cold start, figures reported, and the case list must appear within the
generous ``SMOKE_FIRST_UNLOCK_S`` (a busy CI machine). Under --bench-full: five cold starts,
the median checked against ``FIRST_UNLOCK_S``.
"""

from __future__ import annotations

import os
import statistics
import sys
from dataclasses import dataclass

from tests.benchmarks.conftest import BenchReport, stamped_lines

FIRST_UNLOCK_S = 2.0
# The default run shares the machine with the rest of the suite (two-wide) and whatever else
# runs there: 4.4 s was seen so, against 0.9 s on a quiet machine. This bound catches a demo
# that hangs or loses its overlap badly; the target is checked under --bench-full.
SMOKE_FIRST_UNLOCK_S = 8.0
DEMO_VOLUNTEER_CASES = 10  # of the embedded store's 12 demo cases, and the 2 mediation cases

# The demo app as ``erms-desktop --demo`` builds it. Prints a line as each moment is reached
# (the parent times the lines); after the first unlock it locks and unlocks once more.
_PROBE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from erms_desktop.cli import desktop_service
from erms_desktop.demo.account import DEMO_PASSPHRASE
from erms_desktop.gui.main_window import MainWindow
from erms_desktop.gui.worker import ServiceWorker
app = QApplication([])
worker = ServiceWorker(desktop_service(demo=True))
window = MainWindow(worker, demo=True)
unlocks = []
def submit():
    unlocks.append(time.perf_counter())
    window.unlock_screen.passphrase.setText(DEMO_PASSPHRASE)
    window.unlock_screen.unlock_button.click()
def on_screen(screen):
    if screen == "unlock" and not unlocks:
        print("unlock-screen", flush=True)
        submit()
def poll():
    rows = window.case_list.model.rowCount()
    if rows == 0 or not window.unlocked:
        return
    if len(unlocks) == 1:
        print("cases-listed", rows, flush=True)
        window.lock()
        submit()
    else:
        print("later-unlock", time.perf_counter() - unlocks[-1], flush=True)
        app.quit()
window.screen_shown.connect(on_screen)
poller = QTimer(interval=5, timeout=poll)
poller.start()
QTimer.singleShot(60_000, app.quit)
window.show()
window.start()
app.exec()
window.close()
worker.shutdown()
"""


@dataclass(frozen=True, slots=True)
class DemoRun:
    to_unlock_screen: float  # process launch to the unlock screen
    first_unlock: float  # unlock screen (passphrase submitted at once) to the case list
    later_unlock: float  # after locking: submit to the case list
    cases: int


def _cold_demo_run() -> DemoRun:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    moments: dict[str, tuple[float, list[str]]] = {}
    for at, line in stamped_lines([sys.executable, "-c", _PROBE], env):
        name, *values = line.split()
        moments[name] = (at, values)
    assert moments.keys() == {"unlock-screen", "cases-listed", "later-unlock"}, moments
    screen_at, listed_at = moments["unlock-screen"][0], moments["cases-listed"][0]
    return DemoRun(
        to_unlock_screen=screen_at,
        first_unlock=listed_at - screen_at,
        later_unlock=float(moments["later-unlock"][1][0]),
        cases=int(moments["cases-listed"][1][0]),
    )


def test_demo_first_unlock_from_a_cold_start(bench_full: bool, bench_report: BenchReport) -> None:
    runs = [_cold_demo_run() for _ in range(5 if bench_full else 1)]
    assert all(run.cases == DEMO_VOLUNTEER_CASES for run in runs)
    first = statistics.median(run.first_unlock for run in runs)
    target = FIRST_UNLOCK_S if bench_full else SMOKE_FIRST_UNLOCK_S
    label = "(median)" if bench_full else "(one run)"
    bench_report.figure(
        f"cold start to unlock screen {label}",
        statistics.median(run.to_unlock_screen for run in runs),
        "s",
    )
    bench_report.figure(f"first unlock: screen to case list {label}", first, "s", f"< {target}")
    bench_report.figure(
        f"later unlock: submit to case list {label}",
        statistics.median(run.later_unlock for run in runs),
        "s",
    )
    if hasattr(os, "getloadavg"):  # the machine may be shared: say how busy it was
        bench_report.figure("machine load average over the last minute", os.getloadavg()[0], "")
    assert first < target
