"""Heading text normalisation and section lookup, shared by rules.

``normalize_heading`` is the documented comparison key for section names:
case-folded; author guidance in a trailing parenthetical that mentions a page
(``(½ page, before Page 1)``, ``(Page 3)``) removed; quotes, dashes and
whitespace unified; trailing punctuation dropped. With ``numbering=False``
a leading section number (``3.``, ``0)``, ``M27:``) is dropped as well.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from reportlint.document import Block, Document, Prose, Section

GUIDANCE_RE = re.compile(r"\s*\((?=[^()]*\bpages?\b)[^()]*\)\s*$", re.IGNORECASE)
NUMBERING_RE = re.compile(
    r"^\s*(?:(?:\d+(?:\.\d+)*[.)]?)|(?:[A-Z]{1,3}\d+[a-z]?))\s*[:.)—–-]?\s+", re.IGNORECASE)
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'",
                         "“": '"', "”": '"', "\u00a0": " "})
_SPACE_RE = re.compile(r"\s+")
_LEVEL_RE = re.compile(r"^#+\s*")
_SPLIT_LEVEL_RE = re.compile(r"^(#{1,6})\s+(.*)$")


def normalize_heading(text: str, numbering: bool = True, guidance: bool = False) -> str:
    """The comparison key of a heading (see module docstring)."""
    if len(text) <= 256:  # headings and template entries recur across rules and documents
        return _normalize_cached(text, numbering, guidance)
    return _normalize(text, numbering, guidance)


def _normalize(text: str, numbering: bool, guidance: bool) -> str:
    t = text.translate(_DASHES).strip()
    t = _LEVEL_RE.sub("", t)  # a template may spell the level
    if not guidance:
        t = _strip_guidance(t)
    if not numbering:
        t = NUMBERING_RE.sub("", t, count=1)
    t = _SPACE_RE.sub(" ", t).strip().rstrip(".:;,").strip()
    return t.casefold()


_normalize_cached = functools.lru_cache(maxsize=4096)(_normalize)
_PAGE_RE = re.compile(r"\bpages?\b", re.IGNORECASE)


def _strip_guidance(t: str) -> str:
    r"""``GUIDANCE_RE.sub("", t)`` in linear time.

    The regex's leading ``\s*`` makes it quadratic in a long run of spaces
    (a 20,000-space heading took 0.7 s). The guidance is the last ``(...)``
    of the text when nothing but spaces follows it, it holds no other
    parenthesis and it mentions a page.
    """
    body = t.rstrip()
    if not body.endswith(")"):
        return t
    k = body.rfind("(")
    if k == -1:
        return t
    inner = body[k + 1:-1]
    if ")" in inner or not _PAGE_RE.search(inner):
        return t
    return body[:k].rstrip()


def split_level(entry: str) -> tuple[int | None, str]:
    """``"## Results"`` -> (2, "Results"); ``"Results"`` -> (None, "Results")."""
    m = _SPLIT_LEVEL_RE.match(entry.strip())
    if m:
        return len(m.group(1)), m.group(2).strip()
    return None, entry.strip()


def _heading_keys(doc: Document, numbering: bool) -> dict[str, list[Section]]:
    """Sections by the comparison key of their heading, in document order (once per doc)."""
    def build() -> dict[str, list[Section]]:
        keys: dict[str, list[Section]] = {}
        for s in doc.sections[1:]:
            assert s.heading is not None
            keys.setdefault(normalize_heading(s.heading.text, numbering=numbering), []).append(s)
        return keys
    return doc.memo(("headings.keys", numbering), build)


def find_sections(doc: Document, name: str, numbering: bool = True) -> list[Section]:
    """Sections whose heading matches ``name`` (which may carry a ``##`` level)."""
    level, text = split_level(name)
    hits = _heading_keys(doc, numbering).get(normalize_heading(text, numbering=numbering), ())
    return [s for s in hits if level is None or s.level == level]


def find_section(doc: Document, name: str) -> Section | None:
    """The first section matching ``name``; numbering is optional in the match."""
    def lookup() -> Section | None:
        hits = find_sections(doc, name) or find_sections(doc, name, numbering=False)
        return hits[0] if hits else None
    return doc.memo(("headings.find_section", name), lookup)


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
