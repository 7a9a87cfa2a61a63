"""Lazy number scanning of cited files gives exactly what one whole-file scan gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reportlint.document import LineIndex, normalize
from reportlint.evidence import numbers as num
from reportlint.evidence.sources import Location, SourceIndex, _blank_urls

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in (*REPO.glob("examples/**/*.md"), *REPO.glob("tests/**/fixtures/**/*.md"),
                           *REPO.glob("tests/**/fixtures/**/*.txt"), *REPO.glob("docs/*.md"))
               if p.is_file())


def _eager(path: str, text: str) -> dict[object, list[Location]]:
    """The definition: one scan of the whole (URL-blanked) text."""
    text = normalize(text)
    lines = LineIndex(text)
    out: dict[object, list[Location]] = {}
    for tok in num.scan(_blank_urls(text)):
        row = lines.position(tok.start)
        loc = Location(path, row.line, row.column, row.column + tok.end - tok.start, tok.text,
                       "", tok.unit, tok.noun)
        for k in tok.keys:
            out.setdefault(k, []).append(loc)
    return {k: sorted(v) for k, v in out.items()}


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_lazy_scan_matches_one_scan(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rel = str(path.relative_to(REPO))
    index = SourceIndex.from_text(rel, text)
    # read some ranges first, in a random order, as lookups would
    rng = random.Random(rel)
    for _ in range(5):
        a = rng.randint(1, max(1, index.line_count))
        index.find_number(7, (a, min(index.line_count, a + rng.randint(0, 30))))
    lazy = {k: sorted(v) for k, v in index.numbers.items() if v}
    assert lazy == _eager(rel, text)


def test_a_range_lookup_reads_only_that_range() -> None:
    text = "".join(f"line {i} has {1000 + i} items\n" for i in range(1, 101))
    index = SourceIndex.from_text("a.txt", text)
    assert [loc.line for loc in index.find_number(1050, (40, 60))] == [50]
    assert sum(index._scanned) == 21
    assert [loc.line for loc in index.find_number(1090)] == [90]
    assert sum(index._scanned) == 100
