"""References a customer and a reply share: order, ticket, invoice and tracking numbers,
amounts of money and dates, found with regexes and compared after normalising.

A reply that repeats the customer's order number with two digits swapped sends the
next agent (and the warehouse) after the wrong order; the echoed-reference check
compares each reference in the reply with the customer's and flags near misses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import DamerauLevenshtein

_LABELS = (
    "order|ticket|case|invoice|inv|tracking|track|reference|ref|booking|confirmation|"
    "account|acct|po|purchase order|return|rma|claim|transaction|subscription|membership|member"
)
_ID = r"[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){3,30}"
_LABELLED = re.compile(
    rf"\b(?P<label>{_LABELS})(?:\s+(?:number|no\.?|num|id|code))?\s*(?:is|was)?\s*[:#]?\s*#?(?P<id>{_ID})\b",
    re.IGNORECASE,
)
_HASH = re.compile(rf"#(?P<id>{_ID})\b", re.IGNORECASE)
_PREFIXED = re.compile(r"\b(?P<id>[A-Z]{2,5}-\d[A-Z0-9-]{2,})\b")
_LONG_NUMBER = re.compile(r"(?<![\w.,/$€£-])(?P<id>1Z[0-9A-Z]{16}|\d{5,22})(?![\w/-]|[.,]\d)")

_CURRENCY = r"[$€£¥]|US\$|USD|EUR|GBP|CAD|AUD"
_AMOUNT = re.compile(
    rf"(?P<cur>{_CURRENCY})\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d{{1,2}})?|\d+(?:\.\d{{1,2}})?)"
    rf"|(?P<num2>\d{{1,3}}(?:,\d{{3}})+(?:\.\d{{1,2}})?|\d+(?:\.\d{{1,2}})?)\s?(?P<cur2>USD|EUR|GBP|dollars|euros|pounds)\b",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|{_DAY.replace('day>', 'day2>')}\s+(?:of\s+)?{_MONTH.replace('month>', 'month2>')}(?:,?\s+(?P<year2>\d{{4}}))?"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b",
    re.IGNORECASE,
)
_KIND_WORDS = {"inv": "invoice", "track": "tracking", "ref": "reference", "acct": "account"}


@dataclass(frozen=True)
class Reference:
    """One reference: where it is, what it is and its normalised value."""

    kind: str  # "id", "amount" or "date"
    label: str  # order, invoice, tracking, ... for ids ("number" when unlabelled); currency; "date"
    text: str
    value: str  # ids: upper-case letters and digits; amounts: "CUR 12.50"; dates: "YYYY-MM-DD" (year may be ????)
    start: int
    end: int


def _norm_id(raw: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", raw.upper())


def _currency(raw: str) -> str:
    raw = raw.upper()
    return {
        "$": "USD",
        "US$": "USD",
        "DOLLARS": "USD",
        "€": "EUR",
        "EUROS": "EUR",
        "£": "GBP",
        "POUNDS": "GBP",
        "¥": "JPY",
    }.get(raw, raw)


def find_references(text: str) -> list[Reference]:
    """Every id, amount and date in `text`, in order, without overlaps."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    def add(ref: Reference) -> None:
        found.append(ref)
        taken.append((ref.start, ref.end))

    for m in _DATE.finditer(text):
        if m.group("iy"):
            value = f"{m.group('iy')}-{m.group('im')}-{m.group('id')}"
        else:
            month = _MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")[:3]]
            day = int(m.group("day") or m.group("day2"))
            if not 1 <= day <= 31:
                continue
            year = m.group("year") or m.group("year2") or "????"
            value = f"{year}-{month:02d}-{day:02d}"
        add(Reference("date", "date", m.group(0), value, m.start(), m.end()))
    for m in _AMOUNT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        num = (m.group("num") or m.group("num2")).replace(",", "")
        cur = _currency(m.group("cur") or m.group("cur2"))
        value = f"{cur} {float(num):.2f}"
        add(Reference("amount", cur, m.group(0), value, m.start(), m.end()))
    for pattern in (_LABELLED, _HASH, _PREFIXED, _LONG_NUMBER):
        for m in pattern.finditer(text):
            s, e = m.start("id"), m.end("id")
            raw = m.group("id")
            if not any(c.isdigit() for c in raw) or not free(s, e):
                continue
            if s > 0 and text[s - 1] == "@":
                continue  # "@117034" is an account handle (anonymised exports use numbers), not an order id
            label = m.groupdict().get("label") or "number"
            label = _KIND_WORDS.get(label.lower(), label.lower())
            add(Reference("id", label, raw, _norm_id(raw), s, e))
    return sorted(found, key=lambda r: r.start)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def near_miss(mine: Reference, theirs: Reference) -> bool:
    """Whether `mine` (in the reply) looks like a mistyped copy of `theirs` (the customer's)."""
    if mine.kind != theirs.kind or mine.value == theirs.value:
        return False
    if mine.kind == "id":
        a, b = mine.value, theirs.value
        if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
            return False
        limit = 1 if len(b) < 8 else 2
        return DamerauLevenshtein.distance(a, b) <= limit
    if mine.kind == "amount":
        if mine.label != theirs.label:
            return False
        a, b = _digits(mine.value), _digits(theirs.value)
        return len(a) == len(b) and DamerauLevenshtein.distance(a, b) <= 1
    # dates: the same day in another year, or the day's digits swapped (12 <-> 21)
    my_year, my_month, my_day = mine.value.split("-")
    year, month, day = theirs.value.split("-")
    if my_month == month and my_day == day:
        return my_year != year and "????" not in (my_year, year)
    if my_month == month and (my_year == year or "????" in (my_year, year)):
        return my_day == day[::-1] and day[0] != "0" and my_day[0] != "0"
    return False
