"""OpenAPI documentation of the error answers shared by the routes."""

from typing import Any

from erms_desktop.protocol.messages import ErrorEnvelope, UpgradeRequired

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorEnvelope} for status in (401, 403, 404, 409, 413, 422, 423, 429)
}
ERRORS[426] = {"model": UpgradeRequired}
