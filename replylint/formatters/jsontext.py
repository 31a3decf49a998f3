"""JSON text exactly as `json.dumps(value, indent=2, ensure_ascii=False)` writes it, faster.

With `indent` set, the standard library encodes in pure Python (its C encoder only
writes compact JSON), and that was most of a warm run's time writing JSON and SARIF
logs. `dump` writes the same text for the values the formatters build (dicts, lists,
tuples, strings, ints, bools, None; anything else goes to json.dumps), strings escaped
by json's own C escaper. `tests/test_json_output.py` and `tests/test_format_sarif.py`
compare it with json.dumps on whole reports.
"""

from __future__ import annotations

import json
from typing import Any

INDENTS = ["\n" + "  " * n for n in range(24)]  # a SARIF fix nests 12 deep in its log
string = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C escaper, as ensure_ascii=False uses


def dump(value: Any, level: int) -> str:
    """`value` as json.dumps(indent=2) writes it when nested `level` deep."""
    kind = type(value)  # exact types first: this runs a hundred times a document
    if kind is str:
        return string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is dict:
        if not value:
            return "{}"
        inner = INDENTS[level + 1]
        items = [f"{string(k)}: {dump(v, level + 1)}" for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + INDENTS[level] + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = INDENTS[level + 1]
        return "[" + inner + ("," + inner).join([dump(v, level + 1) for v in value]) + INDENTS[level] + "]"
    return json.dumps(value, ensure_ascii=False)  # floats, subclasses: json's own way
