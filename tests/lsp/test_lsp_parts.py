"""The language server's parts in process: where the suppression comment goes (each form
silences its finding and changes nothing else), the debounce, and `reportlint lsp`
without pygls."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from reportlint.document import Document
from reportlint.lsp import actions
from reportlint.testing import lint_string

RULES = {"placeholders": {"severity": "error"}, "banned-phrases": {"severity": "warning"},
         "list-items": {"sections": [{"heading": "Plan", "min": 2, "max": 3}]}}


def _findings(text: str) -> list[tuple[str, int, bool]]:
    return [(f.rule_id, f.line, f.suppressed) for f in lint_string(text, RULES)]


def _suppress(text: str, rule: str, line: int, whole: bool = False) -> tuple[str, str]:
    doc = Document(text, "report.md")
    fix = actions.suppression(doc, rule, line, 1, whole)
    return fix.title, actions.apply(doc.lines, fix.edits)


CASES = {
    "a paragraph's first line": ("## Plan\n\n- a\n- b\n\nTODO here.\n", 6,
                                 "\n<!-- reportlint-disable-next-line RL211 -->\nTODO here.\n"),
    "a paragraph's later line": ("## Plan\n\n- a\n- b\n\nFirst line,\nthen TODO.\n", 7,
                                 "then TODO. <!-- reportlint-disable-line RL211 -->\n"),
    "a list item": ("## Plan\n\n- a\n- TODO b\n", 4,
                    "- TODO b <!-- reportlint-disable-line RL211 -->\n"),
    "a table row": ("## Plan\n\n- a\n- b\n\n| k | v |\n|---|---|\n| x | TODO |\n", 8,
                    "| x | TODO <!-- reportlint-disable-line RL211 --> |\n"),
    "a heading": ("## Plan TODO\n\n- a\n- b\n", 1,
                  "<!-- reportlint-disable-next-line RL211 -->\n## Plan TODO\n"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_comment_silences_the_finding_and_changes_nothing_else(name: str):
    text, line, expected = CASES[name]
    before = _findings(text)
    assert ("RL211", line, False) in before
    title, fixed = _suppress(text, "RL211", line)
    assert title == "Disable RL211 for this line"
    assert expected in fixed
    after = _findings(fixed)
    # the same findings, the RL211 one suppressed; the list and table still count
    shift = 1 if "next-line" in expected else 0
    assert [(r, ln - (shift if ln > line else 0), s) for r, ln, s in after] == [
        (r, ln, s or (r == "RL211" and ln == line)) for r, ln, s in before]


def test_inside_a_fenced_block_the_block_is_wrapped():
    text = "## Plan\n\n- a\n- b\n\n```text\nTODO inside\n```\n\nTBD after.\n"
    assert ("RL211", 7, False) not in _findings(text)  # code is not prose...
    rules = {"list-items": {"sections": [{"heading": "Plan", "min": 2}]}, **RULES}
    doc = Document(text, "report.md")
    fix = actions.suppression(doc, "RL210", 7, 1, False)
    assert fix.title == "Disable RL210 in this code block"
    fixed = actions.apply(doc.lines, fix.edits)
    assert ("\n<!-- reportlint-disable RL210 -->\n```text\nTODO inside\n```\n"
            "<!-- reportlint-enable RL210 -->\n") in fixed
    def summary(t: str) -> list[tuple[str, str, bool]]:
        return [(f.rule_id, f.message, f.suppressed) for f in lint_string(t, rules)]

    assert summary(text) == [("RL211", 'placeholder "TBD" left in the text', False)]
    assert summary(fixed) == summary(text)  # the list is intact, nothing else changed


def test_a_whole_document_finding_is_disabled_for_the_file_after_front_matter():
    text = "---\ntitle: Q3\n---\n## Plan\n\nShort.\n"
    rules = {"word-count": {"min": 100}}
    (f,) = lint_string(text, rules)
    assert (f.line, f.column, f.span.start == f.span.end) == (1, 1, True)
    title, fixed = _suppress(text, "RL201", 1, whole=True)
    assert title == "Disable RL201 for this file"
    assert fixed.startswith("---\ntitle: Q3\n---\n<!-- reportlint-disable-file RL201 -->\n")
    (g,) = lint_string(fixed, rules)
    assert g.suppressed
    assert Document(fixed, "r.md").front_matter is not None  # still front matter


def test_the_debounce_keeps_only_the_last_lint():
    from reportlint.lsp.server import ReportlintServer

    async def scenario() -> tuple[bool, bool, int]:
        ls = ReportlintServer()
        ls.debounce = 3600.0  # never fires during the test
        ls.schedule("file:///r.md")
        first = ls.pending["file:///r.md"]
        ls.schedule("file:///r.md")
        second = ls.pending["file:///r.md"]
        ls.cancel("file:///r.md")
        return first.cancelled(), second.cancelled(), len(ls.pending)

    assert asyncio.run(scenario()) == (True, True, 0)


def test_reportlint_lsp_without_pygls_says_how_to_install_it():
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['reportlint', 'lsp']; "
            "from reportlint.cli import main; main()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == ("reportlint lsp needs pygls, which is not installed: "
                                "pip install 'reportlint[lsp]'")
    assert r.stdout == ""
