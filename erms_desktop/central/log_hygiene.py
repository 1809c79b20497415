"""The store's log configuration: a traceback is never written, only the exception's type.

Exception messages are where content leaks: SQLAlchemy's carry the statement's parameters,
PostgreSQL's the failing row as JSON, pydantic's the input. The request path logs failures
itself with type, route and request id (api/request_context.py); this filter is the backstop for
anything else that logs an exception (uvicorn's own "Exception in ASGI application" included).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from uvicorn.config import LOGGING_CONFIG


class NoExceptionText(logging.Filter):
    """Replace a record's exception and stack with the exception's type name."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            kind = type(record.exc_info[1]).__name__
            record.msg = f"{record.getMessage()} [{kind}; traceback withheld]"
            record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging setup with the filter on every handler, and the store's own logger
    (``erms_desktop``) written through the same handler as uvicorn's errors."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"no_exception_text": {"()": f"{__name__}.NoExceptionText"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["no_exception_text"]
    config["loggers"]["erms_desktop"] = {
        "handlers": ["default"],
        "level": level.upper(),
        "propagate": False,
    }
    return config
