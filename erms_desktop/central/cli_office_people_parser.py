"""The office's people and laptop commands on ``erms-central`` (argument parsing only; what
they do is cli_office_people.py)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from erms_desktop.protocol.office_people import LAPTOP_TERMS_VERSION

Sub = Callable[[str, str], argparse.ArgumentParser]
#: Every command here changes the store or reads what a laptop held: each needs ``--as``.
PEOPLE_COMMANDS_CHANGING = frozenset(
    {"add-person", "temporary-password", "disable-leaver", "hours", "issue-laptop"}
    | {"laptops", "revoke-laptop", "breach-summary"}
)


def add_people_commands(sub: Sub) -> None:
    person = sub("add-person", "create a volunteer or staff account with a temporary password")
    person.add_argument("username")
    person.add_argument("--role", required=True, choices=["volunteer", "staff"])
    reset = sub("temporary-password", "give a person a new one-time temporary password")
    reset.add_argument("username")
    leaver = sub("disable-leaver", "disable a leaver: sessions end, laptops are revoked")
    leaver.add_argument("username")
    hours = sub("hours", "a volunteer's hours and mileage by month")
    hours.add_argument("username")
    issue = sub("issue-laptop", "issue a laptop to a volunteer: prints the enrolment code")
    issue.add_argument("username")
    issue.add_argument("asset_tag")
    issue.add_argument(
        "--terms-accepted",
        action="store_true",
        required=True,
        help=f"the volunteer has read and accepted laptop terms version {LAPTOP_TERMS_VERSION}",
    )
    sub("laptops", "list every laptop: volunteer, last contact, app version, offline lease")
    revoke = sub("revoke-laptop", "revoke a lost laptop and print what was on it")
    revoke.add_argument("laptop", help="its asset tag (or device id)")
    breach = sub("breach-summary", "what was on a laptop at its last contact")
    breach.add_argument("laptop", help="its asset tag (or device id)")
