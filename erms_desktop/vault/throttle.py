"""A growing delay after wrong passphrases, persisted beside the vault so restarting the app does
not reset it.

The first few mistakes cost nothing (people mistype); after that each failure doubles the wait, up
to 15 minutes. This is a brake on casual guessing at the keyboard. It is not the defence against an
attacker holding a copy of the disk, who can delete the file: that defence is Argon2id plus the
device secret in the OS keyring.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from erms_desktop.vault.errors import TooManyAttemptsError
from erms_desktop.vault.paths import write_private_atomic

FREE_ATTEMPTS = 3
_BASE_DELAY = 2.0
_MAX_DELAY = 15 * 60.0

Clock = Callable[[], float]


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive wrong passphrases."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return float(min(_BASE_DELAY * 2 ** (failures - FREE_ATTEMPTS), _MAX_DELAY))


@dataclass(slots=True)
class AttemptThrottle:
    path: Path
    clock: Clock = time.time

    def _read(self) -> tuple[int, float]:
        try:
            state = json.loads(self.path.read_text("ascii"))
            return int(state["failures"]), float(state["last_failure"])
        except FileNotFoundError:
            return 0, 0.0
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            # A damaged counter must not become a way to reset it: treat it as many failures.
            return FREE_ATTEMPTS + 4, self.clock()

    @property
    def failures(self) -> int:
        return self._read()[0]

    def check(self) -> None:
        """Raise :class:`TooManyAttemptsError` while the current delay has not passed."""
        failures, last = self._read()
        wait = last + delay_after(failures) - self.clock()
        if wait > 0:
            raise TooManyAttemptsError(wait)

    def record_failure(self) -> None:
        failures, _ = self._read()
        state = {"failures": failures + 1, "last_failure": self.clock()}
        write_private_atomic(self.path, json.dumps(state).encode("ascii"))

    def reset(self) -> None:
        self.path.unlink(missing_ok=True)
