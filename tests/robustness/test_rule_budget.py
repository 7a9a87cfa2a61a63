"""A rule over limits.rule-seconds is stopped: RL905 names the rule and the file, the
other rules still report (issue 11)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportlint import Context, Document, Finding, Rule, Severity
from reportlint.engine import lint_text
from reportlint.limits import Limits
from reportlint.testing import make_run


class _Slow(Rule):
    """
    ## What it does
    Never finishes in time (a test rule).

    ## Why is this bad?
    It stands for a rule made quadratic by a hostile input.

    ## Example
    Any document.
    """

    id = "XT901"
    name = "slow-test-rule"
    summary = "Takes too long."
    default_severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            time.sleep(0.01)
        yield self.finding(doc.start, "never reached")


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no timer signal")
def test_a_rule_over_its_budget_is_rl905_naming_rule_and_file(tmp_path: Path) -> None:
    run = make_run({"RL302": None}, tmp_path)
    run.config.parse_limits = Limits(rule_seconds=0.3)
    rules = [(_Slow(), Severity.ERROR), *run.rules]
    t = time.monotonic()
    result = lint_text(run, "# R\n\nThe suite has 412 tests.\n", "r.md", rules)
    assert time.monotonic() - t < 10
    notices = [f for f in result.findings if f.rule_id == "RL905"]
    assert [f.message for f in notices] == [
        "r.md: rule XT901 slow-test-rule on r.md took longer than 0.3 s "
        "(limits.rule-seconds); its findings are not reported"]
    assert any(f.rule_id == "RL302" for f in result.findings)  # the other rules still ran
