"""Source tags: every accepted form, every problem, exact spans."""

from __future__ import annotations

import pytest
from ev_helpers import at, prose

from reportlint.document import Document, Table
from reportlint.evidence.settings import EvidenceSettings
from reportlint.evidence.tags import Citation, citation_list, scan_tags, source_column, source_line


def one(text: str) -> Citation:
    scan = scan_tags(prose(text))
    assert len(scan.tags) == 1, scan
    assert len(scan.tags[0].citations) == 1, scan.tags[0]
    return scan.tags[0].citations[0]


def test_prompt_form_with_section_and_exact_spans() -> None:
    text = "Tests pass (source: tunix-rt.md §Training Pipeline)."
    scan = scan_tags(prose(text))
    tag = scan.tags[0]
    assert tag.span == at(1, 12, 52)
    assert text[tag.text_range[0]:tag.text_range[1]] == "(source: tunix-rt.md §Training Pipeline)"
    c = tag.citations[0]
    assert (c.path, c.sections, c.lines, c.external) == ("tunix-rt.md", ("Training Pipeline",),
                                                         None, False)
    assert c.span == at(1, 21, 32)
    assert c.section_spans == (at(1, 34, 51),)
    assert scan.problems == ()


@pytest.mark.parametrize("opener", ["source", "Source", "SOURCE", "sources", "Sources"])
def test_keyword_any_case_singular_or_plural(opener: str) -> None:
    assert one(f"x ({opener}: M31_audit.md)").path == "M31_audit.md"


def test_section_continuation_without_section_mark() -> None:
    c = one("Split (source: tunix-rt.md §M15, M16) done")
    assert c.path == "tunix-rt.md"
    assert c.sections == ("M15", "M16")
    assert c.section_spans == (at(1, 29, 32), at(1, 34, 37))


def test_section_continuation_with_section_mark() -> None:
    c = one("x (source: a.md §M15, §M16)")
    assert c.sections == ("M15", "M16")
    assert c.section_spans == (at(1, 18, 21), at(1, 24, 27))


def test_section_continuation_keeps_multiword_labels() -> None:
    c = one("x (source: a.md §M15, Training Pipeline)")
    assert c.sections == ("M15", "Training Pipeline")


def test_several_citations_semicolon_and_comma() -> None:
    tag = scan_tags(prose("x (sources: M31_audit.md; M31_summary.md, docs/tuning.md §Ray)")).tags[0]
    assert [c.path for c in tag.citations] == ["M31_audit.md", "M31_summary.md", "docs/tuning.md"]
    assert [c.span for c in tag.citations] == [at(1, 13, 25), at(1, 27, 41), at(1, 43, 57)]
    assert tag.citations[2].sections == ("Ray",)


def test_qualifier_after_section_is_not_a_section() -> None:
    c = one("x (source: tunix-rt.md §Training, adapted)")
    assert c.sections == ("Training",)
    assert c.qualifier == "adapted"
    assert not c.external


def test_qualifier_without_section() -> None:
    c = one("x (source: M31_audit.md, adapted)")
    assert (c.path, c.sections, c.qualifier) == ("M31_audit.md", (), "adapted")


def test_leading_words_are_a_qualifier() -> None:
    c = one("x (source: adapted from docs/x.md §Results (rounded))")
    assert (c.path, c.sections) == ("docs/x.md", ("Results",))
    assert c.qualifier == "adapted from; rounded"


def test_external_reference_without_path() -> None:
    text = "Judged by humans (source: competition criteria referenced externally via Kaggle)."
    c = one(text)
    assert c.external
    assert c.path == ""
    assert c.qualifier == "competition criteria referenced externally via Kaggle"
    assert c.span == at(1, 27, 80)


def test_external_qualifier_marks_citation_external() -> None:
    c = one("x (source: rules.md §Scoring, external)")
    assert (c.path, c.sections, c.external) == ("rules.md", ("Scoring",), True)


def test_web_address_is_external() -> None:
    c = one("x (source: https://www.kaggle.com/competitions/x)")
    assert c.external
    assert c.path == "https://www.kaggle.com/competitions/x"


def test_path_in_backticks_keeps_exact_span() -> None:
    text = "Coverage (source: `submission_runs/m33_v1/eval_summary.json` §metrics)"
    c = one(text)
    assert c.path == "submission_runs/m33_v1/eval_summary.json"
    # the span is the path inside the backticks: column 20 is the first character after `
    assert c.span == at(1, 20, 60)
    assert c.sections == ("metrics",)


