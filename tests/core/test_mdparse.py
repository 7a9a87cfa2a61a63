"""The model's marko parser (``reportlint.mdparse``) builds exactly stock marko's tree.

``mdparse`` memoises marko's line reads and skips inline searches that cannot
match (issue 6). The definition is stock marko with the same extensions: for
every fixture and for generated Markdown heavy in the constructs whose
parsing was touched (prefixes of lists and quotes, tabs, delimiters, escapes,
code spans, links, autolinks, HTML, tables), both trees must be equal in every
element's class, attributes and source spans.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import marko
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marko.helpers import MarkoExtension

from reportlint import mdparse
from reportlint.document import _Paragraph, _parser

REPO = Path(__file__).resolve().parents[2]
FILES = sorted(p for p in (*REPO.glob("examples/**/*.md"), *REPO.glob("tests/**/fixtures/**/*.md"),
                           *REPO.glob("docs/**/*.md"), REPO / "README.md") if p.is_file())
EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck))


def _stock() -> marko.Markdown:
    return marko.Markdown(extensions=["gfm", MarkoExtension(elements=[_Paragraph])])


STOCK = _stock()


def _kind(el: Any) -> str:
    """The element's marko class (mdparse's fail-fast subclasses stand for their base)."""
    for cls in type(el).__mro__:
        if cls.__module__ != "reportlint.mdparse":
            return f"{cls.__module__}.{cls.__qualname__}"
    raise AssertionError(el)  # pragma: no cover


def _dump(el: Any, out: list[tuple[int, str, str]], depth: int = 0) -> list[tuple[int, str, str]]:
    """Every element as (depth, class, attributes), children depth first."""
    attrs = []
    for k, v in sorted(vars(el).items()):
        if k == "children":
            continue
        if type(v).__name__ == "_SourceMap":  # compare its positions, not its identity
            v = list(v)
        attrs.append((k, repr(v)))
    out.append((depth, _kind(el), repr(attrs)))
    children = getattr(el, "children", None)
    if isinstance(children, list):
        for c in children:
            _dump(c, out, depth + 1)
    else:
        out.append((depth + 1, "text", repr(children)))
    return out


def _same_tree(text: str) -> None:
    if not mdparse.accelerated():
        pytest.skip("the model runs stock marko here: there is no accelerated tree to compare")
    try:
        want = _dump(STOCK.parse(text), [])
    except Exception as exc:  # marko itself fails on a few inputs: ours must fail alike
        with pytest.raises(type(exc)):
            _parser().parse(text)
        return
    got = _dump(_parser().parse(text), [])
    assert got == want


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_fixture_trees_equal_stock_marko(path: Path) -> None:
    _same_tree(path.read_text(encoding="utf-8"))


PREFIXES = ["", "", "", " ", "  ", "   ", "    ", "\t", " \t", "> ", ">", "> > ", ">  ", "- ",
            "* ", "+ ", "1. ", "2) ", "10. ", "  - ", "   * ", "    - ", "- > ", "> - ",
            "1. > ", "-\t", "  1. "]
BODIES = [
    "# Title", "## Sub ##", "###### six", "####### seven", "#no space", "Setext", "===", "---",
    "***", "* * *", "___", "```python", "```", "~~~", "````", "| a | b |", "|---|:--:|",
    "| 1 | 2 |", "a | b", "--- | ---", "|x|", "<!-- comment -->", "<!-- open", "-->", "<div>",
    "</div>", "<script>", "<?php x ?>", "<!DOCTYPE html>", "[ref]: /url 'title'",
    "[ref]: <a b> \"t\"", "text with *emph* and **strong** and ***both***",
    "_under_ snake_case_word __strong__", "`code` and ``two ` ticks`` and `open",
    "[link](http://x.y \"t\") ![img](a.png) [ref] [ref][] [Ref][ref]",
    "www.example.com, http://a.b/c?d=1. and me@x.org <http://auto.link> <a@b.co>",
    "~~strike~~ ~one~ ~~~three~~~", "a\\*b \\[c\\] \\\\ \\` \\~", "two spaces  ", "backslash\\",
    "<span class=\"x\">html</span> &amp; &#35; &#x41; &nbsp;", "(source: a.md §Sec)",
    "1,234 and 5.6% (source: S01_overview.md §Data Flow)", "", "", "plain words here",
    "*", "_", "**", "[", "]", "![", "`", "<", "[x]", "- [ ] task", "[^1]", "a]b[c](d",
    "*a _b* c_", "**a*", "*a**", "\u00a0nbsp", "é unicode 日本", "\x00nul", "tab\there",
]
line = st.tuples(st.sampled_from(PREFIXES), st.sampled_from(BODIES),
                 st.sampled_from(["", "", " ", "  ", "\t"])).map("".join)
NOISE = "ab *_`[]()!<>\\~|-#>=\n\t:.@/ 1"
noise = st.text(alphabet=NOISE, max_size=40)
piece = st.one_of(line, line, line, noise)
newline = st.sampled_from(["\n", "\n", "\r\n", "\r", "\f"])
markdown = st.tuples(st.lists(piece, max_size=30), newline).map(lambda t: t[1].join(t[0]))


@pytest.mark.parametrize("seed", range(40))
def test_seeded_documents_equal_stock_marko(seed: int) -> None:
    """A fixed spread of documents (hypothesis' bounded run favours small ones)."""
    rng = random.Random(seed)
    for _ in range(25):
        pieces = []
        for _ in range(rng.randrange(1, 40)):
            if rng.random() < 0.15:
                pieces.append("".join(rng.choice(NOISE) for _ in range(rng.randrange(40))))
            else:
                pieces.append(rng.choice(PREFIXES) + rng.choice(BODIES)
                              + rng.choice(["", "", " ", "  ", "\t"]))
        _same_tree(rng.choice(["\n", "\n", "\r\n", "\r", "\f"]).join(pieces))


@FUZZ
@given(markdown)
def test_generated_trees_equal_stock_marko(text: str) -> None:
    _same_tree(text)


def test_the_model_uses_the_parser_accelerated_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """mdparse runs only on the marko series it was checked against and only without
    REPORTLINT_STOCK_MARKO=1; otherwise the model parses with stock marko."""
    from marko.parser import Parser

    expected = (mdparse._Parser if marko.__version__.startswith(mdparse.CHECKED_SERIES)
                and os.environ.get(mdparse.STOCK_ENV) != "1" else Parser)
    assert mdparse.parser_class() is expected
    parser = _parser()
    parser._setup_extensions()
    assert isinstance(parser.parser, mdparse._Parser) == (expected is mdparse._Parser)
    monkeypatch.setenv(mdparse.STOCK_ENV, "1")
    assert mdparse.parser_class() is Parser and "stock parser" in mdparse.describe()
    monkeypatch.setattr(marko, "__version__", "9.0.0")
    monkeypatch.delenv(mdparse.STOCK_ENV)
    assert mdparse.parser_class() is Parser
    assert mdparse.describe() == "marko 9.0.0, stock parser (reportlint.mdparse is checked " \
        "against 2.2.x)"


# ---------------------------------------------------------------------- links and brackets
# mdparse answers marko's "are the brackets of this link text paired?" from prefix balances
# and skips reference lookups when a document defines no reference: the same links must
# come out, nested, escaped, in code, with and without definitions.
BRACKETS = [
    "[a](b)", "[a [b] c](d)", "[a [b](c) d](e)", "[[a]](b)", "[a]b](c)", "[a\\]b](c)",
    "[a\\[b](c)", "\\[a](b)", "![i [j]](k)", "![i](j) [k](l)", "[`a]`](b)", "[`[`](c)",
    "[a `]x[` b](c)", "[a `]` b](c)", "[`]`[`](c)", "[a `]` [b](c)",
    "[a](b [c](d))", "[ref]", "[ref][]", "[x][ref]", "[ref [nested]]", "[[ref]]",
    "*[a](b)*", "[*a*](b)", "[a]\\\\](b)", "[a\\\\]", "[a](<b c>)", "[a] (b)",
    "[" * 30 + "a" + "]" * 30, "[" * 12 + "a](b)" + "]" * 12, "![" * 8 + "x" + "](y)" * 8,
]
DEFINITIONS = ["", "\n\n[ref]: /url\n", "\n\n[nested]: /n\n[ref [nested]]: /rn\n"]


@pytest.mark.parametrize("definitions", DEFINITIONS)
def test_bracket_heavy_paragraphs_equal_stock_marko(definitions: str) -> None:
    for case in BRACKETS:
        _same_tree(case + definitions)
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice([*BRACKETS, "[", "]", "\\", "`", " ", "x", "(", ")", "!"])
                       for _ in range(rng.randrange(1, 12)))
        _same_tree(text + definitions)


@FUZZ
@given(st.text(alphabet="[]()!\\`*_ ax", max_size=60), st.sampled_from(DEFINITIONS))
def test_generated_brackets_equal_stock_marko(text: str, definitions: str) -> None:
    _same_tree(text + definitions)


def test_deeply_nested_brackets_parse_like_stock_marko() -> None:
    """The input that took marko 10 s (issue 5's pathological case) at a size marko
    handles quickly, so the tree can be compared."""
    _same_tree("[" * 600 + "a" + "]" * 600)
    _same_tree("[" * 300 + "a](b)" + "]" * 300 + "\n\n[a]: /x\n")
