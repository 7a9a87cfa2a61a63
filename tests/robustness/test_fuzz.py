"""Property-based fuzzing of the whole pipeline: model, every rule, every reporter.

For generated Markdown (headings, tables, fences, lists, quotes, tags, numbers,
unicode, control characters) and for random text: no exception escapes (a rule
crash would surface as an RL903 notice, which fails the property), every
finding's span lies inside the file, and the same input gives the same output.
`make test` runs a bounded budget; `make fuzz` sets REPORTLINT_FUZZ_EXAMPLES higher.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.config import load_config
from reportlint.document import normalize
from reportlint.engine import FileResult, Run, lint_text
from reportlint.reporters import REPORTERS, ReportInfo, get

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "120"))
# the bounded run in `make test` is repeatable; `make fuzz` explores new inputs each time
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck))

_CFG, _REG = load_config(profile="executive-summary", cwd=Path(__file__).parent)
RUN = Run.create(_CFG, _REG, Path(__file__).resolve().parents[2])

words = st.sampled_from([
    "Tunix", "RT", "tests", "coverage", "world-class", "TODO", "2,200", "70%", "~900 MB",
    "1.0e-5", "2.26 → 0.08", "4.06/5", "M33", "v1.2", "(source: tunix-rt.md §Overview)",
    "(source: )", "`code 12`", "[link](http://x.y/3)", "**bold**", "é", "日本", "\u202e",
    "\x1b[31m", "\t", "|", "§", "<!-- reportlint-disable RL210 -->", "<b>", "\\*", "&amp;",
])
line = st.lists(words, min_size=1, max_size=12).map(" ".join)
heading = st.tuples(st.integers(1, 6), line).map(lambda t: "#" * t[0] + " " + t[1])
setext = line.map(lambda t: t.replace("\n", " ") + "\n" + "-" * 3)
paragraph = st.lists(line, min_size=1, max_size=4).map("\n".join)
bullets = st.lists(st.tuples(st.integers(0, 3), line), min_size=1, max_size=6).map(
    lambda items: "\n".join("  " * d + "- " + t for d, t in items))
table = st.tuples(st.integers(1, 5), st.lists(line, min_size=1, max_size=12)).map(
    lambda t: "\n".join(["|" + "|".join(["h"] * t[0]) + "|", "|" + "---|" * t[0]]
                        + ["|" + "|".join([c] * t[0]) + "|" for c in t[1][:4]]))
fence = st.tuples(st.sampled_from(["```", "~~~"]), st.sampled_from(["mermaid", "", "py"]),
                  paragraph).map(lambda t: f"{t[0]}{t[1]}\n{t[2]}\n{t[0]}")
quote = st.tuples(st.integers(1, 4), paragraph).map(
    lambda t: "\n".join("> " * t[0] + x for x in t[1].split("\n")))
block = st.one_of(heading, setext, paragraph, bullets, table, fence, quote)
markdown = st.lists(block, max_size=14).map("\n\n".join)
newline = st.sampled_from(["\n", "\r\n", "\r"])
document = st.tuples(markdown, newline, st.booleans()).map(
    lambda t: ("\ufeff" if t[2] else "") + t[0].replace("\n", t[1]))


def _check(text: str) -> None:
    first = lint_text(RUN, text, "fuzz.md")
    crashed = [f for f in first.findings if f.rule_id == "RL903"]
    assert not crashed, crashed[0].message
    lines = normalize(text).split("\n")
    for f in first.findings:
        s = f.span
        assert 1 <= s.start.line <= len(lines), f
        assert 1 <= s.start.column <= len(lines[s.start.line - 1]) + 1, f
        assert (s.end.line, s.end.column) >= (s.start.line, s.start.column), f
        assert s.end.line <= len(lines) and s.end.column <= len(lines[s.end.line - 1]) + 1, f
    again = lint_text(RUN, text, "fuzz.md")
    assert again.findings == first.findings
    _render_all([first])


def _render_all(results: list[FileResult]) -> None:
    info = ReportInfo(version="0", rules=[type(r) for r, _ in RUN.rules])
    for name in REPORTERS:
        out = get(name)(results, info)
        assert isinstance(out, str) and out


@FUZZ
@given(document)
def test_generated_markdown(text: str) -> None:
    _check(text)


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    _check(text)
