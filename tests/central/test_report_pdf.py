"""The monthly report as a PDF: from the command line (no Qt on the store) and the office API,
with the same figures as the CSV, the period, time and author stated, one chart per measure."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from erms_desktop.central.reports.report_pdf import TITLES
from tests.central import report_year
from tests.central.test_cli import run  # noqa: F401 - the command-line fixture
from tests.central.world import World

LAST = "2026-03"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content), strict=True).pages)


@pytest.fixture
def year(world: World) -> report_year.Year:
    generated = report_year.generate(200)
    with world.store.unit() as s:
        report_year.store(s, generated)
    return generated


def test_office_api_pdf_holds_every_measure_and_the_csv_figures(
    world: World, year: report_year.Year
) -> None:
    headers = world.devices["sam"].headers
    answer = world.client.get(f"/v1/office/reports/monthly/{LAST}/pdf", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Period: 2025-04 to 2026-03" in text
    assert "by sam" in text
    for title in TITLES.values():
        assert title in text
    report = world.client.get(f"/v1/office/reports/monthly/{LAST}", headers=headers).json()
    for table in report["tables"]:
        for row in table["rows"]:
            assert " ".join(row) in " ".join(text.split()), row
    for case in year.cases:
        assert case.service_reference not in text
    refused = world.client.get(
        f"/v1/office/reports/monthly/{LAST}/pdf", headers=world.devices["alice"].headers
    )
    assert refused.status_code == 403


def test_command_line_writes_the_pdf(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    assert run("create-user", "stan", "--role", "staff", stdin="a long password 2\n")[0] == 0
    target = tmp_path / "report.pdf"
    code, out, _ = run("report", "--month", LAST, "--pdf", str(target), "--as", "stan")
    assert code == 0, out
    assert str(target) in out
    text = pdf_text(target.read_bytes())
    assert "Produced:" in text
    assert "by stan" in text
    code, _, err = run(
        "report", "--month", LAST, "--pdf", str(tmp_path / "no" / "x.pdf"), "--as", "stan"
    )
    assert code == 1
    assert "cannot write" in err
