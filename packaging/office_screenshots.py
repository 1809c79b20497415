"""Screenshots of office mode's screens, for the README.

    .venv/bin/python packaging/office_screenshots.py [OUTPUT_DIR]   (default: docs/screenshots)

Runs the real office window against the real central store on loopback, loaded with the
synthetic demo dataset (as the office tests do), on Qt's offscreen platform. Only synthetic data
appears. Writes office-sign-in.png, office-referrals.png, office-intake.png,
office-policy-rule.png, office-risk.png, office-allocation.png, office-mediation-intake.png,
office-oversight.png and office-people.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "packaging"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from screenshots import SIZE, _save, _wait, run_shots  # noqa: E402

from erms_desktop.demo.account import (  # noqa: E402
    DEMO_OFFICE_USERNAME,
    DEMO_PASSWORD,
    DEMO_USERNAME,
)
from erms_desktop.domain.enums import (  # noqa: E402
    CaseType,
    DisputeType,
    LawfulBasis,
    OffenceFlag,
    OffenceType,
    ReferralSource,
    Side,
)
from erms_desktop.gui.office.allocation import AllocationScreen  # noqa: E402
from erms_desktop.gui.office.referral_intake import IntakeDialog  # noqa: E402
from erms_desktop.gui.office.referrals import AcceptDialog, ReferralsScreen  # noqa: E402
from erms_desktop.gui.office.risk import RiskScreen  # noqa: E402
from erms_desktop.gui.office.screens import install_screens  # noqa: E402
from erms_desktop.gui.office.sign_in import OfficeSignInDialog  # noqa: E402
from erms_desktop.gui.office.window import OfficeWindow  # noqa: E402
from erms_desktop.gui.worker import OfficeWorker  # noqa: E402
from erms_desktop.service.office import casework  # noqa: E402
from erms_desktop.service.office.casework import ReferralIntake, ReferredPerson  # noqa: E402
from erms_desktop.service.office.session import OfficeSession  # noqa: E402
from tests.service.office import Office  # noqa: E402


def _knife_crime_referral(session: OfficeSession) -> str:
    form = ReferralIntake(
        source=ReferralSource.ESSEX_POLICE,
        received_on=date(2026, 2, 23),
        agency_reference="EP/26/0412",
        offence_type=OffenceType.VIOLENCE,
        offence_summary="A threat made with a knife outside a takeaway",
        flags=(OffenceFlag.KNIFE_CRIME,),
        people=[ReferredPerson(side=Side.VICTIM, given_names="Rosalind", family_name="Ashby")],
        lawful_basis=LawfulBasis.CONSENT,
    )
    return casework.take_in(session, form).referral_id


def shoot(out: Path, url: str) -> None:
    session = OfficeSession(url, hint=None)
    sign_in = OfficeSignInDialog(OfficeWorker(OfficeSession(url)), url)
    sign_in.username.setText(DEMO_OFFICE_USERNAME)
    sign_in.password.setText(DEMO_PASSWORD)
    sign_in.show()
    _save(sign_in, out, "office-sign-in.png")
    sign_in.close()

    account = session.sign_in(DEMO_OFFICE_USERNAME, DEMO_PASSWORD)
    knife = _knife_crime_referral(session)
    worker = OfficeWorker(session)
    window = OfficeWindow(worker, account, demo=True)
    install_screens(window)
    window.resize(*SIZE)
    window.show()
    referrals = window.tabs.widget(0)
    assert isinstance(referrals, ReferralsScreen)
    _wait(lambda: "waiting for a decision" in referrals.message.text())
    _save(window, out, "office-referrals.png")

    intake = IntakeDialog(worker, window)
    intake.resize(720, 900)
    intake.source.setCurrentIndex(intake.source.findText("Youth offending service"))
    intake.agency_reference.setText("YOS/2026/118")
    intake.summary.setPlainText("Damage to a neighbour's fence and car")
    intake.flags[OffenceFlag.INVOLVES_CHILD].setChecked(True)
    for person in (
        ReferredPerson(side=Side.VICTIM, given_names="Ottoline", family_name="Brackenbury"),
        ReferredPerson(
            side=Side.OFFENDER, given_names="Peregrine", family_name="Hollowell", is_child=True
        ),
    ):
        intake.add(person)
    intake.show()
    _save(intake, out, "office-intake.png")
    intake.close()

    summary = next(r for r in referrals.referrals if r.referral_id == knife)
    accept = AcceptDialog(referrals, summary)
    accept.resize(560, 260)
    accept.show()
    _save(accept, out, "office-policy-rule.png")
    accept.close()

    window.show_screen(1)
    risk = window.tabs.widget(1)
    assert isinstance(risk, RiskScreen)
    _wait(lambda: risk.files.rowCount() > 0)
    _save(window, out, "office-risk.png")

    window.show_screen(2)
    allocation = window.tabs.widget(2)
    assert isinstance(allocation, AllocationScreen)
    _wait(lambda: allocation.files.rowCount() > 0 and allocation.facilitator.count() > 1)
    allocation.choose_volunteers(DEMO_USERNAME)
    _wait(lambda: allocation.caseload_title.text().startswith(DEMO_USERNAME))
    _save(window, out, "office-allocation.png")

    _mediation_and_lists(out, window, worker)
    window.close()
    worker.shutdown()


def _mediation_and_lists(out: Path, window: OfficeWindow, worker: OfficeWorker) -> None:
    """A mediation referral being taken in, then the oversight and people lists."""
    mediation = IntakeDialog(worker, window)
    mediation.resize(720, 900)
    mediation.case_type.setCurrentIndex(mediation.case_type.findData(CaseType.MEDIATION))
    mediation.source.setCurrentIndex(mediation.source.findText("Housing association"))
    mediation.agency_reference.setText("HA/2026/0311")
    mediation.dispute_type.setCurrentIndex(mediation.dispute_type.findData(DisputeType.NOISE))
    mediation.dispute.setPlainText("Late-night music and slammed doors between three flats")
    for person in (
        ReferredPerson(side=Side.PARTY_A, given_names="Marguerite", family_name="Oakhampton"),
        ReferredPerson(side=Side.PARTY_B, given_names="Barnaby", family_name="Quillfeather"),
        ReferredPerson(side=Side.PARTY_C, given_names="Isolde", family_name="Penhaligon"),
    ):
        mediation.add(person)
    mediation.show()
    _save(mediation, out, "office-mediation-intake.png")
    mediation.close()

    for title, name in (
        ("Oversight", "office-oversight.png"),
        ("People", "office-people.png"),
    ):
        screen = window.screen_titled(title)
        assert screen is not None
        window.show_screen(window.tabs.indexOf(screen))
        table = screen.table  # type: ignore[attr-defined]
        if title == "Oversight":
            screen.show_button.click()  # type: ignore[attr-defined]
        _wait(lambda table=table: table.rowCount() > 0)
        if title == "People":  # the selected volunteer's hours and mileage by month
            hours = screen.hours  # type: ignore[attr-defined]
            _wait(lambda hours=hours: hours.rowCount() > 0)
        _save(window, out, name)


def _against_a_store(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        office = Office(Path(folder) / "office")
        office.online = True
        try:
            shoot(out, office.url)
        finally:
            office.online = False


def main(argv: list[str]) -> int:
    return run_shots(argv, _against_a_store)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
