"""Sources: what the files under the sources root offer, built once per run.

``SourceIndex`` is the index of one cited file:

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

``Sources`` is the run-wide view of the root, shared by every evidence rule:
the file tree, the resolver's memo, the indexes of cited files, and bounded,
targeted searches for where else a number occurs.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from reportlint.document import LineIndex, normalize
from reportlint.evidence import numbers as num
from reportlint.evidence.anchors import AnchorTable, anchor_key, github_slug
from reportlint.evidence.resolve import FileTree, OutsideRootError, Resolution, Resolver, Status
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings
from reportlint.span import Span

if TYPE_CHECKING:
    import re

    from reportlint.evidence.structured import Outline

#: A file holding a longer run of digits is hostile or generated: it is not read.
_MAX_DIGITS = 1000
_HUGE_NUMBER = re.compile(r"\d{" + str(_MAX_DIGITS + 1) + "}")

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


class SourceSection(NamedTuple):
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
    unit: str = ""
    noun: str = ""  # the counted word after a unit-less number ("4 nodes")

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
        return value.keys + num.converted_keys(value)
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
            return cls.skip(path, "it is a binary file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return cls.skip(path, f"it is not UTF-8 text (invalid byte at offset {exc.start})")
        if _HUGE_NUMBER.search(text):
            return cls.skip(path, f"it holds a number of more than {_MAX_DIGITS:,} digits")
        try:
            return cls.from_text(path, text)
        except RecursionError:
            return cls.skip(path, "it is nested too deeply to read")

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
            except RecursionError:
                raise
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
            loc = Location(self.path, row + 1, col, col + tok.end - tok.start, tok.text, key,
                           tok.unit, tok.noun)
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

    def numbers_in(self, lines: tuple[int, int]) -> list[Location]:
        """Every number occurrence within ``lines`` (1-based, inclusive), in order."""
        self._ensure(lines[0], lines[1])
        out = {loc for locs in self._numbers.values() for loc in locs
               if lines[0] <= loc.line <= lines[1]}
        return sorted(out)

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


#: Plain-text files have no sections: numbers "occur together" within this many lines.
TEXT_WINDOW = 20


class Suggestion(NamedTuple):
    """A place where several numbers of a claim occur close together.

    ``span`` runs from the first to the last of them; ``values`` are the
    claim's numbers found there (by key), ``locations`` each occurrence.
    """

    span: Span
    values: tuple[Decimal, ...]
    locations: tuple[Location, ...]

    @property
    def path(self) -> str:
        return self.span.path


class Search(NamedTuple):
    """Where some numbers occur under the root, from one bounded search.

    ``found`` maps each lookup key to its places; ``cut`` says, when a budget
    stopped the search early, how far it got ("not searched beyond 3,000
    files"); ``skipped`` names files left out because they cannot be read
    safely (with the reason).
    """

    found: dict[Decimal, list[Location]]
    cut: str = ""
    skipped: tuple[tuple[str, str], ...] = ()

    def at(self, value: LookupValue, exclude: Iterable[str] = ()) -> list[Location]:
        skip = set(exclude)
        seen: set[Location] = set()
        out = []
        for key in lookup_keys(value):
            for loc in self.found.get(key, ()):
                if loc.path not in skip and loc not in seen and compatible(value, loc):
                    seen.add(loc)
                    out.append(loc)
        out.sort()
        return out


class Sources:
    """Resolution, indexes and searches for one sources root, cached for the whole run."""

    def __init__(self, root: str | os.PathLike[str],
                 settings: EvidenceSettings = DEFAULT_SETTINGS,
                 excluded: Iterable[str] = ()) -> None:
        self.settings = settings
        real_root = os.path.realpath(root)
        own = []
        for p in excluded:  # the run's outputs, baseline, configuration: root-relative
            real = os.path.realpath(p)
            if real.startswith(real_root + os.sep):
                own.append(os.path.relpath(real, real_root).replace(os.sep, "/"))
        self.tree = FileTree(root, settings.skip_dirs, settings.exclude, tuple(own))
        self.resolver = Resolver(self.tree)
        self._indexes: dict[str, SourceIndex] = {}
        self._texts: dict[str, str | None] = {}
        self._text_bytes = 0
        self._searches: dict[object, Search] = {}
        #: derived tables of the cross-check, built once per run (see ``verify``)
        self.memo: dict[object, object] = {}

    @property
    def root(self) -> str:
        return self.tree.real_root

    def resolve(self, cited: str, report: str | os.PathLike[str] | None = None) -> Resolution:
        return self.resolver.resolve(cited, report)

    def index(self, path: str) -> SourceIndex:
        """The index of root-relative ``path`` (a resolved file), built on first use."""
        hit = self._indexes.get(path)
        if hit is None:
            hit = self._build(path)
            self._indexes[path] = hit
        return hit

    def index_for(self, resolution: Resolution) -> SourceIndex | None:
        """The index of a resolved citation; None for anything but a resolved file."""
        if resolution.status is not Status.RESOLVED:
            return None
        return self.index(resolution.path)

    def _build(self, path: str) -> SourceIndex:
        limit = self.settings.max_file_bytes
        try:
            size = os.stat(self.tree.real(path)).st_size
            if size > limit:
                return SourceIndex.skip(path, f"it is larger than evidence.max-file-bytes "
                                              f"({size:,} > {limit:,} bytes)")
            data = self.tree.read_bytes(path, limit)
            if own_output(path, data):
                return SourceIndex.skip(path, "it is a reportlint output, baseline or "
                                              "configuration, not evidence")
        except OutsideRootError:
            return SourceIndex.skip(path, "it is outside the sources root")
        except PermissionError:
            return SourceIndex.skip(path, "permission denied")
        except OSError as exc:
            return SourceIndex.skip(path, _os_reason(exc))
        return SourceIndex.build(path, data, limit)

    # ------------------------------------------------------------------ searches
    def text(self, path: str) -> str | None:
        """The decoded text of an evidence file for searches (None: not searchable).

        Kept for the run while the kept texts stay within ``search-bytes``.
        """
        if path in self._texts:
            return self._texts[path]
        text: str | None = None
        try:
            real = os.path.join(self.tree.real_root, path) if self.tree.is_plain(path) \
                else self.tree.real(path)
            data = _read_regular(real, self.settings.max_file_bytes)
            if data is not None and b"\x00" not in data and not own_output(path, data):
                text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
        if text is not None and self._text_bytes + len(text) <= self.settings.search_bytes:
            self._texts[path] = text
            self._text_bytes += len(text)
        elif text is None:
            self._texts[path] = None
        return text

    def search(self, values: Sequence[LookupValue], exclude: Iterable[str] = ()) -> Search:
        """Where ``values`` occur in the evidence files under the root: one bounded pass.

        ``exclude`` names files not to read at all (the report itself).

        Only the few numbers asked for are looked for, by one regular
        expression of their written forms over each file's text; each hit is
        confirmed by reading the numbers of its line. The pass stops after
        ``search-files`` files, ``search-bytes`` bytes or ``search-seconds``,
        and says so in ``cut``. Files of build logs are not evidence and are
        not searched (``evidence-suffixes``). Results are kept for the run.
        """
        import time

        wanted = tuple(sorted({lookup_keys(v) for v in values}))
        skip = frozenset(exclude)
        hit = self._searches.get((wanted, skip))
        if hit is not None:
            return hit
        keys = {k for ks in wanted for k in ks}
        found: dict[Decimal, list[Location]] = defaultdict(list)
        forms = _literal_pattern(keys)
        if forms is None:
            result = Search({})
            self._searches[(wanted, skip)] = result
            return result
        suffixes = tuple(x.lower() for x in self.settings.evidence_suffixes)
        st = self.settings
        deadline = time.monotonic() + st.search_seconds
        files = read = 0
        cut = ""
        skipped: list[tuple[str, str]] = []
        done: set[str] = set()
        tree = self.tree
        literal = sorted(_written_forms(forms)) if len(forms) <= 64 else None
        for listed in tree.files:
            if not listed.lower().endswith(suffixes):
                continue
            if tree.is_plain(listed):
                path = listed
            else:
                if tree.probe(listed) != "file":
                    continue
                path = tree.relative(listed)  # a link inside the root counts once
                if tree.ignore.reason(path, False):
                    continue
            if path in done or path in skip:
                continue
            done.add(path)
            if files >= st.search_files:
                cut = f"not searched beyond {files:,} files (evidence.search-files)"
                break
            if read >= st.search_bytes:
                cut = f"not searched beyond {read:,} bytes (evidence.search-bytes)"
                break
            if time.monotonic() > deadline:
                cut = f"not searched beyond {files:,} files: the search took longer than " \
                      f"{st.search_seconds:g} s (evidence.search-seconds)"
                break
            files += 1
            text = self.text(path)
            if text is None:
                continue
            read += len(text)
            # most files hold none of the few numbers: a substring test settles them
            if literal is not None and not any(f in text for f in literal):
                continue
            _search_text(path, text, forms, keys, found, skipped)
        result = Search(dict(found), cut, tuple(skipped))
        self._searches[(wanted, skip)] = result
        return result

    def occurrences(self, value: LookupValue, *, exclude: Iterable[str] = (),
                    limit: int | None = None) -> list[Location]:
        """Where ``value`` occurs in the evidence files under the root, in path order."""
        exclude = tuple(exclude)
        out = self.search([value], exclude).at(value, exclude)
        return out[:limit] if limit is not None else out

    def suggest(self, values: Sequence[LookupValue], *, limit: int = 3,
                exclude: Iterable[str] = (), search: Search | None = None) -> list[Suggestion]:
        """Up to ``limit`` places where the given numbers occur together.

        A place is a section of a Markdown file (heading or bold label), or a
        window of ``TEXT_WINDOW`` lines of another file. Places holding more
        of the distinct numbers rank first (at least two when two or more are
        asked for), then tighter ones, then by path. Only the occurrences of
        the numbers asked for are grouped (work linear in them), and only the
        ``limit`` best places are kept, with a bounded heap.
        """
        import heapq

        wanted = [lookup_keys(v) for v in values]
        distinct = {keys[0] for keys in wanted}
        need = min(2, len(distinct))
        if need == 0:
            return []
        result = search if search is not None else self.search(values, exclude)
        skip = set(exclude)
        groups: dict[tuple[str, int], dict[Decimal, list[Location]]] = defaultdict(
            lambda: defaultdict(list))
        for value, keys in zip(values, wanted):
            primary = keys[0]
            for key in keys:
                for loc in result.found.get(key, ()):
                    if loc.path in skip or not compatible(value, loc):
                        continue
                    groups[(loc.path, self._place(loc))][primary].append(loc)
        best: list[tuple[int, int, str, int, Suggestion]] = []
        for (path, _place), found in groups.items():
            if len(found) < need:
                continue
            locs = sorted({loc for ls in found.values() for loc in ls})
            first, last = locs[0], locs[-1]
            rank = (-len(found), last.line - first.line, path, first.line)
            span = Span.at(first.line, first.column, last.line, last.end_column, path)
            best.append((*rank, Suggestion(span, tuple(sorted(found)), tuple(locs))))
        return [r[4] for r in heapq.nsmallest(limit, best, key=lambda r: r[:4])]

    def _place(self, loc: Location) -> int:
        if loc.path.lower().endswith(MARKDOWN_SUFFIXES):
            starts = self._heading_lines(loc.path)
            k = bisect.bisect_right(starts, loc.line) - 1
            if k >= 0:
                return starts[k]
        return -1 - loc.line // TEXT_WINDOW

    def _heading_lines(self, path: str) -> list[int]:
        idx = self._indexes.get(path)
        if idx is not None and not idx.skipped:
            return idx._starts
        key = "\0headings:" + path
        cached = self._texts.get(key)
        if cached is None:
            text = self.text(path) or ""
            lines = sorted(h[0] for h in markdown_headings(normalize(text)))
            self._texts[key] = ",".join(map(str, lines))
            return lines
        return [int(x) for x in cached.split(",") if x]


#: What reportlint writes says so near its start: JSON output has ``"tool": {"name":
#: "reportlint"``, SARIF ``"driver": {"name": "reportlint"``, a baseline ``"tool":
#: "reportlint"`` (a package.json of a project named reportlint is still evidence).
_OWN_OUTPUT_RE = re.compile(rb'"tool"\s*:\s*(?:\{\s*"name"\s*:\s*)?"reportlint"|'
                            rb'"driver"\s*:\s*\{\s*"name"\s*:\s*"reportlint"')
_CONFIG_NAMES = (".reportlint.yml", ".reportlint.yaml")


def own_output(path: str, data: bytes) -> bool:
    """Whether a file is one of reportlint's own: a configuration by its name, or an
    output or baseline of any run (not only this one's) by its first bytes."""
    if path.rsplit("/", 1)[-1] in _CONFIG_NAMES:
        return True
    return data.lstrip()[:1] == b"{" and _OWN_OUTPUT_RE.search(data, 0, 1000) is not None


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_regular(real: str, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, else None.

    One open without following a link and without blocking (a FIFO swapped in
    after the listing cannot hang the run), a ``fstat`` on the descriptor, and
    plain reads: a search opens thousands of small files.
    """
    fd = os.open(real, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        chunks = []
        left = st.st_size + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


@functools.lru_cache(maxsize=4096)
def read_occurrence(text: str) -> tuple[str, str, Decimal | None]:
    """(unit, counted word, magnitude) of an indexed occurrence, from its text."""
    toks = num.scan(text + " x", verdicts=False)
    if not toks:
        return "", "", None
    t = toks[0]
    return t.unit, t.noun, abs(t.value)


def compatible(value: LookupValue, loc: Location) -> bool:
    """Whether an occurrence found by magnitude is ``value``, unit included.

    Only a ``NumberToken`` carries a unit; any other value matches by magnitude.
    """
    if not isinstance(value, num.NumberToken):
        return True
    unit, _noun, magnitude = read_occurrence(loc.text)
    return num.units_compatible(value, loc.unit or unit, loc.noun, magnitude)


def _os_reason(exc: OSError) -> str:
    text = str(exc)
    if "FIFO" in text or "socket" in text or "device" in text or "regular file" in text:
        return text.split(": ", 1)[-1]
    return f"it cannot be read ({exc.strerror or exc})"


#: a line longer than this is not read for numbers by a search (a hostile file with a
#: million-digit number costs one regular-expression pass, not a number parse)
_SEARCH_LINE_CHARS = 20_000


def _literal_pattern(keys: Iterable[Decimal]) -> frozenset[str] | None:
    """The canonical written forms of ``keys`` ("1318", "84.2"), for a set lookup."""
    forms = set()
    for k in keys:
        text = num.canonical(k)
        if text != "0" and len(text) <= 40:
            forms.add(text)
    return frozenset(forms) or None


def _written_forms(forms: frozenset[str]) -> set[str]:
    """Substrings one of which any writing of ``forms`` contains (for a quick test)."""
    out = set()
    for f in forms:
        whole, _dot, frac = f.partition(".")
        out.add(f if frac else whole)
        if len(whole) > 3:  # 1,318 and 1 318 as well as 1318
            head = len(whole) % 3 or 3
            groups = [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)]
            for sep in (",", "\u2009", "\u202f", " "):
                out.add(sep.join(groups) + ("." + frac if frac else ""))
        if whole == "0" and frac:
            out.add("." + frac)
    return out


# a run of digits as prose writes it: separators, one decimal point
_DIGIT_RUN = re.compile(r"(?<![\w.])\d{1,3}(?:[,\u2009\u202f]\d{3})+(?:\.\d+)?(?!\d)"
                        r"|(?<![\w.])\d+(?:\.\d+)?(?!\d)|(?<![\w\d])\.\d+(?!\d)")
_SEPARATORS = str.maketrans("", "", ",\u2009\u202f")


def _canonical_run(run: str) -> str:
    t = run.translate(_SEPARATORS)
    if "." in t:
        t = t.rstrip("0").rstrip(".")
        if t.startswith("."):
            t = "0" + t
    t = t.lstrip("0") or "0"
    return "0" + t if t.startswith(".") else t


def _search_text(path: str, text: str, forms: frozenset[str], keys: set[Decimal],
                 found: dict[Decimal, list[Location]],
                 skipped: list[tuple[str, str]]) -> None:
    """Confirmed occurrences of ``keys`` in one file's text, added to ``found``.

    Linear in the text: every digit run is reduced to its canonical form and
    looked up in a set; only a line with a hit is read for numbers (with units).
    """
    pos = 0
    row = 1
    counted = 0  # ``row`` is the line of offset ``counted``
    n = len(text)
    while pos < n:
        m = _DIGIT_RUN.search(text, pos)
        if m is None:
            return
        if _canonical_run(m.group()) not in forms:
            pos = m.end()
            continue
        start = text.rfind("\n", counted, m.start()) + 1
        start = max(start, counted) if start else counted
        end = text.find("\n", m.end())
        end = n if end == -1 else end
        row += text.count("\n", counted, start)
        counted = start
        pos = end + 1
        if end - start > _SEARCH_LINE_CHARS:
            why = f"a line of more than {_SEARCH_LINE_CHARS:,} characters"
            if (path, why) not in skipped:
                skipped.append((path, why))
            continue
        line = text[start:end]
        for tok in num.scan(_blank_urls(line), verdicts=False):
            for k in tok.keys:
                if k in keys:
                    found[k].append(Location(path, row, tok.start + 1, tok.end + 1, tok.text,
                                             "", tok.unit, tok.noun))
