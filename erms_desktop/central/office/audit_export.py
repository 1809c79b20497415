"""Audit search results and laptop contents as CSV and PDF (the same rows either way; each
names the search, when it ran and who ran it)."""

from __future__ import annotations

import csv
import io

from erms_desktop.central.reports.pdf import Document
from erms_desktop.protocol.office_audit import AuditSearchResult, LaptopContents

SEARCH_COLUMNS = ["at", "user", "device", "action", "detail", "cases"]
LAPTOP_COLUMNS = ["service_reference", "case_id", "party_file_ids", "last_pulled"]


def _when(result: AuditSearchResult | LaptopContents) -> str:
    return result.searched_at.strftime("%d/%m/%Y %H:%M UTC")


def search_rows(result: AuditSearchResult) -> list[list[str]]:
    return [
        [
            r.at.isoformat(timespec="seconds"),
            r.username,
            r.device_id,
            r.action,
            r.detail,
            " ".join(r.case_ids),
        ]
        for r in result.rows
    ]


def laptop_rows(contents: LaptopContents) -> list[list[str]]:
    return [
        [c.service_reference, c.case_id, " ".join(c.party_file_ids), c.last_pulled.isoformat()]
        for c in contents.cases
    ]


def laptop_summary(contents: LaptopContents) -> list[str]:
    def stamp(value: object) -> str:
        return "never" if value is None else str(value)

    return [
        f"Laptop {contents.asset_tag} (device {contents.device_id}) of {contents.username}",
        f"Last contact: {stamp(contents.last_contact)}",
        f"Revoked: {stamp(contents.revoked_at)}; wipe instruction sent: "
        f"{stamp(contents.wipe_sent_at)}",
        f"Cases held at last contact: {len(contents.cases)}",
    ]


def _csv(head: list[list[str]], columns: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([*head, [], columns, *rows])
    return out.getvalue()


def search_csv(result: AuditSearchResult) -> str:
    head = [
        ["search", result.description],
        ["searched_at", result.searched_at.isoformat(timespec="seconds")],
        ["searched_by", result.searched_by],
    ]
    return _csv(head, SEARCH_COLUMNS, search_rows(result))


def laptop_csv(contents: LaptopContents) -> str:
    head = [[line] for line in laptop_summary(contents)]
    head += [
        ["searched_at", contents.searched_at.isoformat(timespec="seconds")],
        ["searched_by", contents.searched_by],
    ]
    return _csv(head, LAPTOP_COLUMNS, laptop_rows(contents))


def search_pdf(result: AuditSearchResult) -> bytes:
    doc = Document("Audit search", f"Audit search by {result.searched_by}, {_when(result)}")
    doc.heading("Audit search")
    doc.paragraph(f"Search: {result.description}")
    doc.paragraph(f"Run {_when(result)} by {result.searched_by}; {len(result.rows)} rows")
    for row in search_rows(result):
        doc.paragraph(f"{row[0]}  {row[1] or '-'}  device {row[2] or '-'}  {row[3]}", 8, "bold")
        doc.paragraph(f"    {row[4]}" + (f"  cases: {row[5]}" if row[5] else ""), 8)
    return doc.to_bytes(result.searched_at)


def laptop_pdf(contents: LaptopContents) -> bytes:
    doc = Document(
        "Laptop contents", f"Laptop contents by {contents.searched_by}, {_when(contents)}"
    )
    doc.heading("What was on the laptop at its last contact")
    for line in laptop_summary(contents):
        doc.paragraph(line)
    doc.paragraph(f"Run {_when(contents)} by {contents.searched_by}")
    for row in laptop_rows(contents):
        doc.paragraph(f"Case {row[0]} ({row[1]}), last pulled {row[3]}", 9, "bold")
        doc.paragraph(f"    party files: {row[2] or 'none'}", 8)
    return doc.to_bytes(contents.searched_at)
