"""The ``erms-central oversight`` command's arguments (what it does is cli_oversight.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_oversight_command(sub: Callable[[str, str], argparse.ArgumentParser]) -> None:
    listing = sub("oversight", "list cases with what needs looking at, filtered")
    listing.add_argument("--stage", help="a workflow stage as written, e.g. 'first contact'")
    listing.add_argument("--on-hold", help="yes or no")
    listing.add_argument("--unallocated", action="store_true", help="a party file nobody holds")
    listing.add_argument("--overdue", action="store_true", help="the next action is overdue")
    listing.add_argument("--risk-review-due", action="store_true")
    listing.add_argument("--consent-missing", action="store_true")
    listing.add_argument("--no-contact-days", type=int, metavar="N", help="no contact for N days")
