"""The data protection officer's commands on the ``erms-central`` command line (argument
parsing only; what they do is cli_dpo.py): audit search, subject access and erasure."""

from __future__ import annotations

import argparse
from collections.abc import Callable

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
