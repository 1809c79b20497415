"""Issue 20, point 4: attachments stream both ways with a constant memory bound. A laptop
process writes a large attachment into its vault and uploads it to a real store process on
127.0.0.1; a second laptop process downloads it into its own vault. Each process's peak resident
memory (VmHWM) over its resident memory before the work, and the store's likewise, stay under
the bound - less than the attachment itself, so no side ever holds it whole. (Most of what
remains is the vault's page cache, a fixed 16 MiB: vault/connection.py.)

Default run: 40 MB under 40 MB. Under --bench-full (``python3 packaging/bootstrap.py bench``):
200 MB under 100 MB, the figure the issue asks for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from erms_desktop.sync.client import SyncClient
from tests.benchmarks.conftest import BenchReport
from tests.sync.central import PASSWORD, Central, ProcessServer
from tests.sync.laptops import new_vault

MB = 1_000_000


def _proc_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def _laptop(*args: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.benchmarks.attachment_child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1200)
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def test_a_large_attachment_streams_both_ways_in_bounded_memory(
    tmp_path: Path, bench_full: bool, bench_report: BenchReport
) -> None:
    size, bound = (200 * MB, 100 * MB) if bench_full else (40 * MB, 40 * MB)
    central = Central.build(tmp_path / "store", 2, with_content=False, all_to_vera=True)
    case_id = central.volunteer_cases()[0]
    file_id = next(p.id for p in central.dataset.party_files if p.case_id == case_id)
    limit = {"ERMS_CENTRAL_MAX_ATTACHMENT_BYTES": str(size)}
    with ProcessServer(central, env=limit) as server:
        assert server.process is not None
        sending, receiving = tmp_path / "sending", tmp_path / "receiving"
        for folder in (sending, receiving):
            client = SyncClient(new_vault(folder))
            client.enrol(server.url, central.code("vera"), "vera", PASSWORD)
            client.sync()
            client.close()
            client.vault.lock()
        store_before = _proc_kib(server.process.pid, "VmRSS")
        up = _laptop("upload", str(sending), case_id, file_id, str(size))
        down = _laptop("download", str(receiving), up["sha"])
        store_peak = _proc_kib(server.process.pid, "VmHWM")
    assert up["held"] == down["held"] == size
    extra = {
        "laptop uploading": (up["peak"] - up["before"]) * 1024,
        "laptop downloading": (down["peak"] - down["before"]) * 1024,
        "store receiving and serving": (store_peak - store_before) * 1024,
    }
    for name, value in extra.items():
        bench_report.figure(
            f"{name} {size // MB} MB: extra memory", value / MB, "MB", f"< {bound // MB} MB"
        )
    assert all(value < bound for value in extra.values()), extra