def test_path_with_space_in_backticks() -> None:
    c = one("x (source: `docs/My Notes.md` §Intro)")
    assert c.path == "docs/My Notes.md"
    assert c.sections == ("Intro",)


@pytest.mark.parametrize(("text", "path", "lines"), [
    ("x (source: app.py:42)", "app.py", (42, 42)),
    ("x (source: app.py:10-20)", "app.py", (10, 20)),
    ("x (source: app.py:10–20)", "app.py", (10, 20)),
    ("x (source: docs/a.md lines 183-205)", "docs/a.md", (183, 205)),
    ("x (source: docs/a.md line 7)", "docs/a.md", (7, 7)),
    ("x (source: docs/a.md#L3-L9)", "docs/a.md", (3, 9)),
    ("x (source: docs/a.md#L3)", "docs/a.md", (3, 3)),
    ("x (source: README lines 5-10)", "README", (5, 10)),
])
def test_line_anchors(text: str, path: str, lines: tuple[int, int]) -> None:
    c = one(text)
    assert (c.path, c.lines, c.sections) == (path, lines, ())


def test_line_anchor_after_section() -> None:
    c = one("x (source: a.md §Results lines 10-12)")
    assert (c.sections, c.lines) == (("Results",), (10, 12))


def test_path_line_suffix_span_excludes_the_suffix() -> None:
    c = one("x (source: app.py:42)")
    assert c.span == at(1, 12, 18)


def test_numbered_section_and_directory() -> None:
    assert one("x (source: docs/audit.md §9)").sections == ("9",)
    d = one("x (source: docs/)")
    assert d.path == "docs/"
    assert d.is_directory


def test_github_anchor_is_a_section() -> None:
    c = one("x (source: tunix-rt.md#training-pipeline)")
    assert (c.path, c.sections) == ("tunix-rt.md", ("training-pipeline",))
    assert c.section_spans == (at(1, 24, 41),)


def test_tag_in_table_cell() -> None:
    doc = Document("| a | b |\n|---|---|\n| 12 tests | ok (source: logs/ci.txt) |\n")
    table = doc.tables[0]
    cell = table.rows[0].cells[1]
    c = scan_tags(cell.prose).tags[0].citations[0]
    assert c.path == "logs/ci.txt"
    assert c.span == at(3, 26, 37)


# --------------------------------------------------------------------------- problems


def test_empty_tag() -> None:
    scan = scan_tags(prose("x (source: ) y"))
    assert scan.tags[0].citations == ()
    assert [(p.code, p.span) for p in scan.problems] == [("empty", at(1, 3, 13))]


def test_unbalanced_tag_to_end_of_block() -> None:
    scan = scan_tags(prose("Tests 12 (source: a.md §X\nand more"))
    assert scan.tags == ()
    (p,) = scan.problems
    assert p.code == "unbalanced"
    assert p.span.start == at(1, 10, 10).start
    assert p.span.end.line == 2


def test_missing_colon() -> None:
    scan = scan_tags(prose("x (source a.md) y"))
    assert scan.tags == ()
    assert [(p.code, p.span) for p in scan.problems] == [("missing-colon", at(1, 3, 16))]


def test_missing_colon_with_dash() -> None:
    assert [p.code for p in scan_tags(prose("x (source — a.md §X)")).problems] == ["missing-colon"]


def test_prose_parenthesis_is_not_a_tag() -> None:
    scan = scan_tags(prose("The (source code is in the repo) and (sources differ)."))
    assert scan.tags == ()
    assert scan.problems == ()


def test_section_without_path_names_a_document() -> None:
    scan = scan_tags(prose("x (source: §M15)"))
    (c,) = scan.tags[0].citations
    assert (c.kind, c.path, c.sections) == ("bare", "", ("M15",))
    assert scan.problems == ()


@pytest.mark.parametrize("body", ["a.md | b.md", "a.md and b.md", "a.md + b.md", "a.md & b.md",
                                  "a.md per b.md", "a.md vs b.md", "a.md, confirmed in b.md"])
def test_connectors_are_words_not_errors(body: str) -> None:
    scan = scan_tags(prose(f"x (source: {body})"))
    assert [c.path for c in scan.tags[0].citations] == ["a.md", "b.md"]
    assert scan.problems == ()


