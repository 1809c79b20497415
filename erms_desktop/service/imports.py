"""Reading files a volunteer attaches or drops onto a party file, refusing hostile ones.

Nothing here stores anything: :func:`read_import` checks the name, size and type, and extracts
the text the separation check must see (for an email: its addresses, subject and body). Every
refusal is an :class:`ImportRefusedError` with a plain reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser

from erms_desktop.service.casework_errors import ImportRefusedError

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 200
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WINDOWS_DEVICE = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Kind:
    media_type: str
    magic: tuple[bytes, ...] = ()  # accepted opening bytes; empty: a text file
    has_text: bool = True


KINDS: dict[str, Kind] = {
    ".txt": Kind("text/plain"),
    ".eml": Kind("message/rfc822"),
    ".msg": Kind("application/vnd.ms-outlook", (_OLE_MAGIC,)),
    ".pdf": Kind("application/pdf", (b"%PDF-",), has_text=False),
    ".png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",), has_text=False),
    ".jpg": Kind("image/jpeg", (b"\xff\xd8\xff",), has_text=False),
    ".jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",), has_text=False),
}


@dataclass(frozen=True, slots=True)
class ImportedFile:
    filename: str
    media_type: str
    content: bytes
    text: str  # what the separation check reads: the file name plus any extracted text
    is_email: bool


def check_filename(name: str) -> str:
    """A bare, ordinary file name, or a refusal (paths, drive letters, control characters)."""
    if not name or len(name) > MAX_NAME_LENGTH:
        raise ImportRefusedError("the file name is empty or too long")
    if any(ord(ch) < 32 or ch in '/\\:*?"<>|' for ch in name):
        raise ImportRefusedError("the file name contains path or control characters")
    if name.strip(". ") == "" or name != name.strip() or name.endswith("."):
        raise ImportRefusedError("the file name is not an ordinary name")
    if _WINDOWS_DEVICE.match(name):
        raise ImportRefusedError("the file name is reserved by Windows")
    return name


def kind_for(name: str) -> Kind:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    kind = KINDS.get(suffix)
    if kind is None:
        allowed = ", ".join(sorted(KINDS))
        raise ImportRefusedError(f"that type of file cannot be attached (allowed: {allowed})")
    return kind


def read_import(name: str, content: bytes) -> ImportedFile:
    filename = check_filename(name)
    kind = kind_for(filename)
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportRefusedError(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    if not content:
        raise ImportRefusedError("the file is empty")
    if kind.magic and not content.startswith(kind.magic):
        raise ImportRefusedError("the file's content does not match its type")
    if kind.media_type == "message/rfc822":
        text = email_text(content)
    elif kind.media_type == "application/vnd.ms-outlook":
        text = outlook_text(content)
    elif kind.has_text:
        text = plain_text(content)
    else:
        text = ""
    is_email = kind.media_type in ("message/rfc822", "application/vnd.ms-outlook")
    return ImportedFile(filename, kind.media_type, content, f"{filename}\n{text}", is_email)


def plain_text(content: bytes) -> str:
    if b"\x00" in content:
        raise ImportRefusedError("the file is not plain text (it holds binary data)")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefusedError("the text file is not in UTF-8") from None


def email_text(content: bytes) -> str:
    """Headers a person can be identified by, the subject and the readable body of an .eml."""
    if b"\x00" in content:
        raise ImportRefusedError("the email file holds binary data; it is not an email")
    message = BytesParser(policy=policy.default).parsebytes(content)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"]):
        raise ImportRefusedError("the file is not a readable email (no sender or subject)")
    try:
        headers = [f"{name}: {message[name]}" for name in ("From", "To", "Cc", "Subject", "Date")]
        body = message.get_body(preferencelist=("plain", "html"))
        text = "" if body is None else str(body.get_content())
        if body is not None and body.get_content_subtype() == "html":
            text = html_to_text(text)
    except (LookupError, ValueError, TypeError, AttributeError):
        raise ImportRefusedError("the email is malformed and cannot be read") from None
    return "\n".join([*headers, "", text])


def outlook_text(content: bytes) -> str:
    """Sender, recipients, subject and body of an Outlook .msg (extract-msg, loaded lazily)."""
    try:
        import extract_msg
    except ImportError:
        raise ImportRefusedError("Outlook messages cannot be read on this laptop") from None
    try:
        message = extract_msg.openMsg(content)
    except Exception:  # extract-msg raises many types on malformed input
        raise ImportRefusedError("the Outlook message is malformed and cannot be read") from None
    try:
        if not isinstance(message, extract_msg.Message):
            raise ImportRefusedError("the Outlook file is not an email message")
        parts = [
            f"From: {message.sender or ''}",
            f"To: {message.to or ''}",
            f"Cc: {message.cc or ''}",
            f"Subject: {message.subject or ''}",
            "",
            str(message.body or ""),
        ]
    except ImportRefusedError:
        raise
    except Exception:
        raise ImportRefusedError("the Outlook message is malformed and cannot be read") from None
    finally:
        message.close()
    return "\n".join(parts)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
