"""Inline suppression directives."""

from __future__ import annotations

from reportlint.testing import lint_string

RULES = {"RL210": None, "RL211": None}


def _rows(text: str) -> list[tuple[int, str, bool]]:
    return [(f.line, f.rule_id, f.suppressed) for f in lint_string(text, RULES)]


def test_disable_enable_range_by_id_and_name():
    text = ("world-class\n\n<!-- reportlint-disable RL210 placeholders -->\n\n"
            "world-class TODO\n\n<!-- reportlint-enable -->\n\nworld-class TODO\n")
    assert _rows(text) == [(1, "RL210", False), (5, "RL210", True), (5, "RL211", True),
                           (9, "RL210", False), (9, "RL211", False)]


def test_disable_all_without_names():
    text = "<!-- reportlint-disable -->\nworld-class TODO\n"
    assert _rows(text) == [(2, "RL210", True), (2, "RL211", True)]


def test_enable_one_rule_only():
    text = ("<!-- reportlint-disable RL210 RL211 -->\n\n<!-- reportlint-enable RL211 -->\n\n"
            "world-class TODO\n")
    assert _rows(text) == [(5, "RL210", True), (5, "RL211", False)]


def test_next_line_skips_blank_lines_and_keeps_reason():
    text = "<!-- reportlint-disable-next-line RL210 -- customer quote -->\n\nworld-class\n" \
           "world-class\n"
    findings = lint_string(text, RULES)
    assert [(f.line, f.suppressed, f.suppression_reason) for f in findings] == [
        (3, True, "customer quote"), (4, False, None)]


def test_disable_line_inline_comment():
    text = "world-class <!-- reportlint-disable-line RL210 -->\nworld-class\n"
    assert _rows(text) == [(1, "RL210", True), (2, "RL210", False)]


def test_disable_file():
    text = "world-class\n\n<!-- reportlint-disable-file banned-phrases -->\n"
    assert _rows(text) == [(1, "RL210", True)]


def test_unknown_rule_in_directive_is_reported():
    findings = lint_string("<!-- reportlint-disable RL999 -->\nworld-class\n", RULES)
    assert [(f.line, f.column, f.rule_id, f.message) for f in findings] == [
        (1, 1, "RL901", "disable names unknown rule 'RL999'"),
        (2, 1, "RL210", 'banned phrase "world-class"')]


def test_directive_in_code_block_is_not_a_directive():
    text = "```\n<!-- reportlint-disable -->\n```\n\nworld-class\n"
    assert _rows(text) == [(5, "RL210", False)]


def test_misspelled_directive():
    findings = lint_string("<!-- reportlint-disabel RL210 -->\n", RULES)
    assert [(f.rule_id, f.message) for f in findings] == [
        ("RL901", "unknown reportlint directive 'reportlint-disabel RL210'")]
