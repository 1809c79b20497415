"""Loading the synthetic demo dataset (erms_desktop.demo.data) into a store: its users,
every record, the allocations and the document contents. Demo mode and ``seed-demo`` use it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from erms_desktop.central import admin, casework
from erms_desktop.central.attachment_loading import load_contents
from erms_desktop.central.settings import CentralSettings
from erms_desktop.demo.data import DEMO_USERS, DemoDataset, DemoUser, generate_demo_data


def allocation_specs(dataset: DemoDataset) -> list[casework.AllocationSpec]:
    """Whole-case allocations, narrowed to single party files where a file names its own
    facilitators (the domain's per-file allocation)."""
    files_by_case: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for party_file in dataset.party_files:
        files_by_case.setdefault(party_file.case_id, []).append(
            (party_file.id, party_file.facilitator_ids)
        )
    specs: list[casework.AllocationSpec] = []
    for allocation in dataset.allocations:
        files = files_by_case.get(allocation.case_id, [])
        open_files = [fid for fid, only in files if not only or allocation.user_id in only]
        if len(open_files) == len(files):
            specs.append(casework.AllocationSpec(allocation.user_id, allocation.case_id))
        else:
            specs.extend(
                casework.AllocationSpec(allocation.user_id, allocation.case_id, fid)
                for fid in open_files
            )
    return specs


def load_demo(
    session: Session, settings: CentralSettings, password: str, dataset: DemoDataset | None = None
) -> DemoDataset:
    dataset = dataset or generate_demo_data()
    add_demo_users(session, settings, password, dataset.users)
    add_demo_records(session, dataset)
    return dataset


def add_demo_users(
    session: Session,
    settings: CentralSettings,
    password: str,
    users: tuple[DemoUser, ...] = DEMO_USERS,
) -> None:
    """The demo's office accounts, every one with ``password``."""
    for user in users:
        admin.create_user(
            session, settings, user.username, user.role.value, password, user_id=user.id
        )


def add_demo_records(session: Session, dataset: DemoDataset) -> None:
    """Every record of ``dataset``, its allocations and its documents' contents (the users
    must be there already: a member of staff uploaded the documents)."""
    casework.load_dataset(session, dataset.entities(), allocation_specs(dataset))
    uploader = next(u.id for u in dataset.users if u.role.value != "volunteer")
    load_contents(session, dataset.document_contents, "application/octet-stream", uploader)


def seed_demo(session: Session, settings: CentralSettings, password: str) -> str:
    dataset = load_demo(session, settings, password)
    users = ", ".join(u.username for u in dataset.users)
    return f"loaded {len(list(dataset.entities()))} demo records; users: {users}"
