"""marko's GFM parser with the same output, minus work it repeats.

**The contract.** With the same extensions, ``_Parser`` builds exactly the
tree stock marko builds, every element's ``source_span`` included; only the
time differs (about half of the model's parse). ``tests/core/test_mdparse.py``
proves it on every fixture, on seeded generated documents and on hypothesis
input. It is used only with the marko series that test ran against
(``CHECKED_SERIES``); on any other series, or with ``REPORTLINT_STOCK_MARKO=1``
in the environment, the model runs stock marko (``make test`` runs the model
and rule tests once that way, so the fallback cannot rot). ``reportlint
--version`` says which parser runs.

The document model parses every linted report with marko. Profiling shows
that much of marko's time goes to re-reading the same line: every block
element type asks ``Source.expect_re``, which re-runs the line regex, builds
the line's string again, re-hashes it for the prefix cache, then matches.
Inline parsing walks each paragraph one character at a time in Python to
find link and emphasis delimiters, and runs every inline element's regex over
every paragraph, even one without the character that element starts with.

This module removes that repetition without changing a single element:

- ``_Source`` memoises per offset what only depends on the (immutable)
  buffer and the offset: the line's match object and string. The prefix
  check for the top level (empty prefix) is answered without a regex
  (``re.match("", s)`` always matches at 0).
- ``_Parser`` keeps the sorted block element list instead of sorting it for
  every nested parse and table row, and parses inline text with
  ``_parse_inline_text``, marko's ``inline_parser.parse`` with two exact
  shortcuts: an element type whose pattern needs a character (or string)
  that the text lacks is not searched, and the delimiter scan jumps from one
  character that can matter (``\\ ` ] ! [ * _``) to the next, where marko
  steps through every character and finds nothing at the others.

Everything else (element classes, their ``match``/``parse``, emphasis and
link resolution, source spans) is marko's own code. ``tests/core/
test_mdparse.py`` checks, on many generated documents, that the tree and
every span equal stock marko's with the same extensions. Since this leans on
marko internals, ``parser_class`` uses it only with the marko series it was
checked against (2.2) and falls back to marko's own ``Parser`` otherwise.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, cast

import marko
from marko import block, inline_parser
from marko.ext.gfm import elements as gfm
from marko.inline import InlineElement
from marko.parser import Parser
from marko.source import Source

_RAW_LINE = r"(?m)[^\n]*$\n?"  # marko's pattern for the whole next line
_RAW_LINE_RE = re.compile(_RAW_LINE)
_DELIMITER_CHARS = re.compile(r"[\\`\]!\[*_]")
_DELIMITERS_RE = re.compile(r"(?:!?\[|\*+|_+)")
_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)([\s\S]+?)(?<!`)\1(?!`)")


#: The marko release series ``tests/core/test_mdparse.py`` was run against.
CHECKED_SERIES = "2.2."
#: Set to 1 to run stock marko even on the checked series.
STOCK_ENV = "REPORTLINT_STOCK_MARKO"


def accelerated() -> bool:
    """True when the model parses with ``_Parser`` rather than marko's own parser."""
    return marko.__version__.startswith(CHECKED_SERIES) and os.environ.get(STOCK_ENV) != "1"


def describe() -> str:
    """Which Markdown parser runs, for ``reportlint --version``."""
    how = ("accelerated by reportlint.mdparse" if accelerated() else
           f"stock parser ({STOCK_ENV}=1)" if marko.__version__.startswith(CHECKED_SERIES)
           else f"stock parser (reportlint.mdparse is checked against {CHECKED_SERIES}x)")
    return f"marko {marko.__version__}, {how}"


def parser_class() -> type[Parser]:
    """``_Parser`` on the checked marko series, else marko's own ``Parser``."""
    return _Parser if accelerated() else Parser


def fast_elements() -> list[type[Any]]:
    """Block element overrides that fail fast, for ``_Parser`` only (see below)."""
    return [_HTMLBlock, _Table] if parser_class() is _Parser else []


