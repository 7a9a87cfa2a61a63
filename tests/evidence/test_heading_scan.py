"""The cited-file heading scanner's shortcuts give exactly the plain line loop.

Issue 6: ``markdown_headings`` settles most lines by their first character
(running text, table rows, HTML, ``#`` lines) instead of trying every
expression on every line. The plain loop it replaced is kept here as the
definition; both must return the same headings and labels on every fixture
and on generated source files.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportlint.document import normalize
from reportlint.evidence.sources import (
    _ATX,
    _FENCE,
    _LABEL_LINE,
    _NOT_PARAGRAPH,
    _SETEXT,
    RawHeading,
    _front_matter_end,
    markdown_headings,
)

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in (*REPO.glob("examples/**/*.md"), *REPO.glob("tests/**/fixtures/**/*.md"),
                           *REPO.glob("docs/**/*.md"), REPO / "README.md") if p.is_file())


def reference_headings(text: str) -> list[RawHeading]:
    """The scanner as first written: every check on every line."""
    raw: list[RawHeading] = []
    fence: tuple[str, int] | None = None
    para_start: int | None = None
    all_lines = text.split("\n")
    first = _front_matter_end(all_lines)
    for i in range(first, len(all_lines)):
        line = all_lines[i]
        n = i + 1
        if fence is not None:
            if line.lstrip(" ").startswith(fence[0] * fence[1]) and \
                    not line.strip().strip(fence[0]):
                fence = None
            continue
        f = _FENCE.match(line)
        if f and not (f.group(1)[0] == "`" and "`" in f.group(2)):
            fence = (f.group(1)[0], len(f.group(1)))
            para_start = None
            continue
        if not line.strip():
            para_start = None
            continue
        s = _SETEXT.match(line)
        if s and para_start is not None:
            name = " ".join(x.strip() for x in all_lines[para_start:i])
            first_line = all_lines[para_start]
            col = len(first_line) - len(first_line.lstrip()) + 1
            raw.append((para_start + 1, 1 if s.group(1)[0] == "=" else 2, name, "heading",
                        col, len(first_line.rstrip()) + 1))
            para_start = None
            continue
        a = _ATX.match(line)
        if a:
            title = (a.group(2) or "").strip()
            col = line.find(title) + 1 if title else len(line) + 1
            raw.append((n, len(a.group(1)), title, "heading", col, col + len(title)))
            para_start = None
            continue
        lab = _LABEL_LINE.match(line)
        if lab:
            name = lab.group("label").strip().rstrip(":").strip()
            if name:
                raw.append((n, 7, name, "label", lab.start("label") + 1,
                            lab.end("label") + 1))
        if para_start is None and not _NOT_PARAGRAPH.match(line):
            para_start = i
        elif para_start is not None and _NOT_PARAGRAPH.match(line):
            para_start = None
    return raw


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_fixture_headings_equal_the_plain_loop(path: Path) -> None:
    text = normalize(path.read_text(encoding="utf-8"))
    assert markdown_headings(text) == reference_headings(text)


STARTS = ["", "", " ", "  ", "   ", "    ", "\t", "\u00a0", "> ", ">", "- ", "* ", "+ ", "1. ",
          "12) ", "٣. ", "²", "| ", "<", "#", "# ", "## ", "####### ", "`", "```", "````", "~~~",
          "=", "-", "_", "**", "__", "\u2028", "\x0b"]
BODIES = ["", "Title", "Training Pipeline", "**Label**: text", "**M27: Training** —", "__L__",
          "===", "---", "- - -", "***", "___", "```", "~~~", "``` `x`", "python", "a | b |",
          "--- | ---", "text 12 and 3.5%", "#", " #", " ## x ##", "\t", "  ", "<div>", "x"]


@pytest.mark.parametrize("seed", range(60))
def test_generated_headings_equal_the_plain_loop(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        lines = [rng.choice(STARTS) + rng.choice(BODIES) + rng.choice(["", " ", "\t", " #"])
                 for _ in range(rng.randrange(1, 40))]
        if rng.random() < 0.2:
            lines[:0] = ["---", "title: x", rng.choice(["---", "...", "x"])]
        text = "\n".join(lines)
        assert markdown_headings(text) == reference_headings(text)
