"""ProseSpans: ``Prose.span`` with its piece index built once.

``Prose.span`` rebuilds the list of piece starts on every call, so mapping
every number and citation of a long paragraph (thousands of code spans and
tags) is quadratic. This is the same mapping with the index built once per
prose; a test checks that both agree. Once ``Prose`` caches its index, this
module can go.
"""

from __future__ import annotations

import bisect

from reportlint.document import Prose
from reportlint.span import Span


class ProseSpans:
    """Maps ranges of ``prose.text`` to source spans, in O(log pieces) each."""

    __slots__ = ("prose", "starts", "text")

    def __init__(self, prose: Prose) -> None:
        self.prose = prose
        self.text = prose.text
        self.starts = [p.start for p in prose.pieces]

    def source_offset(self, i: int) -> int:
        pieces = self.prose.pieces
        if not pieces:
            return 0
        k = max(0, bisect.bisect_right(self.starts, i) - 1)
        p = pieces[k]
        if i >= p.start + p.length and k + 1 < len(pieces):
            p = pieces[k + 1]
        if p.exact:
            return p.source + min(max(i - p.start, 0), p.length)
        return p.source

    def span(self, i: int, j: int) -> Span:
        """The source span of ``text[i:j]``, exactly as ``Prose.span`` gives it."""
        index = self.prose.index
        start = self.source_offset(i)
        if j <= i:
            return index.span(start, start)
        end = self.source_offset(j - 1) + 1
        return index.span(start, max(start, end), trim=False)
