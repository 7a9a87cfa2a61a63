from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, opt, prose_blocks

# one alternation, leftmost match wins, so "(source: TBD)" is one finding, not two;
# only the TODO-style words are case-sensitive ("a todo list" is prose)
PLACEHOLDERS = (
    r"(?i:\((?:source|sources)\s*:\s*(?:\?+|tbd|todo|n/?a|-+|…|\.\.\.)?\s*\))",
    r"\b(?:TODO|TBD|TBC|FIXME|XXX)\b",
    r"(?i:\blorem ipsum\b)",
    r"(?i:\[(?:citation needed|insert[^\]]*|placeholder[^\]]*|add [^\]]*)\])",
    r"\{\{[^}]*\}\}",
    r"(?i:<(?:insert|placeholder|fill)[^>]*>)",
    r"\?\?\?+",
)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


class Placeholders(Rule):
    """
    ## What it does
    Reports text left unfinished: `TODO`, `TBD`, `TBC`, `FIXME`, `XXX` (in
    capitals), "lorem ipsum", `[citation needed]`, `[insert …]`, `{{…}}`
    template slots, `<insert …>`, `???`, and empty citations such as
    `(source: )` or `(source: TBD)`, in headings, paragraphs, list items,
    block quotes and table cells (not in code). Each is reported at its
    exact span. A footnote reference such as `[^1]` whose footnote exists
    is not a placeholder, so the "competition criteria referenced
    externally" footnote the prompt asks for passes; `allow` takes regular
    expressions for other accepted text.

    ## Why is this bad?
    A draft with a TODO or an empty citation is not ready for a leadership
    review; an LLM fills gaps with such markers more often than one expects.

    ## Example
    This fails:
    ```markdown
    Coverage is TBD (source: ).
    ```

    Use instead:
    ```markdown
    Line coverage is 81% (source: M31_audit.md §Coverage).
    ```

    ## Options
    - `patterns`: regular expressions reported (replaces the default list); they
      are case-sensitive unless written with `(?i:…)`, as the defaults are.
    - `allow`: regular expressions for matches to accept anyway.
    """

    id = "RL211"
    name = "placeholders"
    summary = "No TODO, TBD, lorem ipsum or empty citations left in the text."
    default_severity = Severity.ERROR
    tags = ("completeness",)

    @dataclass(frozen=True)
    class Options:
        patterns: tuple[str, ...] = opt(PLACEHOLDERS, "Placeholder regexes.")
        allow: tuple[str, ...] = opt((), "Regexes of matches to accept.")

        def __post_init__(self) -> None:
            for p in (*self.patterns, *self.allow):
                try:
                    re.compile(p)
                except re.error as exc:
                    raise ValueError(f"invalid regular expression {p!r}: {exc}") from None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        if not o.patterns:
            return
        pattern = re.compile("|".join(f"(?:{p})" for p in o.patterns))
        allow = [re.compile(a, re.IGNORECASE) for a in o.allow]
        for _block, prose in prose_blocks(doc):
            # inline HTML stays (`<insert number>` reads as HTML); comments do not
            text = _COMMENT_RE.sub(lambda m: " " * len(m.group(0)),
                                   prose.masked(frozenset({"code", "url"})))
            for m in pattern.finditer(text):
                if m.end() == m.start() or any(a.fullmatch(m.group(0)) for a in allow):
                    continue
                yield self.finding(prose.span(m.start(), m.end()),
                                   f'placeholder "{" ".join(m.group(0).split())}" left in '
                                   "the text")


RULES = [Placeholders]
