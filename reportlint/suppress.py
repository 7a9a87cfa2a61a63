"""Inline suppression directives in HTML comments.

```markdown
<!-- reportlint-disable RL301 required-headings -->   from here on (no rules: all)
<!-- reportlint-enable RL301 -->                       back on (no rules: all)
<!-- reportlint-disable-next-line RL302 -- agreed verbally with finance -->
<!-- reportlint-disable-line RL306 -->                 the line the comment is on
<!-- reportlint-disable-file RL210 -->                 the whole file
```

Rules are named by id or name, separated by spaces or commas; text after
``--`` is the reason, kept for reviewers. ``disable-next-line`` applies to the
next non-blank line after the comment. Directives are read from the parsed
document's HTML comments, so an example inside a fenced code block is not a
directive. The engine applies the mask after every rule has run: rules never
see suppression. A directive naming an unknown rule is an RL901 finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from reportlint.document import Document
from reportlint.finding import Finding
from reportlint.notices import notice

_DIRECTIVE_RE = re.compile(
    r"^reportlint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$", re.DOTALL
)
_ANY_RE = re.compile(r"^reportlint[-\s]", re.IGNORECASE)


class Range(NamedTuple):
    rule: str | None  # rule id, or None for every rule
    start: int
    end: int  # inclusive; a huge number for "to the end"
    reason: str | None


class SuppressionMask:
    def __init__(self, ranges: list[Range]) -> None:
        self.ranges = ranges

    def match(self, finding: Finding) -> Range | None:
        line = finding.span.start.line
        for r in self.ranges:
            if r.start <= line <= r.end and (r.rule is None or r.rule == finding.rule_id):
                return r
        return None


END = 10**9


def build_mask(doc: Document, resolve: Callable[[str], str | None],
               path: str) -> tuple[SuppressionMask, list[Finding]]:
    """Read directives; ``resolve`` maps an id or name to a rule id (None: unknown)."""
    ranges: list[Range] = []
    problems: list[Finding] = []
    open_: dict[str | None, tuple[int, str | None]] = {}
    lines = doc.lines
    for comment in doc.html_comments:
        text = comment.text
        m = _DIRECTIVE_RE.match(text)
        if not m:
            if _ANY_RE.match(text):
                problems.append(notice("RL901", f"unknown reportlint directive {text!r}",
                                       path, comment.span))
            continue
        kind, rest = m.group(1), m.group(2)
        reason = None
        if "--" in rest:
            rest, reason = rest.split("--", 1)
            reason = reason.strip() or None
        names = [n for n in re.split(r"[\s,]+", rest.strip()) if n]
        rules: list[str | None] = []
        for name in names:
            rid = resolve(name)
            if rid is None:
                problems.append(notice("RL901", f"{kind} names unknown rule {name!r}", path,
                                       comment.span))
            else:
                rules.append(rid)
        if names and not rules:
            continue
        targets: list[str | None] = rules if rules else [None]
        line = comment.span.start.line
        end_line = comment.span.end.line
        if kind == "disable-file":
            ranges.extend(Range(r, 1, END, reason) for r in targets)
        elif kind == "disable-line":
            ranges.extend(Range(r, line, end_line, reason) for r in targets)
        elif kind == "disable-next-line":
            nxt = end_line + 1
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            ranges.extend(Range(r, nxt, nxt, reason) for r in targets)
        elif kind == "disable":
            for r in targets:
                open_.setdefault(r, (line, reason))
        else:  # enable
            keys = list(open_) if not rules else [r for r in targets if r in open_]
            if not rules and None in open_:
                keys = list(open_)
            for r in keys:
                start, why = open_.pop(r)
                ranges.append(Range(r, start, line, why))
    for r, (start, why) in open_.items():
        ranges.append(Range(r, start, END, why))
    return SuppressionMask(ranges), problems
