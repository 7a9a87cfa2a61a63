"""SourceIndex: what a cited file offers to the cross-check, built once per file per run.

- **Markdown** (``.md``, ``.markdown``, ``.mdx``): headings, ATX and setext,
  outside fenced code (``` and ~~~) and outside a leading front-matter block,
  each with its section's line range (its line to the line before the next
  heading of the same or a higher level); bold-label pseudo-headings (a line
  that starts, after an optional list marker or quote, with ``**Label**``,
  as in ``**M27: Training**`` or ``- **M27** — …``), each running to the
  line before the next heading or label; and every number token.
- **JSON** and **YAML**: every key is a section (its full dotted path and its
  own name both match), every number inside a scalar value is indexed with
  its key path. A file that does not parse is indexed as plain text, with
  ``error`` saying why.
- **Anything else**: number tokens with their lines.

No Markdown parser is run: a line scanner is enough for headings, and
cited files can be large. Numbers inside URLs are not indexed (a pull request
number in a link is not evidence). A file larger than the configured limit,
or not UTF-8, or binary, is skipped with ``skipped`` giving the reason.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from reportlint.document import LineIndex, normalize
from reportlint.evidence import numbers as num
from reportlint.evidence.anchors import AnchorTable, anchor_key, github_slug
from reportlint.span import Span

if TYPE_CHECKING:
    import re

    from reportlint.evidence.structured import Outline

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mkd")
JSON_SUFFIXES = (".json",)
YAML_SUFFIXES = (".yaml", ".yml")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^(?: {4}| {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||#|<|"
                            r"(?:[-*_][ \t]*){3,}$))")
_LABEL_LINE = re.compile(r"^ {0,3}(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?"
                         r"(?P<mark>\*\*|__)(?P<label>[^*_\n]+?)(?P=mark)")
_URL = re.compile(r"(?i)\b(?:https?|ftp|file)://[^\s)>\]]+")
_SECTION_AT_TRIES = 64
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9 ]*")


@dataclass(frozen=True)
class SourceSection:
    """A heading, bold label or key of a source file, with the lines it covers.

    ``kind`` is ``heading``, ``label`` or ``key``; ``level`` is the heading
    level (7 for a label, the nesting depth for a key). ``span`` is the name
    as it appears in the file.
    """

    name: str
    kind: str
    level: int
    line: int
    end_line: int
    span: Span

    @property
    def lines(self) -> tuple[int, int]:
        return (self.line, self.end_line)


class Location(NamedTuple):
    """A number found in a source file. ``key`` is its JSON/YAML key path, if any.

    A plain tuple with its span built on demand: a large file holds many
    numbers and only the few a finding cites ever need a ``Span``.
    """

    path: str
    line: int
    column: int
    end_column: int
    text: str
    key: str = ""

    @property
    def span(self) -> Span:
        return Span.at(self.line, self.column, self.line, self.end_column, self.path)


LookupValue = Decimal | int | str | num.NumberToken | Iterable[Decimal]


def lookup_keys(value: LookupValue) -> tuple[Decimal, ...]:
    """The magnitudes to look ``value`` up under (a token brings its alternates).

    A string is read as a plain number (``"2,200"``); use a ``NumberToken``
    to get percent and multiplier alternates.
    """
    if isinstance(value, num.NumberToken):
        return value.keys
    if isinstance(value, (Decimal, int)):
        return (abs(Decimal(value)),)
    if isinstance(value, str):
        parsed = num.parse_decimal(value)
        if parsed is None:
            raise ValueError(f"not a number: {value!r}")
        return (abs(parsed),)
    return tuple(abs(v) for v in value)


class SourceIndex:
    """The index of one cited file. Build with ``SourceIndex.build`` or ``skipped``."""

    def __init__(self, path: str, kind: str, line_count: int = 0, skipped: str = "",
                 error: str = "") -> None:
        self.path = path
        self.kind = kind
        self.line_count = line_count
        self.skipped = skipped
        self.error = error
        self.sections: tuple[SourceSection, ...] = ()
        self._numbers: dict[Decimal, list[Location]] = defaultdict(list)  # key -> places
        self._anchors: AnchorTable[SourceSection] = AnchorTable()
        self._starts: list[int] = []
        # Markdown and plain text are scanned for numbers lazily, line range by line
        # range: a report usually cites a few sections of each file, and the number
        # scan is most of an index's cost. ``_scanned[n]`` is 1 once line n is read.
        self._lazy: tuple[str, LineIndex] | None = None
        self._scanned = bytearray()

    # ------------------------------------------------------------------ build
    @classmethod
    def skip(cls, path: str, reason: str) -> SourceIndex:
        return cls(path, kind_of(path), skipped=reason)

    @classmethod
    def build(cls, path: str, data: bytes, max_bytes: int | None = None) -> SourceIndex:
        """Index ``data``, the content of ``path`` (root-relative, posix)."""
        if max_bytes is not None and len(data) > max_bytes:
            return cls.skip(path, f"larger than {max_bytes} bytes")
        if b"\x00" in data:
            return cls.skip(path, "binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return cls.skip(path, "not UTF-8 text")
        return cls.from_text(path, text)

    @classmethod
    def from_text(cls, path: str, text: str) -> SourceIndex:
        text = normalize(text)
        split = text.split("\n")
        lines = LineIndex(text, split)
        count = len(lines.starts) - (1 if text.endswith("\n") else 0)
        index = cls(path, kind_of(path), max(count, 0))
        if index.kind == "markdown":
            index._text_numbers(text, lines)
            index._close_sections(markdown_headings(text, split), max(index.line_count, 1))
        elif index.kind in ("json", "yaml"):
            # only JSON and YAML sources need the outline reader and PyYAML: import
            # them here, not with the package (a run may cite Markdown only)
            import yaml

            from reportlint.evidence.structured import json_outline, yaml_outline

            try:
                outline = json_outline(text) if index.kind == "json" else yaml_outline(text)
            except (ValueError, yaml.YAMLError) as exc:
                index.error = _first_line(str(exc)) or type(exc).__name__
                index._text_numbers(text, lines)
            else:
                index._structured(text, lines, outline)
        else:
            index._text_numbers(text, lines)
        index._starts = [s.line for s in index.sections]
        return index

    @property
    def numbers(self) -> dict[Decimal, list[Location]]:
        """Every number of the file, by lookup key (scans what is not scanned yet)."""
        self._ensure(1, self.line_count)
        return self._numbers

    def _ensure(self, lo: int, hi: int) -> None:
        """Scan the not yet scanned lines of ``lo``..``hi`` (1-based, inclusive)."""
        if self._lazy is None:
            return
        text, lines = self._lazy
        lo, hi = max(lo, 1), min(hi, self.line_count)
        scanned = self._scanned
        n = lo
        while n <= hi:
            if scanned[n]:
                n += 1
                continue
            run_end = n
            while run_end + 1 <= hi and not scanned[run_end + 1]:
                run_end += 1
            start = lines.starts[n - 1]
            end = lines.starts[run_end] if run_end < len(lines.starts) else len(text)
            self._add_numbers(text, lines, start, end)
            scanned[n:run_end + 1] = b"\x01" * (run_end + 1 - n)
            n = run_end + 1

    def _span(self, lines: LineIndex, start: int, end: int) -> Span:
        return lines.span(start, end, trim=False).with_path(self.path)

    def _add_numbers(self, text: str, lines: LineIndex, lo: int, hi: int,
                     key: str = "") -> None:
        starts = lines.starts
        numbers = self._numbers
        for tok in num.scan(text[lo:hi], verdicts=False):  # a Location has no verdict
            start = lo + tok.start
            row = bisect.bisect_right(starts, start) - 1
            col = start - starts[row] + 1
            # a token never spans lines: units, signs and marks sit on its line
            loc = Location(self.path, row + 1, col, col + tok.end - tok.start, tok.text, key)
            for k in tok.keys:
                numbers[k].append(loc)

    def _text_numbers(self, text: str, lines: LineIndex) -> None:
        """Numbers of running text, scanned on demand (see ``_ensure``)."""
        self._lazy = (_blank_urls(text), lines)
        self._scanned = bytearray(self.line_count + 2)

    def _close_sections(self, raw: list[RawHeading], last: int) -> None:
        """End each heading at the next of same-or-higher level, each label at the next
        heading or label. One pass, with a stack of open headings."""
        ends = [last] * len(raw)
        open_headings: list[int] = []
        open_label: int | None = None
        for k, (line, level, _name, kind, _c, _e) in enumerate(raw):
            if open_label is not None:
                ends[open_label] = line - 1
                open_label = None
            if kind == "label":
                open_label = k
                continue
            while open_headings and raw[open_headings[-1]][1] >= level:
                ends[open_headings.pop()] = line - 1
            open_headings.append(k)
        sections = []
        for k, (line, level, name, kind, col, end_col) in enumerate(raw):
            span = Span.at(line, col, line, end_col, self.path)
            sec = SourceSection(name, kind, level, line, max(ends[k], line), span)
            sections.append(sec)
            key = anchor_key(name)
            self._anchors.add(name, sec, key)
            if kind == "heading" and not _PLAIN_NAME.fullmatch(name):
                # "#cicd-pipeline" for "CI/CD Pipeline". A name of ASCII letters,
                # digits and spaces has the same full key as its slug: skip it.
                slug = github_slug(name)
                slug_key = anchor_key(slug)
                if slug_key.full != key.full:
                    self._anchors.add(slug, sec, slug_key)
        self.sections = tuple(sections)

    def _structured(self, text: str, lines: LineIndex, outline: Outline) -> None:
        for sc in outline.scalars:
            self._add_numbers(text, lines, sc.start, sc.end, sc.path)
        sections = []
        for key in outline.keys:
            start = lines.position(key.start)
            end = lines.position(max(key.start, key.end - 1))
            depth = key.path.count(".") + key.path.count("[")
            sec = SourceSection(key.path, "key", depth, start.line, end.line,
                                self._span(lines, key.start, key.name_end))
            sections.append(sec)
            self._anchors.add(key.path, sec)
            if key.name != key.path:
                self._anchors.add(key.name, sec)
        self.sections = tuple(sections)

    # ------------------------------------------------------------------ lookups
    def find_section(self, anchor: str) -> list[SourceSection]:
        """Sections matching ``anchor`` under the rule of ``anchors`` (no substrings)."""
        return self._anchors.find(anchor)

    def find_number(self, value: LookupValue,
                    lines: tuple[int, int] | None = None) -> list[Location]:
        """Where ``value`` occurs (any of its keys), optionally within ``lines``."""
        if lines is None:
            self._ensure(1, self.line_count)
        else:
            self._ensure(lines[0], lines[1])
        seen: set[Location] = set()
        out: list[Location] = []
        for k in lookup_keys(value):
            for loc in self._numbers.get(k, ()):
                if lines is not None and not lines[0] <= loc.line <= lines[1]:
                    continue
                if loc not in seen:
                    seen.add(loc)
                    out.append(loc)
        out.sort()
        return out

    def section_at(self, line: int) -> SourceSection | None:
        """The innermost section containing ``line``.

        In Markdown that is the last heading or label started at or before
        the line. JSON/YAML keys can close before their parent does, so a few
        earlier keys are tried too (bounded, to keep every lookup cheap).
        """
        k = bisect.bisect_right(self._starts, line) - 1
        for _ in range(_SECTION_AT_TRIES):
            if k < 0:
                return None
            sec = self.sections[k]
            if sec.end_line >= line:
                return sec
            if sec.kind != "key":
                return None
            k -= 1
        return None

    def __repr__(self) -> str:
        state = f"skipped: {self.skipped}" if self.skipped else f"{len(self.sections)} sections"
        return f"SourceIndex({self.path!r}, {self.kind}, {state})"


def kind_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if lower.endswith(JSON_SUFFIXES):
        return "json"
    if lower.endswith(YAML_SUFFIXES):
        return "yaml"
    return "text"


# A line is plain paragraph text when its first character is none of these, not
# white space (blank or indented lines) and not a digit (``isdigit``: ordered list
# items): no fence, setext underline, ATX heading, bold label, list item, quote,
# table or HTML starts any other way.
_NOT_PLAIN_START = frozenset("`~=-#>*+_|<")
RawHeading = tuple[int, int, str, str, int, int]  # line, level, name, kind, col, end col


def markdown_headings(text: str, lines: list[str] | None = None) -> list[RawHeading]:
    """Headings (ATX, setext) and bold labels of Markdown ``text``, in line order.

    A line scanner, not a parser: fenced code and a leading front-matter
    block are skipped; a setext underline counts only under a paragraph. A
    line that starts with a character nothing but paragraph text can start
    with is settled without any regular expression (most running text).
    """
    raw: list[RawHeading] = []
    fence: tuple[str, int] | None = None
    para_start: int | None = None
    all_lines = text.split("\n") if lines is None else lines
    first = _front_matter_end(all_lines)
    special = _NOT_PLAIN_START
    for i in range(first, len(all_lines)):
        line = all_lines[i]
        if fence is not None:
            if line.lstrip(" ").startswith(fence[0] * fence[1]) and \
                    not line.strip().strip(fence[0]):
                fence = None
            continue
        if not line:
            para_start = None
            continue
        c = line[0]
        if c not in special and not c.isspace() and not c.isdigit():
            if para_start is None:
                para_start = i
            continue
        n = i + 1
        if c == "|" or c == "<":  # a table row or HTML: no heading, ends a paragraph
            para_start = None
            continue
        if c == "#":  # an ATX heading, or a line that ends a paragraph anyway
            a = _ATX.match(line)
            if a:
                raw.append(_atx_heading(n, line, a))
            para_start = None
            continue
        if c == " " or c == "`" or c == "~" or c.isspace():
            # only these can start a fence or a blank line (an ATX heading needs
            # "#" or a space first, and is matched below)
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
            raw.append(_atx_heading(n, line, a))
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


def _atx_heading(n: int, line: str, a: re.Match[str]) -> RawHeading:
    """The raw heading of ATX line ``n`` (``a``: its ``_ATX`` match)."""
    title = (a.group(2) or "").strip()
    col = line.find(title) + 1 if title else len(line) + 1
    return (n, len(a.group(1)), title, "heading", col, col + len(title))


def _blank_urls(text: str) -> str:
    if "://" not in text:
        return text
    return _URL.sub(lambda m: " " * len(m.group()), text)


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after a leading ``---`` … ``---`` block (0 if none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for i in range(1, len(lines)):
        if _FRONT_MATTER_END.match(lines[i]):
            return i + 1
    return 0


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
