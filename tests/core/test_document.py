"""The document model: blocks, sections, spans, and the awkward inputs."""

from __future__ import annotations

import dataclasses

import pytest

from reportlint.document import (
    BlockQuote,
    CodeBlock,
    Document,
    HtmlComment,
    Paragraph,
    Table,
)
from reportlint.span import Position, Span
from reportlint.words import WordCounter

SAMPLE = """\
# Title

Intro with `code 12` and [a link](https://example.com/42) and 2,200 words.

Setext heading
--------------

- item one
  - nested two
- item three

| Name | Value |
|------|-------|
| a    | 70%   |

```mermaid
flowchart LR
```

    indented code

> quoted text
> more

<!-- a comment -->

### Deep
"""


def test_blocks_in_order_with_spans():
    doc = Document(SAMPLE)
    kinds = [(type(b).__name__, b.span.start.line, b.span.start.column) for b in doc.blocks]
    assert kinds == [
        ("Heading", 1, 1), ("Paragraph", 3, 1), ("Heading", 5, 1), ("ListItem", 8, 1),
        ("ListItem", 9, 3), ("ListItem", 10, 1), ("Table", 12, 1), ("CodeBlock", 16, 1),
        ("CodeBlock", 20, 1), ("BlockQuote", 22, 1), ("Paragraph", 22, 3),
        ("HtmlComment", 25, 1), ("Heading", 27, 1),
    ]


def test_headings_merge_atx_and_setext():
    doc = Document(SAMPLE)
    assert [(h.level, h.text, h.style) for h in doc.headings] == [
        (1, "Title", "atx"), (2, "Setext heading", "setext"), (3, "Deep", "atx")]
    setext = doc.headings[1]
    assert setext.span == Span(Position(5, 1), Position(6, 15))


def test_sections_tree_and_line_ranges():
    doc = Document(SAMPLE)
    titles = [(s.title, s.level, s.parent, s.start_line, s.end_line) for s in doc.sections]
    assert titles == [("", 0, None, 1, 27), ("Title", 1, 0, 1, 27),
                      ("Setext heading", 2, 1, 5, 27), ("Deep", 3, 2, 27, 27)]
    assert doc.sections[1].children == (2,)
    assert [type(b).__name__ for b in doc.sections[1].blocks] == ["Paragraph"]


def test_sections_are_reached_through_the_document_accessors():
    doc = Document(SAMPLE + "\n## Second\n\ntext\n")
    root, title, setext, deep, second = doc.sections
    assert doc.parent_of(root) is None
    assert doc.parent_of(deep) is setext and doc.parent_of(setext) is title
    assert doc.children_of(title) == (setext, second)
    assert doc.children_of(deep) == ()
    assert list(doc.subsections(title)) == [setext, deep, second]
    assert list(doc.subsections(setext)) == list(doc.subsections(2)) == [deep]
    para = doc.paragraphs[0]
    assert doc.section_of(para) is title
    assert doc.section_of(doc.headings[2]) is deep  # a heading belongs to what it opens
    table = doc.tables[0]
    assert doc.section_of(table) is setext
    assert list(doc.section_blocks(setext, deep=False)) == list(setext.blocks)


def test_the_model_is_immutable():
    doc = Document(SAMPLE)
    assert isinstance(doc.blocks, tuple) and isinstance(doc.headings, tuple)
    assert isinstance(doc.sections, tuple)
    section = doc.sections[1]
    assert isinstance(section.blocks, tuple) and isinstance(section.children, tuple)
    for obj, attr in ((section, "end_line"), (doc.headings[0], "text"),
                      (doc.paragraphs[0], "section")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, attr, 0)


def test_list_items_have_nesting_level_and_own_text():
    doc = Document(SAMPLE)
    items = doc.list_items
    assert [(i.level, i.prose.text) for i in items] == [
        (1, "item one"), (2, "nested two"), (1, "item three")]
    assert items[0].span == Span(Position(8, 1), Position(8, 11))


def test_table_header_rows_and_cells():
    (table,) = doc_tables = Document(SAMPLE).tables
    assert isinstance(table, Table) and len(doc_tables) == 1
    assert table.columns == ("Name", "Value")
    cell = table.rows[0].cells[1]
    assert cell.text == "70%"
    assert cell.span.start == Position(14, 10)


def test_code_blocks_fenced_and_indented():
    doc = Document(SAMPLE)
    fenced, indented = doc.code_blocks
    assert isinstance(fenced, CodeBlock)
    assert (fenced.lang, fenced.info, fenced.fenced, fenced.content_line) == (
        "mermaid", "mermaid", True, 17)
    assert fenced.content == "flowchart LR\n"
    assert fenced.opening == Span(Position(16, 1), Position(16, 11))
    assert (indented.fenced, indented.content) == (False, "indented code\n")


