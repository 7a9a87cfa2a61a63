"""`reportlint init`: a starter configuration for the repository it runs in.

Without a prompt it finds the repository's reports (Markdown files holding
source tags) and writes them as `documents` with the generic
`sourced-report` profile. With `--from-prompt PROMPT.md` it writes the
profile derived from the prompt (``reportlint.prompt``), with the prompt's
output path as `documents` when it names one, else the reports it found.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportlint.engine import MARKDOWN_SUFFIXES, SKIP_DIRS
from reportlint.safeio import read_regular

MAX_BYTES = 2 * 1024 * 1024  # larger Markdown files are not reports to sniff


def find_reports(root: Path) -> list[str]:
    """Markdown files under ``root`` that hold at least one source tag, as posix paths."""
    from reportlint.evidence.settings import DEFAULT_TAG_PATTERN

    tag = re.compile(DEFAULT_TAG_PATTERN)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            try:  # a pipe or device named *.md is skipped, never opened for reading
                text = read_regular(path, MAX_BYTES).decode("utf-8", errors="replace")
            except OSError:
                continue
            if tag.search(text):
                found.append(path.relative_to(root).as_posix())
    return found


def _yaml_list(items: list[str]) -> str:
    import json

    return "".join(f"  - {json.dumps(i, ensure_ascii=False)}\n" for i in items)


def starter(reports: list[str]) -> str:
    """The generic configuration for the reports found."""
    docs = _yaml_list(reports) if reports else \
        "  # no Markdown file with a source tag was found: list your reports here\n  []\n"
    return ("# reportlint configuration, written by `reportlint init`.\n"
            "# sourced-report checks source tags and placeholders, for any report; add your\n"
            "# contract (sections, tables, length) under `rules:`, or derive it from the\n"
            "# prompt with `reportlint init --from-prompt PROMPT.md --force`.\n"
            "extends: sourced-report\n\n"
            "# The reports to lint (paths or globs, relative to this file): the Markdown\n"
            "# files that hold source tags.\n"
            f"documents:\n{docs}\n"
            "# Per-rule settings, keyed by id or name: severity (error | warning | note | off)\n"
            "# and the rule's options (`reportlint explain RULE` lists them).\n"
            "rules: {}\n")


def from_prompt(prompt_text: str, prompt_name: str,
                reports: list[str]) -> tuple[str, list[str], bool]:
    """The derived configuration, the documents it names, and whether the prompt named them."""
    from reportlint.prompt import derive, render

    derived = derive(prompt_text)
    named = bool(derived.documents)
    if not derived.documents and reports:
        from reportlint.prompt import Line

        derived.documents = [(r, Line(0, "")) for r in reports]
    text = render(derived, prompt_name)
    return (text.replace('  # prompt line 0: ""\n', ""), [d for d, _ln in derived.documents],
            named)