class _Source(Source):
    """``Source`` whose line reads are computed once per offset."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._raw: dict[int, tuple[re.Match[str], str]] = {}

    def _raw_line(self, pos: int) -> tuple[re.Match[str], str]:
        hit = self._raw.get(pos)
        if hit is None:
            m = _RAW_LINE_RE.match(self._buffer, pos)
            assert m is not None  # matches the empty string at worst
            hit = self._raw[pos] = (m, m.group())
        return hit

    @property
    def prefix(self) -> str:
        states = self._states
        if len(states) == 1:  # the top level: only the document's (empty) prefix
            return states[0]._prefix
        return "".join([s._prefix for s in states])

    @property
    def _current_pos(self) -> int:
        _m, line = self._raw_line(self.pos)
        prefix = self.prefix
        prefix_len = self.match_prefix(prefix, line) if prefix else 0
        return self.pos + max(prefix_len, 0)

    def _expect_re(self, regexp: re.Pattern[str] | str, pos: int) -> re.Match[str] | None:
        if isinstance(regexp, str):
            regexp = re.compile(regexp)
        return regexp.match(self._buffer, pos)

    def expect_re(self, regexp: re.Pattern[str] | str) -> re.Match[str] | None:
        pos = self.pos
        hit = self._raw.get(pos)
        m, line = hit if hit is not None else self._raw_line(pos)
        self.match = m  # as marko's next_line(require_prefix=False) leaves it
        states = self._states
        prefix = states[0]._prefix if len(states) == 1 else "".join(
            [s._prefix for s in states])
        prefix_len = self.match_prefix(prefix, line) if prefix else 0
        if prefix_len >= 0:
            if isinstance(regexp, str):
                regexp = re.compile(regexp)  # re's own cache holds marko's few patterns
            match = regexp.match(self._buffer, pos + prefix_len)
            self.match = match
            return match
        return None

    def next_line(self, require_prefix: bool = True) -> str | None:  # type: ignore[override]
        if require_prefix:
            m: re.Match[str] | None = self.expect_re(r"(?m)[^\n]*?$\n?")
            self.match = m
            return m.group() if m else None
        m, line = self._raw_line(self.pos)
        self.match = m
        return line


class _Parser(Parser):
    """marko's ``Parser`` using ``_Source`` and the shortcuts described above."""

    def __init__(self) -> None:
        super().__init__()
        self._block_list: list[Any] | None = None
        self._inline_list: list[tuple[Any, tuple[str, ...]]] | None = None
        parser = self

        class LinkOrEmph(InlineElement):
            """marko's per-call helper class, made once per parser."""

            parse_children = True

            def __new__(cls, match: Any) -> Any:
                return parser.inline_elements[match.etype](match)

        self._link_or_emph = LinkOrEmph

    def add_element(self, element: Any) -> None:
        super().add_element(element)
        self._block_list = None
        self._inline_list = None

    def parse(self, text: str) -> block.Document:
        source = _Source(text)
        source.parser = self
        doc = cast(block.Document, self.block_elements["Document"]())
        doc.source_span = (0, len(source._buffer))
        with source.under_state(doc):
            doc.children = self.parse_source(source)
            self.parse_inline(doc, source)
        return doc

    def _build_block_element_list(self) -> list[Any]:
        if self._block_list is None:
            self._block_list = super()._build_block_element_list()
        return list(self._block_list)

    def _inline_elements(self) -> list[tuple[Any, tuple[str, ...]]]:
        if self._inline_list is None:
            self._inline_list = [(e, _NEEDS.get(e.__name__, ()) if e.__module__.startswith(
                "marko.") else ()) for e in self._build_inline_element_list()]
        return self._inline_list

    def _parse_inline(self, text: str, source: Source,
                      positions: Sequence[int] | None = None) -> list[Any]:
        fallback = self.inline_elements["RawText"]
        tokens: list[Any] = []
        Token = inline_parser.Token
        if "[" in text or "*" in text or "_" in text:
            link_or_emph = self._link_or_emph
            for m in _find_links_or_emphs(text, source.root.link_ref_defs):
                tokens.append(Token(link_or_emph, m, text, fallback, positions))
        for etype, needs in self._inline_elements():
            if needs:
                for needle in needs:
                    if needle in text:
                        break
                else:
                    continue
            for match in etype.find(text, source=source):
                tokens.append(Token(etype, match, text, fallback, positions))
        tokens.sort()
        tokens = inline_parser._resolve_overlap(tokens)
        return inline_parser.make_elements(tokens, text, fallback=fallback,
                                           positions=positions)


# What each of marko's inline patterns cannot match without (by class name, for
# marko's own classes only): the first character of the pattern, or for GFM's
# bare URLs one of ``www.``, ``://`` or the ``@`` of an e-mail address.
_NEEDS: dict[str, tuple[str, ...]] = {
    "AutoLink": ("<",),
    "InlineHTML": ("<",),
    "CodeSpan": ("`",),
    "Literal": ("\\",),
    "LineBreak": ("\n",),
    "Strikethrough": ("~",),
    "Url": ("@", "://", "www."),
}


def _find_links_or_emphs(text: str, link_ref_defs: dict[str, tuple[str, str]]) -> list[Any]:
    """marko's ``find_links_or_emphs``, stepping only between characters that matter.

    At any other character marko's loop does nothing but ``i += 1``: no
    escape, no code span (it starts with a backtick), no ``]``, and no
    delimiter (``![``, ``[``, ``*``, ``_``).
    """
    i = 0
    n = len(text)
    delimiters: list[Any] = []
    escape = False
    matches: list[Any] = []
    brackets = _Brackets(text)
    search = _DELIMITER_CHARS.search
    while i < n:
        if escape:
            escape = False
            i += 1
            continue
        nxt = search(text, i)
        if nxt is None:
            break
        i = nxt.start()
        ch = text[i]
        if ch == "\\":
            escape = True
            i += 1
        elif ch == "`" and (code := _CODE_RE.match(text, i)) is not None:
            i = code.end()
        elif ch == "]":
            node = _look_for_image_or_link(text, delimiters, i, link_ref_defs, matches,
                                           brackets)
            if node:
                i = node.end()
                matches.append(node)
            else:
                i += 1
        else:
            m = _DELIMITERS_RE.match(text, i)
            if m:
                delimiters.append(inline_parser.Delimiter(m, text))
                i = m.end()
            else:
                i += 1
    inline_parser.process_emphasis(text, delimiters, None, matches)
    return matches


