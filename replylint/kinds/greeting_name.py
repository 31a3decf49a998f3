"""greeting-name: the greeting must address the customer, by the right name.

With a customer name (--customer, config or context) the greeting must use it: a
near miss is a misspelling with the correct name as a fixable suggestion; another
name is an error. Without one, any real name passes (it cannot be verified) and a
generic greeting fails.

Replies address people in other ways too, and those count: an @handle that opens the
reply ("@sam_k we've refunded it"; a numbers-only handle is an anonymised id, not a
name), "Hi, Sam!", or the name said in passing ("We're on it, Sam.", "Thank you, Sam,
for your patience"). A name said in passing is found from the tagger: a proper noun set
off by a comma (or right after "thanks"/"sorry") and closed by punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import names
from ..channels import CHANNELS
from ..findings import Hit
from ..placeholders import Role
from .base import Option

OPTIONS = {
    "generic": Option("str-list", required=True, doc="addressees that are not a name (there, customer, ...)"),
    "required_on": Option(
        "str-list",
        CHANNELS,
        "channels where a reply must have a greeting (a greeting given is always checked)",
    ),
}
REGIONS = ("greeting",)
MESSAGE_FIELDS = frozenset({"detail", "name"})
_LEADING_HANDLE = re.compile(r"^\s*(?:@\w+[\s,]*)*?@(?P<handle>\w*[^\W\d_]\w*)\b")
_NUMERIC_HANDLE = re.compile(r"^@\d+$")
# Words after which a name is said in passing: "Thanks, Sam", "Sorry Sam,".
_ADDRESS_WORDS = frozenset({"thanks", "thank", "you", "sorry", "hi", "hey", "hello", "congrats", "welcome",
                            "cheers", "morning", "afternoon", "evening", "okay", "ok", "sure", "yes", "no"})  # fmt: skip
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                       "january", "february", "march", "april", "may", "june", "july", "august",
                       "september", "october", "november", "december", "today", "tomorrow"})  # fmt: skip


def features(options: dict) -> frozenset[str]:
    return frozenset({"tokens", "pos"})


def _names_in_passing(doc) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Spans of names the reply says to the customer outside the greeting (vocatives)."""
    regions = doc.regions
    spans = regions.spans(("greeting", "body"))
    found: list[tuple[int, int]] = []
    tokens = [t for t in doc.doc if any(s <= t.idx < e for s, e in spans)]
    for i, tok in enumerate(tokens):
        if not _name_token(tok):
            continue
        if i > 0 and _name_token(tokens[i - 1]):
            continue  # not the first word of the name
        j = i
        while j + 1 < len(tokens) and j - i < 1 and _name_token(tokens[j + 1]):
            j += 1
        before = tokens[i - 1] if i > 0 else None
        after = tokens[j + 1] if j + 1 < len(tokens) else None
        opened = before is not None and (before.text == "," or before.lower_ in _ADDRESS_WORDS)
        closed = after is None or after.text in (",", ".", "!", "?", "!!") or "\n" in after.text
        if not (opened and closed):
            continue
        # "English, French, German": a list of names is not someone being addressed.
        if before is not None and before.text == "," and i > 1 and _name_token(tokens[i - 2]):
            continue
        if (
            after is not None
            and after.text == ","
            and j + 2 < len(tokens)
            and tokens[j + 2].lower_ in ("and", "or")
        ):
            continue
        found.append((tok.idx, tokens[j].idx + len(tokens[j].text)))
    return found


def _name_token(tok) -> bool:  # type: ignore[no-untyped-def]
    text = tok.text
    if not text[:1].isupper() or not text.isalpha() or text.lower() in _CALENDAR or text == "I":
        return False
    return tok.tag_ == "NNP" if tok.tag_ else text.istitle()


SEES_PLACEHOLDERS = True  # it judges placeholders in the greeting itself


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    generic = {g.lower() for g in rule.options["generic"]}
    required_on = set(rule.options["required_on"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        regions, ctx = doc.regions, doc.context
        customer = names.usable(ctx.customer)
        first = customer.split()[0] if customer else None
        how = (
            f"open with 'Hi {first},'"
            if first
            else "open with 'Hi <name>,' (give --customer NAME to check it)"
        )
        handle = _LEADING_HANDLE.match(doc.text)
        if regions.greeting is None or regions.addressee is None:
            # Addressed all the same: by @handle, or by name in passing.
            if handle:
                return
            passing = _names_in_passing(doc)
            if passing and (
                not customer or any(names.matches(doc.source_text(a, b), customer) for a, b in passing)
            ):
                return
        if regions.greeting is None:
            if ctx.channel not in required_on:
                return
            at = regions.body[0] if regions.body else 0
            insert = (f"Hi {first},\n\n",) if first else ()
            yield Hit(
                at,
                at,
                values={"detail": f"the reply has no greeting; {how}"},
                suggestions=insert,
                fixable=bool(insert),
                unsafe=True,  # a new line the writer did not write, in case the greeting was missed
            )
            return
        g_start, g_end = regions.greeting
        if regions.addressee is None:
            written = doc.source_text(g_start, g_end).strip()
            fix = ()
            if first:
                bare = written.rstrip(",!:;. ")
                bare = bare[:1].upper() + bare[1:]
                fix = (f"{bare} {first}{written[len(bare) :] or ','}",)
            yield Hit(
                g_start,
                g_end,
                values={"detail": f"'{written}' does not name the customer; {how}"},
                suggestions=fix,
                fixable=bool(fix),
            )
            return
        a_start, a_end = regions.addressee
        written = doc.source_text(a_start, a_end)
        overlapping = [p for p in doc.placeholders if p.start < a_end and a_start < p.end]
        if overlapping:
            if ctx.mode == "template" and any(p.role is Role.CUSTOMER_NAME for p in overlapping):
                return
            shown = next((p.text for p in overlapping if p.kind != "tag"), overlapping[0].text)
            yield Hit(
                a_start,
                a_end,
                values={"detail": f"the greeting still has the placeholder '{shown}'"},
                suggestions=(first,) if first else (),
                fixable=bool(first),
            )
            return
        folded = names.fold(written)
        if _NUMERIC_HANDLE.match(written.strip()):
            if handle:
                return  # "@117 Hello @117, ... " but addressed by a real handle too
            yield Hit(
                a_start,
                a_end,
                values={
                    "detail": f"'{written}' is an account number, not a name; {how}",
                    "name": first or "",
                },
                suggestions=(first,) if first else (),
                fixable=bool(first),
            )
            return
        if written.startswith("@"):
            return  # a handle is the name they chose; it cannot be checked against --customer
        if folded in generic or all(w in generic for w in folded.split()):
            if ctx.mode == "template" and doc.customer_name_empty:
                return  # "{% else %}Hi there," : the branch for when the template has no name to use
            yield Hit(
                a_start,
                a_end,
                values={"detail": f"'{written}' is generic; {how}", "name": first or ""},
                suggestions=(first,) if first else (),
                fixable=bool(first),
            )
            return
        if not customer:
            return
        if names.matches(written, customer):
            return
        meant = names.best_part(written, customer)
        title = [w for w in written.split() if w.rstrip(".").lower() in names.TITLES]
        replacement = " ".join([*title, meant]) if title else meant
        got = names.words(written)
        if got and names.close(got[-1] if title else got[0], meant):
            detail = f"'{written}' looks like a misspelling of {meant}"
        else:
            detail = f"the greeting names '{written}' but the customer is {customer}"
        yield Hit(
            a_start, a_end, values={"detail": detail, "name": meant}, suggestions=(replacement,), fixable=True
        )

    return check
