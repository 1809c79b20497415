"""Building push mutations from domain entities, and reading back what the store holds."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from erms_desktop.central.models import Record
from erms_desktop.domain import ConsentRecord, Exchange
from erms_desktop.domain.enums import ConsentDecision, ConsentMethod, ConsentScope, ExchangeKind
from tests.central.world import CaseIds, World


def update_of(record_id: str, kind: str, base: int, **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "record_id": record_id,
        "op": "update",
        "base_version": base,
        "fields": fields,
    }


def delete_of(record_id: str, kind: str, base: int) -> dict[str, Any]:
    return {**update_of(record_id, kind, base), "op": "delete"}


def upload(world: World, name: str, file_id: str, data: bytes) -> str:
    """Upload ``data`` into a party file as ``name``'s laptop would; returns its SHA-256."""
    sha = hashlib.sha256(data).hexdigest()
    url = f"/v1/files/{file_id}/attachments/{sha}"
    headers = world.devices[name].headers
    started = world.client.post(
        url, headers=headers, json={"size": len(data), "media_type": "application/pdf"}
    )
    assert started.status_code == 200, started.text
    sent = world.client.put(f"{url}/chunks", params={"offset": 0}, content=data, headers=headers)
    assert sent.json()["complete"] is True, sent.text
    return sha


def stored_record(world: World, record_id: str) -> Record | None:
    with world.store.unit() as s:
        return s.get(Record, record_id)


def record_count(world: World) -> int:
    with world.store.unit() as s:
        return int(s.scalar(select(func.count()).select_from(Record)) or 0)


def outcomes(answer: Any) -> list[tuple[str, str | None]]:
    """(status, reason) of each mutation in a push answer."""
    assert answer.status_code == 200, answer.text
    return [(r["status"], r["reason"]) for r in answer.json()["results"]]


def consent_of(case: CaseIds, *, offender: bool = False, **changes: Any) -> ConsentRecord:
    """Verbal consent, two days old, by the victim (or the offender) to share with the other
    party: what an exchange from that file cites. ``changes`` replace any field."""
    consent = ConsentRecord(
        id=str(uuid.uuid4()),
        case_id=case.case,
        party_file_id=case.offender_file if offender else case.victim_file,
        participant_id=case.offender if offender else case.victim,
        scope=ConsentScope.SHARE_WITH_OTHER_PARTY,
        decision=ConsentDecision.GIVEN,
        method=ConsentMethod.VERBAL,
        recorded_on=datetime.now(UTC).date() - timedelta(days=2),
        detail="A message about how the break-in felt",
    )
    return dataclasses.replace(consent, **changes)


def exchange_of(case: CaseIds, author: str, consent_id: str, **changes: Any) -> Exchange:
    """A shuttle message from the victim's file to the offender's, shared now."""
    exchange = Exchange(
        id=str(uuid.uuid4()),
        case_id=case.case,
        kind=ExchangeKind.SHUTTLE_MESSAGE,
        from_party_file_id=case.victim_file,
        to_party_file_id=case.offender_file,
        content="It felt unsafe at home for weeks afterwards.",
        consent_id=consent_id,
        shared_by=author,
        shared_at=datetime.now(UTC),
    )
    return dataclasses.replace(exchange, **changes)
