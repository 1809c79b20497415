"""Fault injection on loopback: a TCP proxy that drops, delays, truncates and resets connections
at random (seeded), and helpers to run and SIGKILL a syncing client process."""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter

FAULTS = ("drop", "reset", "delay", "truncate", "stall")


class FaultProxy:
    """Forwards 127.0.0.1:<port> to 127.0.0.1:<upstream>, spoiling a share of connections."""

    def __init__(self, upstream_port: int, *, seed: int, rate: float = 0.2) -> None:
        self._upstream = upstream_port
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._rate = rate
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.seen: Counter[str] = Counter()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._running = True
        self._acceptor = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._acceptor.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._running = False
        self._acceptor.join(5)
        self._listener.close()
        with self._lock:
            for sock in list(self._open):
                with contextlib.suppress(OSError):
                    sock.close()
        for thread in self._threads:
            thread.join(5)

    def _choose(self) -> tuple[str, int, float]:
        with self._lock:
            fault = self._rng.choice(FAULTS) if self._rng.random() < self._rate else "none"
            self.seen[fault] += 1
            return fault, self._rng.randint(1, 4000), self._rng.uniform(0.02, 0.3)

    def _track(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._open.add(sock)
        return sock

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(self._track(client),), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, client: socket.socket) -> None:
        fault, _cut, _delay = self._choose()
        if fault in {"drop", "reset"}:
            _close(client, reset=fault == "reset")
            return
        try:
            upstream = self._track(socket.create_connection(("127.0.0.1", self._upstream), 5))
        except OSError:
            _close(client, reset=True)
            return
        forth = threading.Thread(target=self._pump, args=(client, upstream), daemon=True)
        forth.start()
        self._pump(upstream, client)
        forth.join(5)

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        """Copy bytes until either side closes, spoiling a share of the chunks (keep-alive
        connections carry many requests, so faults are chosen per chunk, both ways)."""
        spoiled = False
        try:
            source.settimeout(10)
            while not spoiled:
                data = source.recv(65536)
                if not data:
                    break
                fault, cut, delay = self._choose()
                spoiled = fault in {"drop", "reset", "stall", "truncate"}
                if fault == "delay":
                    time.sleep(delay)
                elif fault == "stall":
                    time.sleep(1.0)
                elif fault == "truncate":
                    sink.sendall(data[: cut % len(data)])
                if not spoiled:
                    sink.sendall(data)
        except OSError:
            spoiled = True
        finally:
            _close(sink, reset=spoiled)
            _close(source, reset=spoiled)


def _close(sock: socket.socket, *, reset: bool) -> None:
    """Close at once, waking a pump blocked on this socket in the other thread (a bare close
    would not); with ``reset`` the peer gets a TCP RST instead of an orderly FIN."""
    with contextlib.suppress(OSError):
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.shutdown(socket.SHUT_RD)
        else:
            sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
