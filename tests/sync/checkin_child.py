"""A laptop process for the check-in SIGKILL tests: runs (or resumes) the check-in of the vault in
FOLDER, printing each step as it starts, until it ends or is killed. An optional pause after each
step widens the window a kill can land in.
Usage: python -m tests.sync.checkin_child FOLDER STORE_URL PUBLIC_KEY_PEM PAUSE_SECONDS
(signs in as the suite's staff member, sam)"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from erms_desktop.service.checkin import LaptopCheckIn, Passphrase
from erms_desktop.service.errors import CheckInStopped
from erms_desktop.vault import Vault
from erms_desktop.vault.recovery import public_key_from_pem
from tests.sync.checkin_helpers import staff_session
from tests.sync.laptops import PASSPHRASE, POLICY


def main(folder: str, url: str, key: str, pause: str) -> None:
    vault = Vault(Path(folder), policy=POLICY)
    check_in = LaptopCheckIn(vault, public_key_from_pem(Path(key).read_bytes()))

    def step(text: str) -> None:
        print(text, flush=True)
        time.sleep(float(pause))

    print("ready", flush=True)
    try:
        receipt = check_in.run(staff_session(url), Passphrase(PASSPHRASE), step)
    except CheckInStopped as stopped:
        print(f"stopped: {stopped}", flush=True)
        sys.exit(3)
    print(f"done {receipt.device_id}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
