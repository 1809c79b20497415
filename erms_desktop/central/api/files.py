"""Answers as a file: the CSV or the PDF a route was asked for (``/{fmt}``), made from the same
answer its JSON route gives."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from fastapi import Response

T = TypeVar("T")


class FileFormat(StrEnum):
    CSV = "csv"
    PDF = "pdf"


#: The OpenAPI description of a route answering CSV or PDF.
FILE_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {"text/csv": {}, "application/pdf": {}}}
}


def csv_response(text: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8")


def pdf_response(content: bytes) -> Response:
    return Response(content, media_type="application/pdf")


def file_response(
    fmt: FileFormat, answer: T, as_csv: Callable[[T], str], as_pdf: Callable[[T], bytes]
) -> Response:
    if fmt is FileFormat.CSV:
        return csv_response(as_csv(answer))
    return pdf_response(as_pdf(answer))
