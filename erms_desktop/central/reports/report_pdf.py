"""The monthly report as a PDF: a cover block (period, when produced and by whom, the
suppression rule), then per measure one line chart of its twelve months and the table of the
published cells beneath it. Drawn from the same :class:`MonthlyReport` as the CSV, so the two
never disagree.

Each series has its own marker shape and dash pattern, named in the legend, so the chart reads
in black and white. A suppressed cell ("<5", "*") or a "-" is a gap in its line: a chart never
shows more than the table does.
"""

from __future__ import annotations

from erms_desktop.central.reports import figures
from erms_desktop.central.reports.pdf import DASHES, MARGIN, MARKERS, WIDTH, Document, Page
from erms_desktop.protocol.office_reports import MonthlyReport, ReportTable

CHART_HEIGHT = 190.0
TITLES = {
    "referrals_by_source": "Referrals received, by source",
    "referral_decisions": "Referrals accepted, and rejected by reason",
    "open_cases_by_stage": "Cases open at the month's end, by stage",
    "cases_closed_by_reason": "Cases closed, by reason and outcome",
    "referral_to_allocation_days": "Days from referral to allocation",
    "volunteer_hours_and_mileage": "Volunteer hours and mileage",
}


def report_pdf(report: MonthlyReport) -> bytes:
    period = f"{figures.twelve_months(report.month)[0]} to {report.month}"
    produced = report.produced_at.strftime("%d/%m/%Y %H:%M UTC")
    doc = Document(
        f"Monthly report {report.month}",
        f"Monthly report, {period}, produced {produced} by {report.produced_by}",
    )
    doc.heading("Monthly performance report (anonymised)", 16)
    doc.paragraph(f"Period: {period} (twelve months ending {report.month})")
    doc.paragraph(f"Produced: {produced} by {report.produced_by}")
    doc.paragraph(
        "Figures only. Any count from 1 to 4 is shown as <5; a cell shown as * is hidden so "
        "that a <5 cell cannot be worked out from the total. Hidden cells are gaps in the charts."
    )
    for table in report.tables:
        doc.heading(TITLES.get(table.measure, table.measure.replace("_", " ")), 12)
        doc.room(CHART_HEIGHT + _legend_height(table) + 40)
        _chart(doc.page, doc.y, table)
        doc.y -= CHART_HEIGHT + _legend_height(table) + 30
        doc.table([table.columns, *table.rows])
    return doc.to_bytes(report.produced_at)


def _series(table: ReportTable) -> list[tuple[str, list[float | None]]]:
    """Each column but the month, with its plottable values (None where not published)."""
    out = []
    for index, name in enumerate(table.columns[1:], 1):
        values: list[float | None] = []
        for row in table.rows:
            try:
                values.append(float(row[index]))
            except ValueError:
                values.append(None)
        out.append((name, values))
    return out


def _legend_height(table: ReportTable) -> float:
    return 12.0 * ((len(table.columns) - 1 + 2) // 3)


def _chart(page: Page, top: float, table: ReportTable) -> None:
    left, right = MARGIN + 30, WIDTH - MARGIN
    bottom = top - CHART_HEIGHT
    series = _series(table)
    highest = max([v for _, values in series for v in values if v is not None] or [1.0])
    scale = _nice_ceiling(highest)
    page.line(left, bottom, right, bottom)
    page.line(left, bottom, left, top)
    for step in range(5):
        tick = scale * step / 4
        y = bottom + CHART_HEIGHT * step / 4
        page.text(MARGIN - 5, y - 3, _label(tick), 7)
        if step:
            page.line(left, y, right, y, width=0.3, dash="1 3")
    months = [row[0] for row in table.rows]
    spacing = (right - left) / len(months)
    xs = [left + spacing * (i + 0.5) for i in range(len(months))]
    for x, month in zip(xs, months, strict=True):
        page.text(x - 12, bottom - 11, f"{month[5:]}/{month[2:4]}", 7)
    for number, (_name, values) in enumerate(series):
        shape, dash = MARKERS[number % len(MARKERS)], DASHES[number % len(DASHES)]
        run: list[tuple[float, float]] = []
        for x, value in zip(xs, values, strict=True):
            if value is None:
                page.polyline(run, dash)
                run = []
                continue
            run.append((x, bottom + CHART_HEIGHT * value / scale))
        page.polyline(run, dash)
        for x, value in zip(xs, values, strict=True):
            if value is not None:
                page.marker(x, bottom + CHART_HEIGHT * value / scale, shape)
    legend_top = bottom - 26
    for number, (name, _values) in enumerate(series):
        x = MARGIN + (number % 3) * (WIDTH - 2 * MARGIN) / 3
        y = legend_top - 12 * (number // 3)
        dash = DASHES[number % len(DASHES)]
        page.line(x, y + 3, x + 22, y + 3, width=1, dash=dash)
        page.marker(x + 11, y + 3, MARKERS[number % len(MARKERS)])
        page.text(x + 27, y, name.replace("_", " "), 7)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    power = 1.0
    while power * 10 < value:
        power *= 10
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= value)


def _label(value: float) -> str:
    return f"{value:g}"
