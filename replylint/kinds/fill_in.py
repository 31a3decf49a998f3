"""fill-in: leftover placeholders and fill-ins, the most embarrassing thing to send.

In a draft (the default) every placeholder is an error: `[Customer Name]`,
`{{first_name}}`, `XXX`. In a template, variables are expected and only fill-ins
meant for a human (`[Customer Name]`, `XXX`) and unresolved tokens are flagged.
When the run knows the name a placeholder stands for, that name is the fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import names
from ..findings import Hit
from ..placeholders import Role
from .base import Option, inside

OPTIONS: dict[str, Option] = {}
REGIONS = ("greeting", "body", "signoff", "signature")
MESSAGE_FIELDS = frozenset()
SEES_PLACEHOLDERS = True


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        ctx = doc.context
        customer, agent = names.usable(ctx.customer), names.usable(ctx.agent)
        for ph in doc.placeholders:
            if not inside(ph.start, ph.end, spans):
                continue
            if ctx.mode == "template" and ph.kind != "fill-in":
                continue
            name = None
            if ph.role is Role.CUSTOMER_NAME and customer:
                full = "full" in ph.text.lower() or ph.variable in ("name", "customer name", "full name")
                name = customer if full else customer.split()[0]
            elif ph.role is Role.AGENT_NAME and agent:
                name = agent if "full" in ph.text.lower() else agent.split()[0]
            yield Hit(
                ph.start,
                ph.end,
                values={"suggestion": name or ""},
                suggestions=(name,) if name else (),
                fixable=bool(name),
            )

    return check
