"""The check-in receipt as people read it (shown in the wizard, printed to PDF, shown in office
mode): Qt-free HTML, every value escaped. It names the laptop, the people and the cases by id -
no case content."""

from __future__ import annotations

from html import escape

from erms_desktop.protocol.checkin import LaptopContents, Receipt
from erms_desktop.protocol.office_people import HeldCase
from erms_desktop.service.formatting import uk_datetime
from erms_desktop.service.office.laptops_text import held_parts

__all__ = [
    "Receipt",
    "contents_html",
    "receipt_html",
    "receipt_title",
]  # the GUI reaches Receipt through here


def receipt_title(receipt: Receipt) -> str:
    return f"Laptop check-in receipt - asset {receipt.asset_tag}"


def receipt_html(receipt: Receipt) -> str:
    destroyed = f"Yes - {receipt.destruction_method}" if receipt.local_data_destroyed else "Not yet"
    facts = [
        ("Laptop asset tag", receipt.asset_tag),
        ("Device id", receipt.device_id),
        ("Volunteer", receipt.volunteer),
        ("Checked in by", receipt.staff),
        ("Everything accounted for at", uk_datetime(receipt.accounted_at)),
        ("Completed at", uk_datetime(receipt.completed_at, missing="not yet")),
        ("Items handed over to the office", str(receipt.items_handed_over)),
        ("Local data destroyed", destroyed),
    ]
    rows = "".join(
        f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts
    )
    cases = "".join(
        f"<tr><td>{escape(c.case_id)}</td><td>{_digest(c.matched)}</td>"
        f"<td>{c.party_files}</td></tr>"
        for c in receipt.cases
    )
    return (
        f"<h2>{escape(receipt_title(receipt))}</h2><table cellpadding='4'>{rows}</table>"
        f"<h3>Cases ({len(receipt.cases)})</h3>"
        "<table cellpadding='4'><tr><th align='left'>Case</th>"
        "<th align='left'>Digest (case and party files)</th>"
        "<th align='left'>Party files compared</th></tr>"
        f"{cases}</table>"
    )


def _digest(matched: bool) -> str:
    return "matches the office store" if matched else "DIFFERS"


def contents_html(contents: LaptopContents) -> str:
    """ "What was on this laptop": the cases and party files it held at its last contact."""
    facts = [
        ("Laptop asset tag", contents.asset_tag),
        ("Device id", contents.device_id),
        ("Volunteer", contents.volunteer),
        ("Last contact", uk_datetime(contents.last_contact)),
        ("Now", contents.ended),
    ]
    rows = "".join(
        f"<tr><th align='left'>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts
    )
    cases = "".join(_held_html(case) for case in contents.cases) or "<li>none</li>"
    return (
        f"<h2>What was on laptop {escape(contents.asset_tag)}</h2><table cellpadding='4'>{rows}"
        f"</table><h3>Cases on it ({len(contents.cases)})</h3><ul>{cases}</ul>"
    )


def _held_html(case: HeldCase) -> str:
    return (
        f"<li>{escape(case.service_reference)} ({escape(case.case_id)}): "
        f"{escape(', '.join(held_parts(case)) or 'nothing')}; "
        f"last pulled {uk_datetime(case.last_pulled)}</li>"
    )
