"""Shortcuts in claim extraction give exactly the plain definitions (issue 6).

``_only_tags`` stops at the first letter outside the tags instead of
rewriting the whole paragraph; sentence splitting finds a letter by regex
instead of testing every character; ``scan_tags`` skips prose without the
``(`` every default tag starts with; ``NumberToken.shifted`` builds the token
directly. The definitions they replaced are kept here.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.document import Document
from reportlint.evidence.citations import Ranges, is_path, parse_list
from reportlint.evidence.claims import _only_tags
from reportlint.evidence.numbers import scan
from reportlint.evidence.sentences import _has_letter
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings
from reportlint.evidence.tags import Tag, scan_tags
from reportlint.span import Span

FUZZ = settings(max_examples=1500, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
_LEFTOVER = re.compile(r"(?i)\b(?:sources?|evidence|see)\b|[^\w]|_")


def reference_only_tags(text: str, ranges: list[tuple[int, int]]) -> bool:
    chars = list(text)
    for a, b in ranges:
        chars[a:b] = " " * (b - a)
    return not _LEFTOVER.sub("", "".join(chars)).strip()


WORDS = ["Sources", "source", "SOURCES:", "evidence", "see", "seen", "resource", "_", "__",
         "x", "Tests", "3", "²", "é", "日", ":", ";", ".", ",", " ", "  ", "\n", "(", ")", "-",
         "—", "sourcesx", "xsource", "see_", "_see", "٣"]
text_st = st.lists(st.sampled_from(WORDS), max_size=14).map("".join)


@FUZZ
@given(text_st, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=4))
def test_only_tags_equals_the_rewrite(text: str, raw: list[tuple[int, int]]) -> None:
    ranges: list[tuple[int, int]] = []
    at = 0
    for start, length in sorted(raw):  # ordered, disjoint, inside the text: as tags are
        a = max(at, min(start, len(text)))
        b = min(len(text), a + length)
        ranges.append((a, b))
        at = b
    tags = [Tag(Span.at(1, 1), r, ()) for r in ranges]
    assert _only_tags(text, tags) == reference_only_tags(text, ranges)


@FUZZ
@given(st.text(max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_has_letter_equals_any_isalpha(text: str, lo: int, hi: int) -> None:
    assert _has_letter(text, lo, hi) == any(ch.isalpha() for ch in text[lo:hi])


@FUZZ
@given(st.lists(st.sampled_from(["a", "(source: a.md)", "(sources a.md", "source:", "(", ")",
                                 "`(source: x)`", " ", "\n", "§", "b.md"]), max_size=10)
       .map("".join))
def test_tag_scan_skips_only_prose_without_a_parenthesis(text: str) -> None:
    assert DEFAULT_SETTINGS.tag_hint == "("
    # the same patterns without the shortcut (tag_hint is None for any other pattern)
    assert DEFAULT_SETTINGS.opener_re is not None
    plain = EvidenceSettings(tag_pattern=DEFAULT_SETTINGS.tag_re.pattern + "|(?!)",
                             tag_opener=DEFAULT_SETTINGS.opener_re.pattern)
    assert plain.tag_hint is None
    for block in Document(text).blocks:
        prose = getattr(block, "prose", None)
        if prose is not None:
            fast, slow = scan_tags(prose), scan_tags(prose, plain)
            # a raw pattern has no "Source:" label form: compare the tags both read
            assert tuple(t for t in fast.tags if t.form != "label") == slow.tags
            # the same problems; messages name the keyword each setting shows
            assert [(p.span, p.code) for p in fast.problems] == \
                [(p.span, p.code) for p in slow.problems]


def test_shifted_keeps_every_field() -> None:
    for tok in scan("from ~2,200 to 3.5k steps, 70%+ of 4.06/5 and 5-20% (v1.2, 2024)"):
        moved = tok.shifted(3, Span.at(2, 4))
        assert moved == type(tok)(**{**{f: getattr(tok, f) for f in tok._fields},
                                     "start": tok.start + 3, "end": tok.end + 3,
                                     "span": Span.at(2, 4)})
        assert tok.shifted(0) == tok


NUMBER_TEXTS = ["§3 and #12 and [^1]", "Python 3.11 on line 42", "1. first\n2) second",
                "3rd of 2024-25", "lines 183-205", "4.06/5 and 5-20% and 2.26 -> 0.08",
                "~900 MB, >70%, 70%+, 1.0e-5, 2.2k, 1,200 steps", "FY2024-25", "gpt-4",
                "page 7, p. 7, No. 5", "  > 3. quoted", "x 10^-5", "v1.2.3 on 2025-03-01"]


@FUZZ
@given(st.lists(st.sampled_from([*NUMBER_TEXTS, " ", "\n", "and", "-", "—"]), max_size=8)
       .map(" ".join))
def test_scan_without_verdicts_differs_only_in_verdicts(text: str) -> None:
    def strip(tok: object) -> tuple[object, ...]:
        return tuple(getattr(tok, f) for f in tok.__slots__  # type: ignore[attr-defined]
                     if f not in ("hard", "reason"))

    for heading in (False, True):
        full = scan(text, heading=heading)
        bare = scan(text, heading=heading, verdicts=False)
        assert [strip(t) for t in bare] == [strip(t) for t in full]


BODY_PARTS = ["a.md", "docs/x.md", "S01_overview.md", "e.g", "`a.md`", "a.md:3", "a.md#L3",
              ".github/w.yml", "x.py", "x", "README", " ", " ", "  ", "\t", "\n", "§", "§",
              "Training", "Lines 5", "line 3", "M27: Training", "Data Flow.", "x (y)", "a, b",
              "9", "Results lines 10-12", ";", ".", ":", "adapted", "http://x.y", "—", "é"]


@pytest.mark.parametrize("seed", range(4))
def test_random_citation_lists_read_without_error(seed: int) -> None:
    """Any body reads: file citations are path-like, every span is inside the body."""
    rng = random.Random(seed)
    for _ in range(1500):
        body = "".join(rng.choice(BODY_PARTS) for _ in range(rng.randrange(1, 7)))
        doc = Document("x " + body)
        prose = getattr(doc.blocks[0], "prose", None) if doc.blocks else None
        if prose is None:
            continue
        code = Ranges(list(prose.code_ranges))
        lo, hi = 2, len(prose.text)
        cites, _problems = parse_list(prose, lo, hi, code)
        for c in cites:
            assert c.kind in ("file", "url", "bare")
            if c.kind == "file" and " " not in c.path:
                assert is_path(c.path) or c.ranges, (body, c)
