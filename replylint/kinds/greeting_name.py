"""greeting-name: the greeting must address the customer, by the right name.

With a customer name (--customer, config or context) the greeting must use it: a
near miss is a misspelling with the correct name as a fixable suggestion; another
name is an error. Without one, any real name passes (it cannot be verified) and a
generic greeting fails. A leading @handle on social replies is not the greeting.
"""

from __future__ import annotations

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
SEES_PLACEHOLDERS = True  # it judges placeholders in the greeting itself


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    generic = {g.lower() for g in rule.options["generic"]}
    required_on = set(rule.options["required_on"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        regions, ctx = doc.regions, doc.context
        customer = ctx.customer
        first = customer.split()[0] if customer else None
        how = (
            f"open with 'Hi {first},'"
            if first
            else "open with 'Hi <name>,' (give --customer NAME to check it)"
        )
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
        if folded in generic or all(w in generic for w in folded.split()):
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
