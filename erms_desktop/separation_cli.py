"""``erms-desktop check-separation --other-party PARTY.json [NOTE.txt | -]``.

Other tools depend on this contract: standard output is ``{"findings": [...]}``; the exit status
is 0 with no blocking finding, 1 with at least one, and 2 for bad input, with a message on
standard error and nothing on standard output. Input is checked strictly (unknown fields, wrong
types, duplicate keys are refused) because a typo that silently dropped a phone number would
let that number through. Only the standard library is imported until the input is valid; the
checker itself is pure Python, so the command answers without Qt or the database driver.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from erms_desktop.domain.separation import Identifiers

COMMAND = "check-separation"
_TEXT_FIELDS = ("given_names", "family_name", "preferred_name")
_LIST_FIELDS = ("aliases", "addresses", "phones", "emails", "references")
_FIELDS = frozenset({"id", "date_of_birth", *_TEXT_FIELDS, *_LIST_FIELDS})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadInputError(Exception):
    """The party file or the note cannot be used; the message says why."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        COMMAND,
        help="check a note for identifiers of the other party",
        description="Check a note (UTF-8, from a file or standard input) for identifiers of the"
        " other party file's participants. Exit 0: nothing blocking; 1: blocking findings;"
        " 2: bad input.",
    )
    parser.add_argument("--other-party", required=True, metavar="PARTY.json")
    parser.add_argument("note", nargs="?", default="-", metavar="NOTE.txt | -")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        people = parse_party(_read_bytes(args.other_party, "party file"))
        text = _decode(_read_bytes(args.note, "note"), "note")
    except BadInputError as exc:
        print(f"erms-desktop {COMMAND}: {exc}", file=sys.stderr)
        return 2
    from erms_desktop.domain.separation import SeparationChecker, has_blocking

    findings = SeparationChecker(people).check(text)
    report = {
        "findings": [
            {
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "participant": f.participant_id,
                "kind": f.kind.value,
                "severity": f.severity.value,
            }
            for f in findings
        ]
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 1 if has_blocking(findings) else 0


def _read_bytes(name: str, what: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise BadInputError(f"cannot read the {what} {name!r}: {exc.strerror or exc}") from exc


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInputError(f"the {what} is not valid UTF-8 (byte {exc.start})") from exc


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise BadInputError(f"the party file repeats the field {key!r}")
        result[key] = value
    return result


def parse_party(data: bytes) -> list[Identifiers]:
    """PARTY.json to identifiers, refusing anything that does not fit the contract."""
    try:
        document = json.loads(_decode(data, "party file"), object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise BadInputError(f"the party file is not valid JSON: {exc}") from exc
    if not isinstance(document, dict) or set(document) != {"participants"}:
        raise BadInputError('the party file must be an object with only "participants"')
    entries = document["participants"]
    if not isinstance(entries, list):
        raise BadInputError('"participants" must be a list')
    people = [_participant(entry, number) for number, entry in enumerate(entries)]
    ids = [person.participant_id for person in people]
    if len(set(ids)) != len(ids):
        raise BadInputError("two participants share an id")
    return people


def _participant(entry: object, number: int) -> Identifiers:
    from erms_desktop.domain.separation import Identifiers

    where = f"participant {number}"
    if not isinstance(entry, dict):
        raise BadInputError(f"{where} must be an object")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise BadInputError(f"{where} has unknown fields: {', '.join(unknown)}")
    ident = entry.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise BadInputError(f'{where} needs an "id" that is a non-empty string')
    texts = {name: _text(entry.get(name), f"{where} {name}") for name in _TEXT_FIELDS}
    lists = {name: _strings(entry.get(name), f"{where} {name}") for name in _LIST_FIELDS}
    return Identifiers(
        participant_id=ident,
        date_of_birth=_date(entry.get("date_of_birth"), f"{where} date_of_birth"),
        given_names=texts["given_names"],
        family_name=texts["family_name"],
        preferred_name=texts["preferred_name"],
        aliases=lists["aliases"],
        addresses=lists["addresses"],
        phones=lists["phones"],
        emails=lists["emails"],
        references=lists["references"],
    )


def _text(value: object, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadInputError(f"{where} must be a string")
    return value


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadInputError(f"{where} must be a list of strings")
    return tuple(value)


def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise BadInputError(f"{where} must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadInputError(f"{where} is not a real date: {value}") from exc
