"""SourceIndex: sections (headings, labels, keys) and numbers of cited files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ev_helpers import at

from reportlint.evidence.anchors import AnchorTable, anchor_key, matches
from reportlint.evidence.numbers import scan
from reportlint.evidence.sources import SourceIndex, SourceSection, kind_of

FIXTURE = Path(__file__).parent / "fixtures" / "repo"


def load(rel: str) -> SourceIndex:
    return SourceIndex.build(rel, (FIXTURE / rel).read_bytes(), 5 * 1024 * 1024)


@pytest.fixture(scope="module")
def tunix() -> SourceIndex:
    return load("tunix-rt.md")


@pytest.fixture(scope="module")
def audit_md() -> SourceIndex:
    return load("docs/M31_audit.md")


def names(hits: list[SourceSection]) -> list[str]:
    return [h.name for h in hits]


# --------------------------------------------------------------------------- Markdown outline


def test_atx_sections_with_line_spans(tunix: SourceIndex) -> None:
    assert tunix.kind == "markdown"
    assert [(s.name, s.level, s.lines) for s in tunix.sections] == [
        ("Tunix RT", 1, (1, 33)),
        ("M15: Router split", 2, (5, 8)),
        ("M16: Async runs", 2, (9, 12)),
        ("Training Pipeline (JAX/Flax)", 2, (13, 29)),
        ("Load Testing Results", 3, (26, 29)),
        ("Testing", 2, (30, 33)),
    ]
    assert tunix.sections[1].span == at(5, 4, 21, "tunix-rt.md")


def test_fenced_code_hides_headings(tunix: SourceIndex) -> None:
    assert tunix.find_section("Not A Heading") == []
    assert tunix.find_section("Also Not A Heading") == []
    # numbers in code blocks are still evidence
    assert [loc.line for loc in tunix.find_number(Decimal(9137))] == [19]


def test_setext_and_bold_label_sections(audit_md: SourceIndex) -> None:
    assert [(s.name, s.kind, s.level, s.lines) for s in audit_md.sections] == [
        ("M31 Audit", "heading", 1, (4, 18)),
        ("Scorecard", "heading", 2, (7, 14)),
        ("M27: Training", "label", 7, (10, 12)),
        ("M28", "label", 7, (13, 14)),
        ("Security", "heading", 2, (15, 18)),
    ]
    assert audit_md.sections[2].span == at(10, 3, 16, "docs/M31_audit.md")
    assert audit_md.sections[3].span == at(13, 5, 8, "docs/M31_audit.md")


def test_front_matter_is_not_a_heading(audit_md: SourceIndex) -> None:
    assert audit_md.find_section("title: M31 audit") == []
    assert audit_md.sections[0].line == 4


def test_setext_needs_a_paragraph_and_ignores_lists_and_tables() -> None:
    idx = SourceIndex.from_text("x.md", "- item\n---\n\n| a |\n---\n\n---\nText\n===\n")
    assert [(s.name, s.level, s.line) for s in idx.sections] == [("Text", 1, 8)]


def test_multiline_setext_heading() -> None:
    idx = SourceIndex.from_text("x.md", "Long\nTitle\n-----\nbody\n")
    assert [(s.name, s.line, s.end_line) for s in idx.sections] == [("Long Title", 1, 4)]


def test_label_forms() -> None:
    text = ("**M27: Training**\nx\n- **M28** — eval\n* __Risks__: none\n"
            "> **Quoted** text\nplain **bold** later\n")
    idx = SourceIndex.from_text("c.md", text)
    assert [(s.name, s.line, s.end_line) for s in idx.sections] == [
        ("M27: Training", 1, 2), ("M28", 3, 3), ("Risks", 4, 4), ("Quoted", 5, 6)]


def test_tilde_fence_and_longer_closing_fence() -> None:
    text = "~~~~\n# no\n~~~\n# still no\n~~~~~\n# Yes\n````md\n## no\n````\n"
    idx = SourceIndex.from_text("f.md", text)
    assert names(list(idx.sections)) == ["Yes"]


# --------------------------------------------------------------------------- section anchors


@pytest.mark.parametrize(("anchor", "expected"), [
    ("Testing", ["Testing"]),
    ("testing", ["Testing"]),
    ("Testing:", ["Testing"]),
    ("Load Testing Results", ["Load Testing Results"]),
    ("Load Testing", []),
    ("Load", []),
    ("Results", []),
    ("M15", ["M15: Router split"]),
    ("M15: Router split", ["M15: Router split"]),
    ("Router split", ["M15: Router split"]),
    ("M15 — Router Split", ["M15: Router split"]),
    ("M16: Router split", []),
    ("M17", []),
    ("Training Pipeline", ["Training Pipeline (JAX/Flax)"]),
    ("training-pipeline", ["Training Pipeline (JAX/Flax)"]),
    ("Training Pipeline (Optax)", ["Training Pipeline (JAX/Flax)"]),
    ("Training", []),
    ("Pipeline", []),
])
def test_find_section_without_substring_matches(tunix: SourceIndex, anchor: str,
                                                expected: list[str]) -> None:
    assert names(tunix.find_section(anchor)) == expected


@pytest.mark.parametrize(("anchor", "expected"), [
    ("M27", ["M27: Training"]),
    ("Training", ["M27: Training"]),
    ("M28", ["M28"]),
    ("M28: Eval harness", ["M28"]),
    ("Scorecard", ["Scorecard"]),
    ("Security", ["Security"]),
    ("Audit", ["M31 Audit"]),
    ("M31", ["M31 Audit"]),
    ("Score", []),
    ("Card", []),
])
def test_find_section_labels_and_setext(audit_md: SourceIndex, anchor: str,
                                        expected: list[str]) -> None:
    assert names(audit_md.find_section(anchor)) == expected


@pytest.mark.parametrize(("anchor", "expected"), [
    ("training-pipeline-jaxflax", ["Training Pipeline (JAX/Flax)"]),
    ("cicd-pipeline", ["CI/CD Pipeline"]),
    ("CI/CD Pipeline", ["CI/CD Pipeline"]),
    ("whats-next", ["What's next"]),
    ("nodejs-setup", ["Node.js setup"]),
    ("3-architecture", ["3. Architecture"]),
    ("cicd", []),
    ("pipeline", []),
])
def test_github_slugs_of_headings_match(anchor: str, expected: list[str]) -> None:
    # the anchor of a link copied from GitHub drops punctuation and keeps parentheticals
    idx = SourceIndex.from_text("s.md", "## Training Pipeline (JAX/Flax)\n\n## CI/CD Pipeline\n\n"
                                        "## What's next\n\n## Node.js setup\n\n"
                                        "## 3. Architecture\n")
    assert names(idx.find_section(anchor)) == expected


def test_numbered_headings() -> None:
    idx = SourceIndex.from_text("n.md", "## 3. Results\n\n## 9 Risks (open)\n\n## IV. Plan\n")
    assert names(idx.find_section("3")) == ["3. Results"]
    assert names(idx.find_section("Results")) == ["3. Results"]
    assert names(idx.find_section("9")) == ["9 Risks (open)"]
    assert names(idx.find_section("Risks")) == ["9 Risks (open)"]
    assert names(idx.find_section("4. Results")) == []
    assert names(idx.find_section("iv")) == ["IV. Plan"]
    assert names(idx.find_section("IV. Plan")) == ["IV. Plan"]
    assert names(idx.find_section("V")) == []


def test_same_title_under_two_labels_matches_both() -> None:
    idx = SourceIndex.from_text("t.md", "## M27: Training\n\n## M28: Training\n")
    assert names(idx.find_section("Training")) == ["M27: Training", "M28: Training"]
    assert names(idx.find_section("M28: Training")) == ["M28: Training"]


def test_anchor_keys_and_rule() -> None:
    assert anchor_key("## M27: Training (JAX)") == anchor_key("m27 — training")
    assert anchor_key("`eval_summary`") == anchor_key("eval summary")
    assert matches(anchor_key("M15"), anchor_key("M15: Router split"))
    assert not matches(anchor_key("Testing"), anchor_key("Load Testing Results"))
    assert not matches(anchor_key("M15"), anchor_key("M150: Other"))


def test_anchor_table_returns_each_item_once_in_order() -> None:
    table: AnchorTable[str] = AnchorTable()
    table.add("M1", "label only")
    table.add("M1: Alpha", "full")
    table.add("Alpha", "title only")
    table.add("M2: Alpha", "other label")
    # full match, label match (one side has no title); a title with another label does not
    assert table.find("M1: Alpha") == ["label only", "full"]
    assert table.find("Alpha") == ["full", "title only", "other label"]
    assert table.find("M1") == ["label only", "full"]


# --------------------------------------------------------------------------- numbers


def test_find_number_whole_file_and_within_lines(tunix: SourceIndex) -> None:
    locs = tunix.find_number(Decimal(2200))
    assert [(loc.span, loc.text) for loc in locs] == [
        (at(3, 50, 54, "tunix-rt.md"), "2200"), (at(32, 16, 20, "tunix-rt.md"), "2200")]
    testing = tunix.find_section("Testing")[0]
    assert [loc.line for loc in tunix.find_number(Decimal(2200), testing.lines)] == [32]
    assert tunix.find_number(Decimal(2200), (5, 12)) == []


def test_find_number_with_tokens_written_differently(tunix: SourceIndex) -> None:
    (two_k,) = scan("2,200")
    assert [loc.line for loc in tunix.find_number(two_k)] == [3, 32]
    (pct,) = scan("70%")
    assert [loc.text for loc in tunix.find_number(pct)] == ["70 %"]
    (lr,) = scan("1.0e-5")
    assert [loc.text for loc in tunix.find_number(lr)] == ["0.00001"]
    assert [loc.text for loc in tunix.find_number("1,200")] == ["1,200"]
    assert tunix.find_number(Decimal("0.001")) == []


def test_numbers_in_urls_are_not_evidence(tunix: SourceIndex) -> None:
    assert tunix.find_number(4242) == []


def test_section_at(tunix: SourceIndex, audit_md: SourceIndex) -> None:
    sec = tunix.section_at(28)
    assert sec is not None and sec.name == "Load Testing Results"
    sec = audit_md.section_at(11)
    assert sec is not None and sec.name == "M27: Training"
    assert audit_md.section_at(2) is None


# --------------------------------------------------------------------------- JSON and YAML


def test_json_keys_are_sections() -> None:
    idx = load("submission_runs/m33_v1/eval_summary.json")
    assert idx.kind == "json"
    assert idx.error == ""
    assert [(s.name, s.lines) for s in idx.sections] == [
        ("model", (2, 2)), ("metrics", (3, 7)), ("metrics.accuracy", (4, 4)),
        ("metrics.loss", (5, 5)), ("metrics.coverage_pct", (6, 6)), ("runs", (8, 10)),
        ("runs[0].steps", (9, 9)), ("runs[0].lr", (9, 9))]
    assert names(idx.find_section("metrics.loss")) == ["metrics.loss"]
    assert names(idx.find_section("loss")) == ["metrics.loss"]
    assert names(idx.find_section("coverage pct")) == ["metrics.coverage_pct"]
    assert names(idx.find_section("metric")) == []


def test_json_values_with_key_paths_and_positions() -> None:
    idx = load("submission_runs/m33_v1/eval_summary.json")
    path = "submission_runs/m33_v1/eval_summary.json"
    (loss,) = idx.find_number(Decimal("0.08"))
    assert (loss.key, loss.span) == ("metrics.loss", at(5, 13, 17, path))
    (lr,) = idx.find_number(scan("0.00001")[0])
    assert (lr.key, lr.text, lr.span) == ("runs[0].lr", "1e-5", at(9, 26, 30, path))
    (pct,) = idx.find_number(scan("70 %")[0])
    assert (pct.key, pct.text, pct.span) == ("metrics.coverage_pct", "70%", at(6, 22, 25, path))
    # the 2 of gemma-2b is a name, not a value
    assert idx.find_number(2) == []


def test_yaml_keys_and_values() -> None:
    idx = load("configs/train.yaml")
    path = "configs/train.yaml"
    assert idx.kind == "yaml"
    assert [(s.name, s.lines) for s in idx.sections][:4] == [
        ("training", (1, 4)), ("training.epochs", (2, 2)), ("training.batch_size", (3, 3)),
        ("training.learning_rate", (4, 4))]
    (lr,) = idx.find_number(scan("0.00001")[0])
    assert (lr.key, lr.text, lr.span) == ("training.learning_rate", "1.0e-5", at(4, 18, 24, path))
    (tests,) = idx.find_number(2200)
    assert (tests.key, tests.span) == ("notes", at(8, 7, 12, path))
    assert names(idx.find_section("learning_rate")) == ["training.learning_rate"]
    # a comment is not a value
    assert idx.find_number(5) == []


def test_yaml_aliases_are_walked_once() -> None:
    text = "base: &b {x: 1, y: [2, 3]}\nother: *b\nthird: *b\n"
    idx = SourceIndex.from_text("a.yaml", text)
    assert [loc.line for loc in idx.find_number(2)] == [1]
    assert names(idx.find_section("other")) == ["other"]


def test_invalid_json_is_indexed_as_text() -> None:
    idx = SourceIndex.from_text("bad.json", '{"tests": 2200,,}\n')
    assert idx.error
    assert idx.sections == ()
    assert [loc.span for loc in idx.find_number(2200)] == [at(1, 11, 15, "bad.json")]


def test_invalid_yaml_is_indexed_as_text() -> None:
    idx = SourceIndex.from_text("bad.yml", "a: [1, 2\nb: 300\n")
    assert idx.error
    assert [loc.line for loc in idx.find_number(300)] == [2]


def test_text_file_numbers_with_lines() -> None:
    idx = load("logs/ci.txt")
    assert idx.kind == "text"
    assert idx.sections == ()
    assert [(loc.text, loc.span) for loc in idx.find_number(150)] == [
        ("150", at(2, 24, 27, "logs/ci.txt"))]
    assert idx.line_count == 3


# --------------------------------------------------------------------------- skipped files


def test_too_large_is_skipped() -> None:
    idx = SourceIndex.build("big.md", b"x" * 101, max_bytes=100)
    assert idx.skipped == "larger than 100 bytes"
    assert idx.find_number(1) == []


def test_not_utf8_is_skipped() -> None:
    assert SourceIndex.build("l1.txt", "café 12".encode("latin-1")).skipped == \
        "it is not UTF-8 text (invalid byte at offset 3)"


def test_binary_is_skipped() -> None:
    assert SourceIndex.build("img.png", b"\x89PNG\x00\x01").skipped == "it is a binary file"


def test_bom_and_crlf_are_normalised() -> None:
    idx = SourceIndex.build("w.md", "\ufeff# Title\r\n\r\n12 runs\r\n".encode())
    assert [(s.name, s.span) for s in idx.sections] == [("Title", at(1, 3, 8, "w.md"))]
    assert [loc.span for loc in idx.find_number(12)] == [at(3, 1, 3, "w.md")]


@pytest.mark.parametrize(("path", "kind"), [("a.MD", "markdown"), ("x.markdown", "markdown"),
                                            ("a.json", "json"), ("a.yml", "yaml"),
                                            ("a.yaml", "yaml"), ("a.csv", "text")])
def test_kind_of(path: str, kind: str) -> None:
    assert kind_of(path) == kind
