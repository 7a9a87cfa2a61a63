"""Scale: nothing quadratic in claims, tags, code spans or headings; spans stay exact."""

from __future__ import annotations

import time

from reportlint.document import Document
from reportlint.evidence import SourceIndex, extract


def _seconds(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def test_one_long_paragraph_with_thousands_of_tags_and_code_spans() -> None:
    # quadratic work here (e.g. rebuilding a piece index per span) takes minutes
    n = 3000
    text = " ".join(f"Run {i} used `cfg{i}` with {i}.5 steps (source: a{i}.md §M{i})."
                    for i in range(n)) + "\n"
    doc = Document(text)
    took = _seconds(lambda: extract(doc))
    claims = extract(doc)
    assert len(claims.claims) == n
    assert all(c.covered and len(c.numbers) == 2 for c in claims.claims)
    last = claims.claims[-1]
    span = last.numbers[-1].span
    assert span is not None
    assert span.start.column == text.index(f"{n - 1}.5 steps") + 1
    assert took < 10


def test_many_sections_and_claims() -> None:
    n = 1500
    text = "\n".join(
        f"## M{i}: Part {i}\n\nTests grew to {i},200 (source: a.md §M{i}, M{i + 1}). "
        f"Coverage {i % 100}%.\n\n- item {i} with 5–20 runs\n\n(source: b.md)\n"
        for i in range(n))
    doc = Document(text)
    took = _seconds(lambda: extract(doc))
    claims = extract(doc)
    assert len(claims.hard) == 3 * n
    assert not claims.unsourced
    assert took < 10


def test_large_source_index_and_lookups() -> None:
    n = 8000
    src = "\n".join(f"## M{i}: Section {i}\n\n**Label {i}**\nvalue {i} and 2,{i % 1000:03d}\n"
                    for i in range(n))
    took = _seconds(lambda: SourceIndex.from_text("s.md", src))
    idx = SourceIndex.from_text("s.md", src)
    assert len(idx.sections) == 2 * n
    lookups = _seconds(lambda: [idx.find_section(f"M{i}") for i in range(n)])
    assert [s.name for s in idx.find_section("M7777")] == ["M7777: Section 7777"]
    assert [s.name for s in idx.find_section("Label 42")] == ["Label 42"]
    assert took < 15
    assert lookups < 5
