"""The `languagetool:` config block: where the server is and how to talk to it.

```yaml
languagetool:
  url: http://localhost:8010   # a server you run; `public` opts in to api.languagetool.org
  timeout: 10                  # seconds per request
  required: false              # true: `replylint check` exits 3 when grammar was not checked
  concurrency: 4               # requests in flight at once for a batch of drafts
  language: en-US              # default: en-GB when spelling.variant is en-GB, else en-US
  disabled_rules: [WHITESPACE_RULE]
  enabled_rules: []
  disabled_categories: []
  enabled_categories: []
```

Off unless configured. The CLI lays `REPLYLINT_LANGUAGETOOL_URL` over `url`; this
module never reads the environment.

replylint talks to a running server only (scripts/languagetool.sh starts one from
Maven Central, or a Docker image, or a remote one). It does not start Java itself:
language-tool-python's own download of a LanguageTool zip is not reachable on every
machine, a server started per check would cost seconds each run, and a path that
cannot be tested is not shipped. `mode: local` is therefore a config error that
says what to do instead.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ConfigError

PUBLIC_URL = "https://api.languagetool.org/"
MODES = ("remote", "off")
_KEYS = {
    "url",
    "mode",
    "timeout",
    "required",
    "concurrency",
    "language",
    "disabled_rules",
    "enabled_rules",
    "disabled_categories",
    "enabled_categories",
}
_LISTS = ("disabled_rules", "enabled_rules", "disabled_categories", "enabled_categories")


@dataclass(frozen=True)
class LanguageToolSettings:
    """How to reach LanguageTool; the default is off."""

    url: str | None = None
    mode: str = "off"  # "remote" (url set) or "off"
    timeout: float = 10.0
    required: bool = False
    concurrency: int = 4
    language: str | None = None
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        return self.mode == "remote" and bool(self.url)

    @property
    def where(self) -> str:
        """The server as shown in reasons: its URL."""
        return self.url or "nowhere"

    def with_url(self, url: str | None, field: str = "REPLYLINT_LANGUAGETOOL_URL") -> LanguageToolSettings:
        """A copy pointing at `url` (validated), e.g. from the environment; None keeps it."""
        if not url:
            return self
        return replace(self, url=check_url(url, field=field), mode="remote")


def check_url(value: Any, *, file: str | None = None, line: int | None = None, field: str = "url") -> str:
    """`public`, or an http(s) URL with a host; anything else is a ConfigError (exit 2)."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            "must be a URL like http://localhost:8010 or 'public'", file=file, line=line, field=field
        )
    text = value.strip()
    if text == "public":
        return PUBLIC_URL
    parts = urllib.parse.urlsplit(text)
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or " " in text:
        raise ConfigError(
            f"{text!r} is not a URL (use http://host:port, https://..., or 'public')",
            file=file,
            line=line,
            field=field,
        )
    # language-tool-python appends "v2/" itself; people often paste the /v2 endpoint
    base = re.sub(r"/v2/?$", "", text.rstrip("/"))
    return base + "/"


def parse_settings(data: Any, source: str, line_of: Any) -> LanguageToolSettings:
    """Validate the `languagetool:` mapping; `line_of(key)` gives a key's line."""
    if data is None:
        return LanguageToolSettings()
    if not isinstance(data, dict):
        raise ConfigError(
            "must be a mapping (url, mode, timeout, required, ...)",
            file=source,
            line=line_of(None),
            field="languagetool",
        )

    def where(key: str) -> int | None:
        lines = getattr(data, "line_of", None)
        return (lines(key) if lines else None) or None

    for key in data:
        if key not in _KEYS:
            raise ConfigError(
                f"unknown key under languagetool (allowed: {', '.join(sorted(_KEYS))})",
                file=source,
                line=where(str(key)),
                field=f"languagetool.{key}",
            )
    url = None
    if "url" in data:
        url = check_url(data["url"], file=source, line=where("url"), field="languagetool.url")
    mode = data.get("mode", "remote" if url else "off")
    if mode == "local":
        raise ConfigError(
            "mode: local is not supported: start a server (make languagetool, or "
            "scripts/languagetool.sh start) and give its url",
            file=source,
            line=where("mode"),
            field="languagetool.mode",
        )
    if mode not in MODES:
        raise ConfigError(
            f"must be one of: {', '.join(MODES)}", file=source, line=where("mode"), field="languagetool.mode"
        )
    timeout = data.get("timeout", 10)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ConfigError(
            "must be a number of seconds > 0",
            file=source,
            line=where("timeout"),
            field="languagetool.timeout",
        )
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise ConfigError(
            "must be true or false", file=source, line=where("required"), field="languagetool.required"
        )
    concurrency = data.get("concurrency", 4)
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or not 1 <= concurrency <= 32:
        raise ConfigError(
            "must be a whole number from 1 to 32",
            file=source,
            line=where("concurrency"),
            field="languagetool.concurrency",
        )
    language = data.get("language")
    if language is not None and (not isinstance(language, str) or not language.strip()):
        raise ConfigError(
            "must be a language code like en-US",
            file=source,
            line=where("language"),
            field="languagetool.language",
        )
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LISTS:
        raw = data.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(v, str) and v.strip() for v in raw):
            raise ConfigError(
                "must be a list of LanguageTool rule or category ids",
                file=source,
                line=where(key),
                field=f"languagetool.{key}",
            )
        lists[key] = tuple(v.strip() for v in raw)
    return LanguageToolSettings(
        url=url,
        mode=mode,
        timeout=float(timeout),
        required=required,
        concurrency=concurrency,
        language=language.strip() if language else None,
        **lists,
    )
