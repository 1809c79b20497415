"""The data protection officer's commands on the ``erms-central`` command line (argument
parsing only; what they do is cli_dpo.py): audit search, subject access and erasure."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from erms_desktop.protocol.office_subject import ErasureGround

Sub = Callable[[str, str], argparse.ArgumentParser]


def add_dpo_commands(sub: Sub) -> None:
    search = sub("audit-search", "search the audit log (administrators; the search is audited)")
    which = search.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="CASE_ID", help="who read or changed a case")
    which.add_argument("--record", metavar="RECORD_ID", help="who read or changed a record")
    which.add_argument("--user", metavar="USERNAME", help="everything a user did")
    which.add_argument("--device", metavar="DEVICE_ID", help="everything a device did")
    which.add_argument("--laptop", metavar="DEVICE_ID", help="what a laptop held at last contact")
    search.add_argument("--from", dest="start", metavar="DD/MM/YYYY", help="period start")
    search.add_argument("--to", dest="end", metavar="DD/MM/YYYY", help="period end (inclusive)")
    search.add_argument("--pdf", metavar="FILE", help="write a PDF instead of printing CSV")
    subject = sub("subject-access", "find a person, or export all held about them as a PDF")
    subject.add_argument("--name", default="", help="names or other names (every word matches)")
    subject.add_argument("--dob", metavar="DD/MM/YYYY", help="date of birth")
    subject.add_argument("--reference", default="", help="their reference or the case's")
    subject.add_argument("--export", metavar="PARTICIPANT_ID", help="answer a request for them")
    subject.add_argument("--received-on", metavar="DD/MM/YYYY", help="when the request came in")
    subject.add_argument("--pdf", metavar="FILE", help="where to write the bundle (--export)")
    erase = sub("erase-person", "erase a person's records (tombstoned on every laptop)")
    erase.add_argument("participant_id")
    erase.add_argument("--ground", required=True, choices=[g.value for g in ErasureGround])
    erase.add_argument("--confirm", action="store_true", help="required: erasure cannot be undone")
