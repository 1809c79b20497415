"""The log backstop: whatever logs an exception, its message and traceback are not written."""

from __future__ import annotations

import io
import logging

from erms_desktop.central.log_hygiene import NoExceptionText, log_config


def test_a_logged_exception_shows_its_type_and_never_its_content() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(NoExceptionText())
    logger = logging.getLogger("tests.log_hygiene")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        raise ValueError("INSERT INTO records ... parameters: ('Harriet Quennell', '07700 900456')")
    except ValueError:
        logger.exception("Exception in ASGI application")
        logger.error("unexpected %s", "thing", exc_info=True)
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert written.count("; traceback withheld]") == 2
    assert "unexpected thing [ValueError" in written
    assert "Quennell" not in written
    assert "Traceback" not in written


def test_the_served_configuration_filters_every_handler_and_the_store_logger() -> None:
    config = log_config("warning")
    assert all(h["filters"] == ["no_exception_text"] for h in config["handlers"].values())
    assert config["loggers"]["erms_desktop"]["handlers"] == ["default"]
