"""signoff-name: sign off with a person's name (with --agent: that name).

"The Support Team" alone fails: customers answer people. A name followed by a team
("Ana from Acme Support", "Ana | Acme") passes. In templates an agent-name or
agent-signature placeholder stands for the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import names
from ..findings import Hit
from ..placeholders import Role
from .base import Option

OPTIONS = {
    "team_words": Option("str-list", required=True, doc="words that make a line a team, not a person"),
}
REGIONS = ("signoff",)
MESSAGE_FIELDS = frozenset({"detail", "name"})
SEES_PLACEHOLDERS = True  # it judges placeholders in the sign-off itself
_SPLIT = re.compile(r"\s+(?:from|at|@|with|of)\s+|\s*[|,–—/]\s*|\s+-\s+", re.IGNORECASE)


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    team = {w.lower() for w in rule.options["team_words"]}

    def person_part(line: str) -> str:
        head = _SPLIT.split(line.strip(), maxsplit=1)[0].strip()
        tokens = names.fold(head).split()
        if not tokens or any(t in team for t in tokens) or tokens[0] == "the":
            return ""
        return head

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        regions, ctx = doc.regions, doc.context
        agent = ctx.agent
        tail_start = regions.signoff[0] if regions.signoff else (regions.body[1] if regions.body else 0)
        if ctx.mode == "template" and any(
            ph.role in (Role.AGENT_NAME, Role.AGENT_SIGNATURE) and ph.start >= tail_start
            for ph in doc.placeholders
        ):
            return
        how = f"sign with your name, e.g. 'Best, {agent}'" if agent else "sign with your own name"
        if regions.signoff is None:
            at = regions.body[1] if regions.body else len(doc.text)
            # The fix adds a sign-off after the body (before any signature); unsafe: new words.
            edit = (at, at, f"\n\nBest,\n{agent}") if agent and regions.body else None
            yield Hit(at, at, values={"detail": f"the reply has no sign-off; {how}"}, edit=edit, unsafe=True)
            return
        if regions.signoff_name is None:
            s, e = regions.signoff
            closing = doc.text[s:e].rstrip()
            edit = (s + len(closing), e, f"\n{agent}") if agent and closing.endswith(",") else None
            yield Hit(s, e, values={"detail": f"the sign-off has no name; {how}"}, edit=edit, unsafe=True)
            return
        n_start, n_end = regions.signoff_name
        lines = doc.source_text(n_start, n_end).splitlines()
        people = [p for p in (person_part(line) for line in lines) if p]
        if not people:
            yield Hit(
                n_start,
                n_end,
                values={"detail": f"'{lines[0].strip()}' is not a person's name; {how}"},
                suggestions=(agent,) if agent else (),
                fixable=False,
            )
            return
        if not agent:
            return
        if any(names.matches(p, agent) or names.words(agent)[0] in names.words(p) for p in people):
            return
        written = people[0]
        first_line_offset = doc.source_text(n_start, n_end).find(written)
        w_start = n_start + max(first_line_offset, 0)
        meant = names.best_part(written, agent)
        if names.close(names.words(written)[0] if names.words(written) else written, meant):
            detail = f"'{written}' looks like a misspelling of {meant}"
        else:
            detail = f"signed '{written}' but the agent is {agent}"
        yield Hit(
            w_start,
            w_start + len(written),
            values={"detail": detail, "name": agent},
            suggestions=(agent,),
            fixable=True,
        )

    return check
