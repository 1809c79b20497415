"""The check-in and hand-over calls (protocol/checkin.py, ``/v1/office/checkin``) made with a
staff member's office session (service/office/session.py): the same transport, token handling
and typed failures as the rest of office mode."""

from __future__ import annotations

from erms_desktop.protocol.checkin import (
    AccountedRequest,
    CheckInStatus,
    CompleteRequest,
    DeviceSessionRequest,
    DeviceSessionResponse,
    DigestRequest,
    HandoverApply,
    HandoverDecision,
    HandoverEntry,
    HandoverPackage,
    HandoverUpload,
    LaptopContents,
    Receipt,
    StoreDigests,
)
from erms_desktop.protocol.messages import DeviceInfo, Mutation
from erms_desktop.service.office.session import OfficeSession


class CheckInCalls:
    def __init__(self, session: OfficeSession) -> None:
        self._session = session

    @property
    def server_url(self) -> str | None:
        return self._session.server_url

    def start(self, device_id: str) -> CheckInStatus:
        return self._session.post(_device(device_id), None, CheckInStatus)

    def device_session(self, device_id: str, secret: str) -> str:
        request = DeviceSessionRequest(device_secret=secret)
        path = _device(device_id, "/device-session")
        return self._session.post(path, request, DeviceSessionResponse).token

    def digests(self, device_id: str, handed_over: list[str]) -> StoreDigests:
        request = DigestRequest(handed_over=handed_over)
        return self._session.post(_device(device_id, "/digest"), request, StoreDigests)

    def upload(self, device_id: str, package: HandoverUpload) -> CheckInStatus:
        return self._session.post(_device(device_id, "/handover"), package, CheckInStatus)

    def accounted(self, device_id: str, request: AccountedRequest) -> Receipt:
        return self._session.post(_device(device_id, "/accounted"), request, Receipt)

    def complete(self, device_id: str, method: str) -> Receipt:
        request = CompleteRequest(destruction_method=method)
        return self._session.post(_device(device_id, "/complete"), request, Receipt)

    def receipt(self, device_id: str) -> Receipt:
        return self._session.get(_device(device_id, "/receipt"), Receipt)

    def contents(self, device_id: str) -> LaptopContents:
        """What was on the laptop at its last contact (a lost laptop or a returned one)."""
        return self._session.get(_device(device_id, "/contents"), LaptopContents)

    def laptops(self) -> list[DeviceInfo]:
        return self._session.get_list("/devices", DeviceInfo)

    # -- hand-overs ----------------------------------------------------------------------------

    def handovers(self, case_id: str | None = None) -> list[HandoverEntry]:
        params = {} if case_id is None else {"case_id": case_id}
        return self._session.get_list("/checkin/handovers", HandoverEntry, params)

    def package(self, package_id: str) -> HandoverPackage:
        return self._session.get(f"/checkin/handovers/{package_id}", HandoverPackage)

    def apply(self, package_id: str, item_id: str, mutation: Mutation) -> HandoverDecision:
        path = f"/checkin/handovers/{package_id}/items/{item_id}/apply"
        return self._session.post(path, HandoverApply(mutation=mutation), HandoverDecision)

    def discard(self, package_id: str, item_id: str) -> HandoverDecision:
        path = f"/checkin/handovers/{package_id}/items/{item_id}/discard"
        return self._session.post(path, None, HandoverDecision)


def _device(device_id: str, tail: str = "") -> str:
    return f"/checkin/devices/{device_id}{tail}"
