"""Heading text normalisation and section lookup, shared by rules.

``normalize_heading`` is the documented comparison key for section names:
case-folded; author guidance in a trailing parenthetical that mentions a page
(``(½ page, before Page 1)``, ``(Page 3)``) removed; quotes, dashes and
whitespace unified; trailing punctuation dropped. With ``numbering=False``
a leading section number (``3.``, ``0)``, ``M27:``) is dropped as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.document import Block, Document, Prose, Section

GUIDANCE_RE = re.compile(r"\s*\((?=[^()]*\bpages?\b)[^()]*\)\s*$", re.IGNORECASE)
NUMBERING_RE = re.compile(r"^\s*(?:(?:\d+(?:\.\d+)*[.)]?)|(?:[A-Z]{1,3}\d+[a-z]?))\s*[:.)—–-]?\s+",
                          re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'",
                         "“": '"', "”": '"', "\u00a0": " "})
_SPACE_RE = re.compile(r"\s+")


def normalize_heading(text: str, numbering: bool = True, guidance: bool = False) -> str:
    """The comparison key of a heading (see module docstring)."""
    t = text.translate(_DASHES).strip()
    t = re.sub(r"^#+\s*", "", t)  # a template may spell the level
    if not guidance:
        t = GUIDANCE_RE.sub("", t)
    if not numbering:
        t = NUMBERING_RE.sub("", t, count=1)
    t = _SPACE_RE.sub(" ", t).strip().rstrip(".:;,").strip()
    return t.casefold()


def split_level(entry: str) -> tuple[int | None, str]:
    """``"## Results"`` -> (2, "Results"); ``"Results"`` -> (None, "Results")."""
    m = re.match(r"^(#{1,6})\s+(.*)$", entry.strip())
    if m:
        return len(m.group(1)), m.group(2).strip()
    return None, entry.strip()


def find_sections(doc: Document, name: str, numbering: bool = True) -> list[Section]:
    """Sections whose heading matches ``name`` (which may carry a ``##`` level)."""
    level, text = split_level(name)
    key = normalize_heading(text, numbering=numbering)
    loose = normalize_heading(text, numbering=False)
    out = []
    for s in doc.sections[1:]:
        if level is not None and s.level != level:
            continue
        assert s.heading is not None
        h = s.heading.text
        if normalize_heading(h, numbering=numbering) == key or (
                not numbering and normalize_heading(h, numbering=False) == loose):
            out.append(s)
    return out


def find_section(doc: Document, name: str) -> Section | None:
    """The first section matching ``name``; numbering is optional in the match."""
    hits = find_sections(doc, name) or find_sections(doc, name, numbering=False)
    return hits[0] if hits else None


def prose_blocks(doc: Document) -> Iterator[tuple[Block, Prose]]:
    """(block, prose) for every heading, paragraph, list item and table cell."""
    from reportlint.document import Heading, ListItem, Paragraph, Table

    for b in doc.blocks:
        if isinstance(b, (Heading, Paragraph, ListItem)):
            yield b, b.prose
        elif isinstance(b, Table):
            for row in (b.header, *b.rows):
                for cell in row.cells:
                    yield b, cell.prose
