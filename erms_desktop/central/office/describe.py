"""Naming cases and party files for the office's people and laptop screens: the service
reference and the side, never a participant's name."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from erms_desktop.central.models import Record
from erms_desktop.domain.enums import Side


def references(session: Session, case_ids: Iterable[str]) -> dict[str, str]:
    """Each case's service reference ("(removed)" for a case no longer in the store)."""
    wanted = set(case_ids)
    rows = session.execute(
        select(Record.id, Record.fields).where(Record.kind == "case", Record.id.in_(wanted))
    ).all()
    found = {row_id: str(fields.get("service_reference", "")) for row_id, fields in rows}
    return {case_id: found.get(case_id, "(removed)") for case_id in wanted}


def sides(session: Session, file_ids: Iterable[str]) -> dict[str, Side | None]:
    wanted = {f for f in file_ids if f}
    rows = session.execute(
        select(Record.id, Record.fields).where(Record.kind == "party_file", Record.id.in_(wanted))
    ).all()
    found = {row_id: Side(fields["side"]) for row_id, fields in rows if "side" in fields}
    return {file_id: found.get(file_id) for file_id in wanted}
