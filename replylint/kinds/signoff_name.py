"""signoff-name: sign off with a person's name (with --agent: that name).

"The Support Team" alone fails: customers answer people. A name followed by a team
("Ana from Acme Support", "Ana | Acme") passes. Initials alone ("^RB", "-S.D.") do not
tell the customer who wrote, and neither does a role, a team or a company ("Support
Specialist", "Customer Care", "Amazon.com"). In templates an agent-name or
agent-signature placeholder stands for the name; any other placeholder does not.
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
    "role_words": Option(
        "str-list", (), "job titles and roles that are not a person's name (moderator, ...)"
    ),
}
REGIONS = ("signoff",)
MESSAGE_FIELDS = frozenset({"detail", "name"})
SEES_PLACEHOLDERS = True  # it judges placeholders in the sign-off itself
_SPLIT = re.compile(r"\s+(?:from|at|@|with|of)\s+|\s*[|,–—/]\s*|\s+-\s+", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:(?:[A-Z]\.){1,4}|[A-Z]{1,3}\.?|[a-z]{1,2})$")
_NOT_A_NAME = re.compile(r"\d|@|\w\.\w{2,}")  # digits, handles, domains ("Amazon.com")


def judge_name(line: str, team: frozenset[str], roles: frozenset[str]) -> tuple[str, str]:
    """("person" | "initials" | "role", the part judged) for one name line of a sign-off."""
    head = _SPLIT.split(line.strip(), maxsplit=1)[0].strip()
    if head.endswith(".") and head.count(".") == 1 and len(head) > 3:
        head = head[:-1]  # "^Osebi." ends a sentence; "S.D." and "RB." are initials
    words = head.split()
    folded = names.fold(head).split()
    if not words or not folded:
        return "role", head
    if all(_INITIALS.match(w) for w in words):
        return "initials", head
    if folded[0] in ("the", "your", "our") or any(t in team or t in roles for t in folded):
        return "role", head
    if any(_NOT_A_NAME.search(w) for w in words) or not any(w[:1].isupper() for w in words):
        return "role", head
    return "person", head


def build(rule, pipeline):  # type: ignore[no-untyped-def]
    team = frozenset(w.lower() for w in rule.options["team_words"])
    roles = frozenset(w.lower() for w in rule.options["role_words"])

    def check(doc, spans) -> Iterator[Hit]:  # type: ignore[no-untyped-def]
        regions, ctx = doc.regions, doc.context
        agent = names.usable(ctx.agent)
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
        written_lines = doc.source_text(n_start, n_end).splitlines()
        if any(p.start < n_end and n_start < p.end for p in doc.placeholders):
            shown = next(p.text for p in doc.placeholders if p.start < n_end and n_start < p.end)
            yield Hit(
                n_start,
                n_end,
                values={"detail": f"'{shown}' is a placeholder, not your name; {how}"},
                suggestions=(agent,) if agent else (),
                fixable=False,
            )
            return
        judged = [judge_name(line, team, roles) for line in written_lines if line.strip()]
        people = [part for verdict, part in judged if verdict == "person"]
        if not people:
            verdict, part = judged[0] if judged else ("role", "")
            what = "initials alone are not a name" if verdict == "initials" else "is not a person's name"
            detail = f"'{part}': {what}" if verdict == "initials" else f"'{part}' {what}"
            yield Hit(
                n_start,
                n_end,
                values={"detail": f"{detail}; {how}"},
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
