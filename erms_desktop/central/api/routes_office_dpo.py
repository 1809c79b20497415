"""The data protection officer's routes: audit search, laptop contents and subject access.

Administrators only: these read across every user's activity and gather everything about a
person, which office staff doing case work do not need. Every call is audited, the search
itself included. Each answer comes as JSON, CSV or PDF (``/{format}``) from the same rows.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from erms_desktop.central.access import Principal
from erms_desktop.central.api.deps import PrincipalDep, StoreDep, check_versions
from erms_desktop.central.api.files import (
    FILE_RESPONSES,
    FileFormat,
    file_response,
    pdf_response,
)
from erms_desktop.central.api.responses import ERRORS
from erms_desktop.central.api.routes_office import RecordIdPath
from erms_desktop.central.errors import ForbiddenError
from erms_desktop.central.office import (
    audit_export,
    audit_search,
    erasure,
    subject_access,
    subject_bundle,
)
from erms_desktop.domain.enums import UserRole
from erms_desktop.protocol.office_audit import AuditSearch, AuditSearchResult, LaptopContents
from erms_desktop.protocol.office_subject import (
    AnsweredRequest,
    ErasureRequest,
    ErasureResult,
    SubjectAccessRequest,
    SubjectQuery,
    SubjectSearchResult,
)

router = APIRouter(
    prefix="/v1/office", tags=["office"], dependencies=[Depends(check_versions)], responses=ERRORS
)


def dpo_principal(principal: PrincipalDep) -> Principal:
    if principal.role is not UserRole.ADMIN:
        raise ForbiddenError("the data protection officer's tools need an administrator account")
    return principal


DpoDep = Annotated[Principal, Depends(dpo_principal)]


@router.post("/audit/search")
def search(body: AuditSearch, store: StoreDep, dpo: DpoDep) -> AuditSearchResult:
    with store.unit() as session:
        return audit_search.search(session, body, dpo.actor)


@router.post("/audit/search/{fmt}", response_class=Response, responses=FILE_RESPONSES)
def search_file(fmt: FileFormat, body: AuditSearch, store: StoreDep, dpo: DpoDep) -> Response:
    with store.unit() as session:
        result = audit_search.search(session, body, dpo.actor)
    return file_response(fmt, result, audit_export.search_csv, audit_export.search_pdf)


@router.get("/audit/laptops/{device_id}")
def laptop(device_id: RecordIdPath, store: StoreDep, dpo: DpoDep) -> LaptopContents:
    with store.unit() as session:
        return audit_search.laptop(session, device_id, dpo.actor)


@router.get("/audit/laptops/{device_id}/{fmt}", response_class=Response, responses=FILE_RESPONSES)
def laptop_file(device_id: RecordIdPath, fmt: FileFormat, store: StoreDep, dpo: DpoDep) -> Response:
    with store.unit() as session:
        contents = audit_search.laptop(session, device_id, dpo.actor)
    return file_response(fmt, contents, audit_export.laptop_csv, audit_export.laptop_pdf)


@router.post("/subject-access/search")
def subject_search(body: SubjectQuery, store: StoreDep, dpo: DpoDep) -> SubjectSearchResult:
    with store.unit() as session:
        return subject_access.find(session, body, dpo.actor)


@router.post(
    "/subject-access/bundle",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def subject_bundle_pdf(body: SubjectAccessRequest, store: StoreDep, dpo: DpoDep) -> Response:
    """Everything held about the person, the other party redacted; records the answer."""
    with store.unit() as session:
        bundle = subject_bundle.build(session, body.participant_id, body.received_on, dpo.actor)
    return pdf_response(subject_bundle.bundle_pdf(bundle))


@router.get("/subject-access/requests")
def subject_requests(store: StoreDep, dpo: DpoDep) -> list[AnsweredRequest]:
    with store.unit() as session:
        return subject_access.answered(session, dpo.actor)


@router.post("/subject-access/erase")
def erase(body: ErasureRequest, store: StoreDep, dpo: DpoDep) -> ErasureResult:
    """Tombstone the person's records; laptops lose them on their next pull."""
    with store.unit() as session:
        return erasure.erase(session, body, dpo.actor)
