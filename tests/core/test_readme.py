"""The README's rule table is the registry's: a drift fails the suite."""

from __future__ import annotations

import os
import re
import sys

from reportlint.registry import build_registry
from tests.core.conftest import REPO


def test_readme_rule_table_matches_registry():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- rules-table:start -->\n(.*?)<!-- rules-table:end -->", text,
                      re.DOTALL)
    assert block, "README lacks the rules table markers"
    rows = [line.strip("|").split("|") for line in block.group(1).splitlines()[2:]]
    table = [tuple(c.strip() for c in row) for row in rows]
    expected = [(c.id, c.name, c.default_severity.value, c.summary)
                for c in build_registry().rules() if c.id.startswith("RL")]
    assert table == expected


def test_readme_names_both_make_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text


def _writing_a_rule() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text[text.index("## Writing a rule\n"):].split("\n## ", 1)[0]


def test_readme_rule_example_works_as_written(tmp_path, monkeypatch):
    """The README's plugin module and its test, run as a plugin author would run them."""
    section = _writing_a_rule()
    (module,) = re.findall(r"````python\n(.*?)\n````", section, re.DOTALL)
    tests = [b for b in re.findall(r"```python\n(.*?)\n```", section, re.DOTALL)
             if "def test_" in b]
    assert len(tests) == 1
    package = tmp_path / "reportlint_acme"
    package.mkdir()
    (package / "__init__.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    namespace: dict[str, object] = {}
    exec(compile(tests[0], "README test", "exec"), namespace)
    test = namespace["test_flags_hedging"]
    assert callable(test)
    try:
        test()
        assert [c.id for c in sys.modules["reportlint_acme"].get_rules()] == ["ACME101"]
    finally:
        sys.modules.pop("reportlint_acme", None)


def test_readme_opening_sample_is_what_the_demo_prints(run_cli):
    """The findings at the top of the README are `reportlint check` at the repository root,
    with the example's folder left out of the paths (the sample shows the report as
    `docs/summary.md`)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    sample = text.split("$ reportlint check\n", 1)[1].split("```", 1)[0]
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    r = run_cli("check", "--color", "never", cwd=REPO, env=env)
    assert r.returncode == 1, r.stderr
    shown = (r.stdout.replace("examples/executive-summary/docs/executive_summary_senior_ai_manager"
                              ".md", "docs/summary.md")
             .replace("examples/executive-summary/", ""))
    assert shown == sample