def _look_for_image_or_link(text: str, delimiters: list[Any], close: int,
                            link_ref_defs: dict[str, tuple[str, str]], matches: list[Any],
                            brackets: _Brackets) -> Any:
    """marko's ``look_for_image_or_link`` without its two quadratic steps.

    marko copies the whole delimiter list at every ``]`` and checks that the
    candidate link text has paired brackets by walking it character by
    character; on ``[`` × 10,000 + ``]`` × 10,000 that took 10 s. Here the
    list is walked by index (the loop returns or breaks before anything
    changes it), the bracket check is answered from prefix balances of the
    whole text (``_Brackets``), which give the same verdict, and reference
    links are only looked up when the document defines some.
    """
    for i in range(len(delimiters) - 1, -1, -1):
        d = delimiters[i]
        if d.content not in ("[", "!["):
            continue
        if not d.active:
            break  # break to remove the delimiter and return None
        if not brackets.paired(d.end, close):
            break
        label = text[d.end:close]
        link_text = inline_parser.Group(d.end, close, label)
        etype = "Image" if d.content == "![" else "Link"
        # a reference link needs a definition: with none in the document (the usual
        # case) marko's lookup, which normalises the whole label, cannot succeed
        match = inline_parser._expect_inline_link(text, close + 1) or (
            inline_parser._expect_reference_link(text, close + 1, label, link_ref_defs)
            if link_ref_defs else None)
        if not match:  # not a link
            break
        rv = inline_parser.MatchObj(etype, text, d.start, match[2], link_text, match[0],
                                    match[1])
        inline_parser.process_emphasis(text, delimiters, i, matches)
        if etype == "Link":
            for other in delimiters[:i]:
                if other.content == "[":
                    other.active = False
        del delimiters[i]
        return rv
    else:
        return None  # no matching opener is found
    del delimiters[i]
    return None


class _Brackets:
    """``is_paired(text[lo:hi], "[", "]")`` for slices of one text, in constant time.

    ``balance[k]`` counts unescaped ``[`` minus ``]`` in ``text[:k]`` (a
    backslash escapes the next character, as in ``is_paired``); a slice is
    paired when its balance returns to the start level and never drops below
    it, that is when the first drop below ``balance[lo]`` after ``lo`` lies
    past ``hi``. A slice starting right after a ``[`` delimiter starts with
    no pending escape in the whole-text scan too, so the verdicts agree.
    The tables are built on the first slice that holds a bracket at all.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.balance: list[int] | None = None
        self.drop: list[int] = []

    def paired(self, lo: int, hi: int) -> bool:
        if self.balance is None:
            part = self.text[lo:hi]
            if "[" not in part and "]" not in part:
                return True  # the common case: plain link text
            self._build()
        balance = self.balance
        assert balance is not None
        return balance[hi] == balance[lo] and self.drop[lo] > hi

    def _build(self) -> None:
        balance = [0]
        level = 0
        escape = False
        for c in self.text:
            if escape:
                escape = False
            elif c == "\\":
                escape = True
            elif c == "[":
                level += 1
            elif c == "]":
                level -= 1
            balance.append(level)
        n = len(balance)
        drop = [n] * n  # the first k > j with balance[k] < balance[j], else n
        stack: list[int] = []
        for k in range(n):
            while stack and balance[k] < balance[stack[-1]]:
                drop[stack.pop()] = k
            stack.append(k)
        self.balance, self.drop = balance, drop


# --------------------------------------------------------------------------- fast failures

_NEVER = re.compile(r"(?!)")


class _HTMLBlock(block.HTMLBlock):
    """marko's HTML block, failing at once on a line without ``<``.

    Every one of its seven patterns starts with up to three spaces and ``<``
    on the current line; each ``match`` call also formats and hashes two long
    patterns. On a line without ``<`` the result is False and the state is
    what seven failing ``expect_re`` calls leave: ``context.html_end`` None,
    ``source.match`` as one failing ``expect_re`` leaves it.
    """

    override = True

    @classmethod
    def match(cls, source: Any) -> int | bool:
        if "<" not in source._raw_line(source.pos)[1]:
            source.context.html_end = None
            source.expect_re(_NEVER)
            return False
        result: int | bool = super().match(source)
        return result


class _Table(gfm.Table):
    """GFM's table, failing at once when the current line has no ``|``.

    A table needs its header row to split on an unescaped ``|`` (the
    ``splitter`` search in ``match``). Without one the result is False; the
    state left is the source's anchor at the line and ``source.match`` from
    reading the line, as marko leaves them (the ``context`` values marko sets
    on the way are read only after a successful row match).
    """

    override = True

    @classmethod
    def match(cls, source: Any) -> bool:
        if "|" not in source._raw_line(source.pos)[1]:
            source.anchor()
            source.next_line()
            return False
        return cast(bool, super().match(source))