def test_quote_and_comment():
    doc = Document(SAMPLE)
    quote = next(b for b in doc.blocks if isinstance(b, BlockQuote))
    assert quote.depth == 1
    para = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.quote_depth == 1)
    assert para.prose.text == "quoted text\nmore"
    comment = next(b for b in doc.blocks if isinstance(b, HtmlComment))
    assert comment.text == "a comment" and not comment.inline


def test_prose_maps_each_character_to_its_source_column():
    doc = Document(SAMPLE)
    prose = doc.paragraphs[0].prose
    i = prose.text.index("2,200")
    assert prose.span(i, i + 5) == Span(Position(3, 63), Position(3, 68))
    j = prose.text.index("code 12")
    assert prose.span(j, j + 7) == Span(Position(3, 13), Position(3, 20))
    masked = prose.masked()
    assert "code 12" not in masked and len(masked) == len(prose.text)


def test_crlf_bom_and_tabs_keep_columns():
    text = "\ufeff# Title\r\n\r\nA\tline with 42 here.\r\n"
    doc = Document(text)
    assert doc.headings[0].span.start == Position(1, 1)
    prose = doc.paragraphs[0].prose
    i = prose.text.index("42")
    # the tab counts as one column: A=1, tab=2, 'line'=3..6
    assert prose.span(i, i + 2) == Span(Position(3, 13), Position(3, 15))


def test_lone_cr_and_form_feed_are_line_breaks():
    doc = Document("# A\r\rtext\f# B\n")
    assert [(h.text, h.span.start.line) for h in doc.headings] == [("A", 1), ("B", 4)]


def test_tilde_fence_hides_heading():
    doc = Document("# Real\n\n~~~\n# not a heading\n~~~\n\n```\n## nor this\n```\n")
    assert [h.text for h in doc.headings] == ["Real"]
    assert len(doc.code_blocks) == 2


def test_front_matter_is_blanked_and_parsed():
    doc = Document("---\ntitle: Report\n---\n# Heading\n\nBody.\n")
    assert doc.front_matter is not None and doc.front_matter.data == {"title": "Report"}
    assert [(h.text, h.span.start.line) for h in doc.headings] == [("Heading", 4)]


def test_front_matter_error_is_recorded_not_raised():
    doc = Document("---\ntitle: [unclosed\n---\n# H\n")
    assert doc.front_matter is not None and doc.front_matter.error


def test_heading_inside_list_or_quote_is_not_a_section():
    doc = Document("# T\n\n> ## quoted\n\n- ## listed\n")
    assert [h.text for h in doc.headings] == ["T"]


def test_inline_comment_is_collected():
    doc = Document("Text <!-- reportlint-disable-line RL210 --> more.\n")
    (comment,) = doc.html_comments
    assert comment.inline and comment.text == "reportlint-disable-line RL210"
    assert comment.span == Span(Position(1, 6), Position(1, 44))


def test_empty_document():
    doc = Document("")
    assert doc.blocks == () and len(doc.sections) == 1
    assert WordCounter().document(doc).prose == 0


def test_word_count_definition():
    text = (
        "# Two words\n\n"
        "Three plain words, `code not counted`, https://example.com/x and "
        "[link text](https://example.org) (source: a.md §Section, more) — done.\n\n"
        "| Cell one | Cell two |\n|---|---|\n| x | y |\n\n"
        "```\nnot counted at all\n```\n\n"
        "> quoted words count\n\n"
        "<!-- hidden comment words -->\n"
    )
    wc = WordCounter().document(Document(text))
    # "Two words"(2) + "Three plain words, and link text done."(7) + quoted(3)
    assert wc.prose == 12
    assert wc.table == 6


def test_word_count_per_section():
    doc = Document("# A\n\none two\n\n## B\n\nthree four five\n")
    counter = WordCounter()
    assert counter.section(doc, 1).prose == 1 + 2 + 1 + 3
    assert counter.section(doc, 1, deep=False).prose == 3
    assert counter.section(doc, 2).prose == 4


def test_list_item_with_two_paragraphs_and_sublist():
    doc = Document("- first para\n\n  second para\n  - child\n")
    items = doc.list_items
    assert items[0].prose.text == "first para\n\nsecond para"
    assert items[1].level == 2 and items[1].prose.text == "child"
    i = items[0].prose.text.index("second")
    assert items[0].prose.position(i) == Position(3, 3)
