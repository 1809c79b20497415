"""Run a real erms-central (the console command, on uvicorn) on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_store(
    db_url: str,
    workers: int = 1,
    settings_file: Path | None = None,
    stderr: IO[bytes] | None = None,
) -> Iterator[str]:
    """The store serving ``db_url`` (with the settings file, if given) until the block ends.
    ``stderr``: a file to keep the server's log in (by default it is read only on failure)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "erms_desktop.central.cli",
        "serve",
        "--db",
        db_url,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        *(["--settings", str(settings_file)] if settings_file else []),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr or subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log = process.stderr.read().decode() if process.stderr else "(see its log)"
                raise RuntimeError(f"erms-central exited: {log}")
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("erms-central did not start within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
