"""When sync runs: the schedule with a fake clock, and the scheduler thread with short timings."""

from __future__ import annotations

import random
import threading

from erms_desktop.sync.errors import AuthExpired, Offline, ServerError
from erms_desktop.sync.scheduler import Schedule, SyncScheduler, Timing

TIMING = Timing(debounce=5, debounce_max=30, interval=300, backoff_base=5, backoff_max=900)


def test_due_at_start_then_every_interval_while_online() -> None:
    schedule = Schedule(TIMING, now=1000)
    assert schedule.wait(1000) == 0
    schedule.succeeded(1001)
    assert schedule.wait(1001) == 300
    assert schedule.wait(1301) == 0


def test_local_changes_are_debounced_but_not_postponed_forever() -> None:
    schedule = Schedule(TIMING, now=0)
    schedule.succeeded(0)
    schedule.local_change(10)
    assert schedule.wait(10) == 5
    for t in range(11, 60, 3):  # an edit every 3 s keeps postponing ...
        schedule.local_change(t)
    assert schedule.wait(38) == 2  # ... but never past 30 s after the first edit (t=40)
    schedule.succeeded(40)
    assert schedule.wait(40) == 300


def test_on_demand_runs_at_once_even_while_backing_off() -> None:
    schedule = Schedule(TIMING, now=0, rng=random.Random(1))
    schedule.failed(0, Offline("no network"))
    assert schedule.wait(0) > 0
    schedule.local_change(1)  # edits do not cut the backoff short ...
    assert schedule.wait(1) > 1
    schedule.on_demand(2)  # ... the user does
    assert schedule.wait(2) == 0


def test_failures_back_off_exponentially_with_jitter_up_to_a_ceiling() -> None:
    waits = []
    for seed in range(20):
        schedule = Schedule(TIMING, now=0, rng=random.Random(seed))
        row = []
        for _ in range(10):
            schedule.failed(0, ServerError("503"))
            row.append(schedule.wait(0))
        waits.append(row)
    for row in waits:
        for attempt, wait in enumerate(row, start=1):
            ceiling = min(900, 5 * 2 ** (attempt - 1))
            assert ceiling / 2 <= wait <= ceiling
    assert len({row[4] for row in waits}) > 10  # jitter spreads laptops apart


def test_errors_only_the_user_can_fix_stop_the_schedule() -> None:
    schedule = Schedule(TIMING, now=0)
    schedule.failed(0, AuthExpired("sign in"))
    assert schedule.wait(10_000) is None
    schedule.on_demand(10_000)
    assert schedule.wait(10_000) == 0


def test_the_scheduler_thread_runs_at_start_after_changes_and_on_demand() -> None:
    runs: list[int] = []
    results: list[BaseException | None] = []
    ran = threading.Semaphore(0)

    def cycle() -> None:
        runs.append(1)
        if len(runs) == 2:
            raise Offline("the network dropped")
        ran.release()

    def on_result(error: BaseException | None) -> None:
        results.append(error)

    timing = Timing(debounce=0.05, debounce_max=0.2, interval=60, backoff_base=0.1)
    scheduler = SyncScheduler(cycle, timing=timing, on_result=on_result)
    scheduler.start()
    try:
        assert ran.acquire(timeout=5)  # at start
        scheduler.local_change()  # debounced run fails: backoff, then a retry succeeds
        assert ran.acquire(timeout=5)
        scheduler.sync_now()
        assert ran.acquire(timeout=5)
    finally:
        scheduler.stop()
    assert len(runs) == 4
    assert results[0] is None
    assert isinstance(results[1], Offline)
    assert results[2:] == [None, None]
