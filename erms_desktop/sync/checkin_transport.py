"""The check-in calls (protocol/checkin.py) over the sync transport, with a staff member's
session: the same HTTP client, timeouts and typed errors as a sync."""

from __future__ import annotations

from erms_desktop.protocol.checkin import (
    AccountedRequest,
    CheckInStatus,
    CompleteRequest,
    DeviceSessionRequest,
    DeviceSessionResponse,
    HandoverApply,
    HandoverDecision,
    HandoverEntry,
    HandoverPackage,
    HandoverUpload,
    Receipt,
    StoreDigests,
)
from erms_desktop.protocol.messages import Mutation, RecordChange
from erms_desktop.sync.errors import RequestRefused
from erms_desktop.sync.transport import Transport, _parse


class CheckInTransport(Transport):
    def start(self, device_id: str) -> CheckInStatus:
        return _parse(CheckInStatus, self._send("POST", _device(device_id)))

    def device_session(self, device_id: str, secret: str) -> str:
        request = DeviceSessionRequest(device_secret=secret)
        answer = self._send("POST", _device(device_id, "/device-session"), json=request)
        return _parse(DeviceSessionResponse, answer).token

    def digests(self, device_id: str) -> StoreDigests:
        return _parse(StoreDigests, self._send("GET", _device(device_id, "/digest")))

    def record(self, record_id: str) -> RecordChange | None:
        """The store's copy of one record (staff), or None where it has none."""
        try:
            return _parse(RecordChange, self._send("GET", f"/v1/records/{record_id}"))
        except RequestRefused as refused:
            if refused.status == 404:
                return None
            raise

    def upload(self, device_id: str, package: HandoverUpload) -> CheckInStatus:
        answer = self._send("PUT", _device(device_id, "/handover"), json=package)
        return _parse(CheckInStatus, answer)

    def accounted(self, device_id: str, request: AccountedRequest) -> Receipt:
        return _parse(Receipt, self._send("POST", _device(device_id, "/accounted"), json=request))

    def complete(self, device_id: str, method: str) -> Receipt:
        request = CompleteRequest(destruction_method=method)
        return _parse(Receipt, self._send("POST", _device(device_id, "/complete"), json=request))

    def receipt(self, device_id: str) -> Receipt:
        return _parse(Receipt, self._send("GET", _device(device_id, "/receipt")))

    # -- office mode: the hand-overs -----------------------------------------------------------

    def handovers(self, case_id: str | None = None) -> list[HandoverEntry]:
        params = {} if case_id is None else {"case_id": case_id}
        answer = self._send("GET", "/v1/checkin/handovers", params=params)
        return [HandoverEntry.model_validate(item) for item in answer.json()]

    def package(self, package_id: str) -> HandoverPackage:
        return _parse(HandoverPackage, self._send("GET", f"/v1/checkin/handovers/{package_id}"))

    def apply(self, package_id: str, item_id: str, mutation: Mutation) -> HandoverDecision:
        path = f"/v1/checkin/handovers/{package_id}/items/{item_id}/apply"
        answer = self._send("POST", path, json=HandoverApply(mutation=mutation))
        return _parse(HandoverDecision, answer)

    def discard(self, package_id: str, item_id: str) -> HandoverDecision:
        path = f"/v1/checkin/handovers/{package_id}/items/{item_id}/discard"
        return _parse(HandoverDecision, self._send("POST", path))


def _device(device_id: str, tail: str = "") -> str:
    return f"/v1/checkin/devices/{device_id}{tail}"
