"""Read an e-mail file (.eml, RFC 822) with the standard library.

The newest message is separated from quoted history and the signature (the same
region splitter the drafts use). As a ticket, the `From` display name is the
customer's name. As a draft (`--draft-from-eml`), `From` is the agent, `To` the
customer, and the quoted history, when there is one, is the customer's message the
draft answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from ..document import Draft
from ..errors import InputError
from ..regions import split_regions
from ..textmap import strip_html

_HEADERS = ("from", "to", "subject", "date", "message-id")
_QUOTE_HEADER = re.compile(
    r"^\s*(?:On\b.*\bwrote:|-{2,}\s*(?:Original|Forwarded) Message\s*-{2,}|From:\s.*)\s*$", re.I
)


@dataclass(frozen=True)
class ParsedEmail:
    """An e-mail split into the newest message, its quoted history and signature."""

    newest: str  # the newest message, signature included (drafts are checked with it)
    quoted: str | None  # the quoted history, '>' markers and the "On ... wrote:" line removed
    signature: str | None
    sender: str | None  # From display name
    recipient: str | None  # first To display name
    subject: str | None
    source: str


def _display_name(msg: EmailMessage, header: str) -> str | None:
    value = msg.get(header)
    if value is None:
        return None
    addresses = getattr(value, "addresses", ())
    for address in addresses:
        if isinstance(address, Address) and address.display_name.strip():
            return address.display_name.strip().strip('"')
    return None


def _unquote(text: str) -> str:
    lines = text.splitlines()
    while lines and (not lines[0].strip() or _QUOTE_HEADER.match(lines[0])):
        lines.pop(0)
    # Outlook-style headers (From:/Sent:/To:/Subject:) open the history block
    while lines and re.match(r"^\s*(?:From|Sent|Date|To|Cc|Subject):", lines[0], re.I):
        lines.pop(0)
    out = [re.sub(r"^\s*>+ ?", "", line) for line in lines]
    return "\n".join(out).strip()


def parse_eml(data: bytes, source: str) -> ParsedEmail:
    """Parse e-mail bytes; InputError when they are empty, binary or not an e-mail."""
    if not data.strip():
        raise InputError("the e-mail file is empty", file=source)
    if b"\x00" in data[:8192]:
        raise InputError("not an e-mail file (binary data)", file=source)
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:  # the parser is lenient; anything it raises means "not e-mail"
        raise InputError(f"cannot parse as e-mail: {exc}", file=source) from None
    if not any(msg.get(h) for h in _HEADERS) or (msg.defects and not msg.keys()):
        raise InputError("not an e-mail (no From, To or Subject header)", file=source)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputError("the e-mail has no text body", file=source)
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError) as exc:
        raise InputError(f"cannot decode the e-mail body: {exc}", file=source) from None
    if not isinstance(content, str):
        raise InputError("the e-mail body is not text", file=source)
    if part.get_content_subtype() == "html":
        content = strip_html(content).text
    content = content.replace("\r\n", "\n").strip("\n")
    if not content.strip():
        raise InputError("the e-mail body is empty", file=source)
    regions = split_regions(content)
    quoted = None
    newest = content
    if regions.quoted:
        start = regions.quoted[0][0]
        newest = content[:start].rstrip()
        quoted = _unquote("\n".join(content[s:e] for s, e in regions.quoted)) or None
    signature = None
    if regions.signature and regions.signature[0] < len(newest):
        signature = newest[regions.signature[0] :].strip() or None
    if not newest.strip():
        raise InputError("the e-mail has no new message above the quoted history", file=source)
    return ParsedEmail(
        newest=newest,
        quoted=quoted,
        signature=signature,
        sender=_display_name(msg, "from"),
        recipient=_display_name(msg, "to"),
        subject=str(msg.get("subject")) if msg.get("subject") else None,
        source=source,
    )


def read_eml(path: Path, limit: int | None = None) -> ParsedEmail:
    """Read and parse one .eml file (a regular file of at most `limit` bytes)."""
    from ..inputfile import read_bytes

    return parse_eml(read_bytes(path, limit), str(path))


def ticket_from_eml(parsed: ParsedEmail) -> tuple[str, str | None]:
    """The customer's message (newest part, no signature) and their name from `From`."""
    text = parsed.newest
    if parsed.signature:
        text = text[: text.rfind(parsed.signature)].rstrip() or text
    return text, parsed.sender


def draft_from_eml(parsed: ParsedEmail) -> Draft:
    """The agent's draft: the newest message, answering the quoted customer message."""
    from .. import names

    people = {"customer": (parsed.recipient, "To"), "agent": (parsed.sender, "From")}
    warnings = tuple(
        f"{parsed.source}: '{header}': {names.nobody(who, name)}"
        for who, (name, header) in people.items()
        if name is not None and names.usable(name) is None
    )
    return Draft(
        parsed.newest,
        source=parsed.source,
        customer=names.usable(parsed.recipient) and parsed.recipient,
        agent=names.usable(parsed.sender) and parsed.sender,
        warnings=warnings,
        ticket=parsed.quoted,
        channel="email",
    )


def read_ticket_file(path: Path, limit: int | None = None) -> tuple[str, str | None]:
    """The customer's message from a file (.eml, or plain text / Markdown / HTML) and,
    for e-mail, the sender's display name. InputError when empty, binary, not e-mail,
    not a regular file (a FIFO would block for ever) or over `limit` bytes."""
    if path.suffix.lower() == ".eml":
        return ticket_from_eml(read_eml(path, limit))
    from ..inputfile import read_bytes
    from .files import HTML_SUFFIXES, decode, looks_like_html

    try:
        data = read_bytes(path, limit)
    except InputError as exc:
        raise InputError(f"ticket: {exc.message}", file=str(path)) from None
    try:
        text = decode(data, str(path))
    except InputError as exc:
        raise InputError(
            f"ticket: {exc.message.replace('the draft', 'the ticket')}", file=str(path)
        ) from None
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = strip_html(text).text
    return text, None
