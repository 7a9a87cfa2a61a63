"""Claims: units, hardness, coverage, and exact spans of their numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from ev_helpers import at

from reportlint.document import Document
from reportlint.evidence import extract, sentences
from reportlint.evidence.numbers import NumberPolicy, canonical
from reportlint.evidence.settings import EvidenceSettings
from reportlint.rule import Context

FIXTURE_REPORT = Path(__file__).parent / "fixtures" / "repo" / "reports" / "summary.md"


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences.split(text)]


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("One. Two!  Three? Four", ["One.", "Two!", "Three?", "Four"]),
    ("Use tools, e.g. ruff. Then mypy.", ["Use tools, e.g. ruff.", "Then mypy."]),
    ("Compare A vs. B today. Done.", ["Compare A vs. B today.", "Done."]),
    ("Score 4.06 of 5. Next.", ["Score 4.06 of 5.", "Next."]),
    ("Edit app.py now. Then test.", ["Edit app.py now.", "Then test."]),
    ("Ask J. Smith first. Then go.", ["Ask J. Smith first.", "Then go."]),
    ("Reached 2,200. 70% covered.", ["Reached 2,200.", "70% covered."]),
    ("It ended (finally). Next one.", ["It ended (finally).", "Next one."]),
    ("lower case. does not split", ["lower case. does not split"]),
    ("3. Then the plan.", ["3. Then the plan."]),
])
def test_sentence_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_no_split_inside_protected_ranges() -> None:
    text = "See (source: a.md §3. Results) here. Next."
    start = text.index("(")
    end = text.index(")") + 1
    spans = sentences.split(text, [(start, end)])
    assert [text[a:b] for a, b in spans] == ["See (source: a.md §3. Results) here.", "Next."]


# --------------------------------------------------------------------------- units


def test_sentence_claims_and_number_spans() -> None:
    doc = Document("Intro.\n\nTests grew to 2,200. Coverage is 70 %.\n")
    got = extract(doc)
    assert [(c.kind, c.text, c.hard) for c in got.claims] == [
        ("sentence", "Intro.", False),
        ("sentence", "Tests grew to 2,200.", True),
        ("sentence", "Coverage is 70 %.", True),
    ]
    tests, coverage = got.claims[1], got.claims[2]
    assert tests.span == at(3, 1, 21)
    assert tests.numbers[0].span == at(3, 15, 20)
    assert tests.text[tests.numbers[0].start:tests.numbers[0].end] == "2,200"
    assert coverage.numbers[0].span == at(3, 34, 38)
    assert coverage.text[coverage.numbers[0].start:coverage.numbers[0].end] == "70 %"


def test_list_item_is_one_claim_and_marker_is_not_a_number() -> None:
    doc = Document("1. Ran 12 jobs. Then 3 more.\n2. Nothing here\n")
    got = extract(doc)
    assert [(c.kind, c.text) for c in got.claims] == [("item", "Ran 12 jobs. Then 3 more."),
                                                      ("item", "Nothing here")]
    assert [canonical(n.value) for n in got.claims[0].numbers] == ["12", "3"]
    assert got.claims[0].numbers[0].span == at(1, 8, 10)
    assert not got.claims[1].hard


def test_table_rows_are_claims_with_cell_spans() -> None:
    doc = Document("| Metric | Value |\n|---|---|\n| Tests | 2,200 |\n| Coverage | 70% |\n")
    got = extract(doc)
    assert [(c.kind, c.text) for c in got.claims] == [("row", "Tests | 2,200"),
                                                      ("row", "Coverage | 70%")]
    row = got.claims[0]
    assert row.span.start.line == 3
    (n,) = row.numbers
    assert n.span == at(3, 11, 16)
    assert row.text[n.start:n.end] == "2,200"


def test_code_urls_and_tags_are_not_read() -> None:
    doc = Document("Ran 5 jobs (`retry=3`) see https://x.com/7 (source: logs/ci.txt:42).\n")
    (claim,) = extract(doc).claims
    assert [canonical(n.value) for n in claim.numbers] == ["5"]


def test_milestones_versions_dates_are_not_hard() -> None:
    doc = Document("M33 shipped v1.2 on 2025-03-01, in March 2024.\n")
    (claim,) = extract(doc).claims
    assert not claim.hard
    assert [n.reason for n in claim.numbers] == ["year"]


def test_policy_from_settings() -> None:
    settings = EvidenceSettings(numbers=NumberPolicy(exclude=(r"M33 \w+ \d+",)))
    (claim,) = extract(Document("M33 took 14 days.\n"), settings).claims
    assert not claim.hard


# --------------------------------------------------------------------------- coverage


def test_inline_tag_covers_its_sentence_only() -> None:
    doc = Document("Tests: 2200 (source: logs/ci.txt). Latency 999 ms.\n")
    first, second = extract(doc).claims
    assert [c.kind for c in first.covers] == ["inline"]
    assert [c.path for c in first.citations] == ["logs/ci.txt"]
    assert second.hard
    assert not second.covered


def test_tag_after_the_full_stop_belongs_to_the_sentence_before() -> None:
    doc = Document("Tests: 2200. (source: logs/ci.txt) Latency 999 ms.\n")
    first, second = extract(doc).claims
    assert first.text == "Tests: 2200. (source: logs/ci.txt)"
    assert [c.path for c in first.citations] == ["logs/ci.txt"]
    assert second.text == "Latency 999 ms."
    assert not second.covered


def test_tag_only_sentence_at_the_end() -> None:
    doc = Document("Tests: 2200. (source: logs/ci.txt).\n")
    (claim,) = extract(doc).claims
    assert claim.covered


def test_source_column_covers_its_row() -> None:
    doc = Document("| Metric | Value | Source |\n|---|---|---|\n"
                   "| Tests | 2200 | `logs/ci.txt`:1 |\n| Frontend | 151 | n/a |\n")
    covered, bare = extract(doc).claims
    assert [c.kind for c in covered.covers] == ["column"]
    (cite,) = covered.citations
    assert (cite.path, cite.lines) == ("logs/ci.txt", (1, 1))
    assert cite.span == at(3, 19, 30)
    assert bare.hard
    assert not bare.covered


def test_numbers_in_the_source_column_are_not_read() -> None:
    doc = Document("| Metric | Source |\n|---|---|\n| Tests | a.md:42 §M15 2024 |\n")
    (row,) = extract(doc).claims
    assert row.numbers == ()


def test_tag_in_any_cell_covers_the_row() -> None:
    doc = Document("| Metric | Value |\n|---|---|\n| Tests (source: logs/ci.txt) | 2200 |\n")
    (row,) = extract(doc).claims
    assert [c.kind for c in row.covers] == ["inline"]


def test_standalone_tag_covers_back_to_previous_heading() -> None:
    doc = Document(
        "## A\n\nBefore 1 heading.\n\n## B\n\n"
        "Tests 2200.\n\n- 12 routers\n\n| k | v |\n|---|---|\n| x | 3 |\n\n"
        "(source: tunix-rt.md §Testing)\n\nAfter 5 tag.\n")
    got = extract(doc)
    by_text = {c.text: c for c in got.claims}
    assert not by_text["Before 1 heading."].covered
    for text in ("Tests 2200.", "12 routers", "x | 3"):
        assert [c.kind for c in by_text[text].covers] == ["standalone"], text
        assert by_text[text].citations[0].sections == ("Testing",)
    assert not by_text["After 5 tag."].covered


def test_standalone_tag_scope_stops_at_previous_standalone_tag() -> None:
    doc = Document("One 1.\n\n(source: a.md)\n\nTwo 2.\n\n(source: b.md)\n")
    one, two = extract(doc).claims
    assert [c.path for c in one.citations] == ["a.md"]
    assert [c.path for c in two.citations] == ["b.md"]


def test_source_label_paragraph_is_standalone() -> None:
    doc = Document("Tests 2200.\n\nSource: `logs/ci.txt`.\n")
    (claim,) = extract(doc).claims
    assert [c.kind for c in claim.covers] == ["standalone"]
    assert claim.citations[0].path == "logs/ci.txt"


def test_own_tag_is_preferred_over_standalone() -> None:
    doc = Document("Tests 2200 (source: logs/ci.txt).\n\n(source: tunix-rt.md)\n")
    (claim,) = extract(doc).claims
    assert [c.kind for c in claim.covers] == ["inline", "standalone"]
    assert [c.path for c in claim.citations] == ["logs/ci.txt"]


def test_heading_tags_are_collected_but_cover_nothing() -> None:
    doc = Document("## Results (source: a.md)\n\nTests 2200.\n")
    got = extract(doc)
    assert [t.citations[0].path for t in got.tags] == ["a.md"]
    assert not got.claims[0].covered


def test_external_citation_covers() -> None:
    doc = Document("Judged on 4 criteria (source: competition criteria referenced externally).\n")
    (claim,) = extract(doc).claims
    assert claim.covered
    assert claim.citations[0].external


def test_problems_are_collected_with_spans() -> None:
    doc = Document("A 1 (source: ).\n\n| k | Source |\n|---|---|\n| 2 | a.md \\| b.md |\n\n"
                   "B 3 (source a.md)\n")
    got = extract(doc)
    # an escaped pipe in a Source cell is a connector, like "and" or "+"
    assert [(p.code, p.span.start.line) for p in got.problems] == [
        ("empty", 1), ("missing-colon", 7)]


# --------------------------------------------------------------------------- the fixture report


def test_fixture_report_end_to_end() -> None:
    doc = Document(FIXTURE_REPORT.read_text(), "reports/summary.md")
    got = extract(doc)
    hard = got.hard
    assert len(hard) == 13
    unsourced = [(c.kind, c.span.start.line) for c in got.unsourced]
    assert unsourced == [("row", 18), ("sentence", 23)]
    latency = got.unsourced[1]
    assert latency.hard_numbers[0].span == at(23, 17, 23)
    # the list items are covered by the standalone tag that follows the list
    loss = next(c for c in hard if c.text.startswith("Loss"))
    assert [c.kind for c in loss.covers] == ["standalone"]
    assert loss.citations[0].sections == ("M27",)
    assert [n.role for n in loss.numbers] == ["before", "after", ""]
    # every citation of the report, in order
    assert [c.path for c in got.citations] == [
        "tunix-rt.md", "submission_runs/m33_v1/eval_summary.json", "tunix-rt.md",
        "configs/train.yaml", "docs/M31_audit.md", "logs/ci.txt", "local.md", "",
        "tunix-rt.md", "tunix-rt.md"]
    assert got.problems == ()


def test_the_facade_shares_one_extraction_per_document(tmp_path: Path) -> None:
    doc = Document("Tests 2200.\n")
    ctx = Context(tmp_path, "r.md")
    first = ctx.evidence.claims(doc)
    assert ctx.evidence.claims(doc) is first
    other = Context(tmp_path, "r.md", evidence_config={"source-columns": ["ref"]})
    assert other.evidence.claims(doc) is not first
    assert other.evidence.claims(doc) == first


def test_no_sentence_break_inside_a_tag_after_its_code_span() -> None:
    doc = Document("Tests 12 (source: `a.md` §3. Results). Next 4.\n")
    first, second = extract(doc).claims
    assert first.text == "Tests 12 (source: a.md §3. Results)."
    assert first.citations[0].sections == ("3. Results",)
    assert second.text == "Next 4."