def test_reversed_line_range() -> None:
    scan = scan_tags(prose("x (source: a.md:20-10)"))
    assert scan.tags[0].citations[0].lines == (10, 20)
    assert [p.code for p in scan.problems] == ["lines"]


def test_tag_inside_code_span_is_an_example() -> None:
    scan = scan_tags(prose("Write `(source: a.md)` after a claim, or `(source a.md`."))
    assert scan.tags == ()
    assert scan.problems == ()


def test_tag_problems_inside_tags_are_also_on_the_tag() -> None:
    scan = scan_tags(prose("x (source: a.md:20-10) y (source: )"))
    assert [p.code for p in scan.tags[0].problems] == ["lines"]
    assert [p.code for p in scan.tags[1].problems] == ["empty"]
    assert [p.code for p in scan.problems] == ["lines", "empty"]


def test_several_tags_in_one_paragraph() -> None:
    scan = scan_tags(prose("A 1 (source: a.md). B 2 (source: b.md §X)."))
    assert [t.span for t in scan.tags] == [at(1, 5, 19), at(1, 25, 42)]


# --------------------------------------------------------------------------- configuration


def test_custom_pattern() -> None:
    settings = EvidenceSettings(tag_pattern=r"\[src:(?P<body>[^\]]*)\]", tag_opener="")
    scan = scan_tags(prose("x [src: a.md §X; b.md] y (source: c.md)"), settings)
    assert [[c.path for c in t.citations] for t in scan.tags] == [["a.md", "b.md"]]


def test_custom_pattern_needs_body_group() -> None:
    with pytest.raises(ValueError, match="named group 'body'"):
        EvidenceSettings(tag_pattern=r"\[src:[^\]]*\]")


def test_invalid_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="tag pattern: invalid regular expression"):
        EvidenceSettings(tag_pattern=r"(?P<body>")


# --------------------------------------------------------------------------- other forms


@pytest.mark.parametrize(("header", "index"), [
    ("| Metric | Source |", 1),
    ("| Sources | Metric |", 0),
    ("| Metric | evidence |", 1),
    ("| Metric | Source(s) |", 1),
    ("| Metric | Sourced by |", None),
    ("| Metric | Value |", None),
])
def test_source_column_detection(header: str, index: int | None) -> None:
    doc = Document(f"{header}\n|---|---|\n| a | b |\n")
    assert source_column(doc.tables[0]) == index


def test_source_column_custom_names() -> None:
    doc = Document("| Metric | Ref |\n|---|---|\n| a | b |\n")
    table = doc.tables[0]
    assert isinstance(table, Table)
    assert source_column(table, ("ref",)) == 1


def test_cell_citation_list() -> None:
    doc = Document("| Metric | Source |\n|---|---|\n| a | `a.md` §X; logs/ci.txt:3 |\n")
    tag = citation_list(doc.tables[0].rows[0].cells[1].prose)
    assert tag is not None
    assert tag.form == "cell"
    assert [(c.path, c.sections, c.lines) for c in tag.citations] == [
        ("a.md", ("X",), None), ("logs/ci.txt", (), (3, 3))]
    assert tag.citations[0].span == at(3, 8, 12)


@pytest.mark.parametrize("cell", ["", "-", "—", "n/a", "N/A", "TBD"])
def test_placeholder_cells_cite_nothing(cell: str) -> None:
    doc = Document(f"| Metric | Source |\n|---|---|\n| a | {cell} |\n")
    assert citation_list(doc.tables[0].rows[0].cells[1].prose) is None


def test_source_line_paragraph() -> None:
    tag = source_line(prose("Source: `M31_audit.md` §Scorecard."))
    assert tag is not None
    assert tag.form == "line"
    c = tag.citations[0]
    assert (c.path, c.sections) == ("M31_audit.md", ("Scorecard",))
    assert c.span == at(1, 10, 22)


def test_source_line_needs_a_path() -> None:
    assert source_line(prose("Sources: the team's own notes")) is None
    assert source_line(prose("The source: a.md")) is None


def test_line_suffix_after_backticks() -> None:
    c = one("x (source: `app.py`:42-50)")
    assert (c.path, c.lines) == ("app.py", (42, 50))
    assert c.span == at(1, 13, 19)
    assert c.qualifier == ""
