"""A rule's documentation from its docstring, with its options table appended."""

from __future__ import annotations

import inspect
from typing import Any

from reportlint.options import describe_options


def docstring(cls: Any) -> str:
    return inspect.cleandoc(cls.__doc__ or "")


def options_markdown(cls: Any) -> str:
    rows = describe_options(cls.Options)
    if not rows:
        return "This rule has no options."
    lines = ["| option | type | default | meaning |", "|---|---|---|---|"]
    for key, tp, default, help_ in rows:
        lines.append(f"| `{key}` | {tp} | `{default}` | {help_} |")
    return "\n".join(lines)


def render_doc(cls: Any) -> str:
    """Markdown: title, summary, the docstring, the generated options table."""
    head = f"# {cls.id} {cls.name}\n\n{cls.summary}\n\n"
    meta = (f"Default severity: **{cls.default_severity.value}**"
            + (f" · tags: {', '.join(cls.tags)}" if cls.tags else "")
            + ("" if cls.enabled_by_default else " · off by default") + "\n\n")
    body = docstring(cls).rstrip() + "\n\n"
    return head + meta + body + "## Option reference\n\n" + options_markdown(cls) + "\n"
