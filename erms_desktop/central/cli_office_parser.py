"""The office's commands on the ``erms-central`` command line (argument parsing only; what
they do is cli_office.py). They take values as people write them: source names, dd/mm/yyyy."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Sub = Callable[[str, str], argparse.ArgumentParser]
PERSON_HELP = (
    "side:Names[:child], e.g. 'victim:Harriet Quennell' or 'party_a:Ada Brook' for mediation"
    " (repeat for each person)"
)
REASONS = ["workload", "volunteer_left", "conflict_of_interest", "skills_needed", "safeguarding"]


def add_office_commands(sub: Sub) -> None:
    _referral_commands(sub)
    assess = sub("assess", "record the office's initial risk assessment of a party file")
    assess.add_argument("party_file_id")
    assess.add_argument("--outcome", required=True)
    assess.add_argument("--completed-on", required=True, help="dd/mm/yyyy")
    assess.add_argument("--factor", action="append", default=[], dest="factors")
    assess.add_argument("--mitigation", action="append", default=[], dest="mitigations")
    allocate = sub("allocate", "allocate a case, or one party file, to a volunteer")
    allocate.add_argument("username")
    allocate.add_argument("case_id")
    allocate.add_argument("--party-file", dest="party_file_id")
    allocate.add_argument("--co-facilitator", metavar="USERNAME", help="a second facilitator")
    deallocate = sub("deallocate", "take a case away from a volunteer, with the reason")
    deallocate.add_argument("username")
    deallocate.add_argument("case_id")
    deallocate.add_argument("--reason", default="other", choices=[*REASONS, "other"])
    reallocate = sub("reallocate", "hand a volunteer's allocation in a case to another")
    reallocate.add_argument("from_username")
    reallocate.add_argument("to_username")
    reallocate.add_argument("case_id")
    reallocate.add_argument("--reason", required=True, choices=[*REASONS, "other"])
    sub("cases", "list every case")
    sub("users", "list every account")
    caseload = sub("caseload", "list what a volunteer holds now")
    caseload.add_argument("username")


def _referral_commands(sub: Sub) -> None:
    referral = sub("create-referral", "take a referral in")
    referral.add_argument(
        "--case-type", default="restorative_justice", choices=["restorative_justice", "mediation"]
    )
    referral.add_argument("--dispute-type", help="mediation: noise, boundaries, parking, ...")
    referral.add_argument("--source", required=True, help="as written, e.g. 'Essex Police'")
    referral.add_argument("--received-on", required=True, help="dd/mm/yyyy")
    referral.add_argument("--agency-reference", default="")
    referral.add_argument("--offence-type", help="restorative justice only")
    referral.add_argument(
        "--summary", help="the offence (for a mediation, the dispute) in a line or two"
    )
    referral.add_argument("--offence-date", help="dd/mm/yyyy")
    referral.add_argument("--flag", action="append", default=[], dest="flags")
    referral.add_argument("--person", action="append", default=[], dest="people", help=PERSON_HELP)
    referral.add_argument("--consent", default="not_yet_asked")
    referral.add_argument("--lawful-basis", required=True, choices=["consent", "public_task"])
    sub("referrals", "list the referrals held")
    reject = sub("reject-referral", "reject (and so destroy) a referral, leaving a count")
    reject.add_argument("referral_id")
    reject.add_argument("--reason", required=True)
    accept = sub("accept-referral", "accept a referral: open its case with its party files")
    accept.add_argument("referral_id")
    accept.add_argument("--service-reference", required=True)
    accept.add_argument("--justice-stage", help="restorative justice only")
    accept.add_argument(
        "--acknowledge-policy",
        action="store_true",
        help="the board's policy rule for knife crime and sexual offences has been read",
    )
