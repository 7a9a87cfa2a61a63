from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, check_regex, opt, prose_blocks

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
_MASK = frozenset({"code", "url"})
# A cheap test each default pattern's matches pass: a substring they contain, or a regex
# that finds them and that the engine scans fast (it starts with a literal or a small
# character set). Most text passes none, and these tests are far cheaper than scanning
# with the alternation, whose `\b` and `(?i:` alternatives defeat the regex engine's
# prefix search. A pattern without an entry here has no test: then every text is scanned.
_PROBES: dict[str, tuple[str | re.Pattern[str], ...]] = {
    PLACEHOLDERS[0]: (re.compile(PLACEHOLDERS[0]),),  # starts with a literal "("
    PLACEHOLDERS[1]: ("TODO", "TBD", "TBC", "FIXME", "XXX"),
    # no character but ASCII letters matches l, o, r, e or m under re.IGNORECASE
    PLACEHOLDERS[2]: (re.compile("[Ll][Oo][Rr][Ee][Mm]"),),
    PLACEHOLDERS[3]: ("[",),
    PLACEHOLDERS[4]: ("{{",),
    PLACEHOLDERS[5]: ("<",),
    PLACEHOLDERS[6]: ("???",),
}


def _may_match(text: str, probes: tuple[str | re.Pattern[str], ...]) -> bool:
    return any(p in text if isinstance(p, str) else p.search(text) for p in probes)


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
        """The options of `placeholders`, documented in the rule's docstring."""

        patterns: tuple[str, ...] = opt(PLACEHOLDERS, "Placeholder regexes.")
        allow: tuple[str, ...] = opt((), "Regexes of matches to accept.")

        def __post_init__(self) -> None:
            for p in (*self.patterns, *self.allow):
                problem = check_regex(p)
                if problem:
                    raise ValueError(problem)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        if not o.patterns:
            return
        pattern = re.compile("|".join(f"(?:{p})" for p in o.patterns))
        allow = [re.compile(a, re.IGNORECASE) for a in o.allow]
        probes = tuple(t for p in o.patterns for t in _PROBES.get(p, ()))
        probed = all(p in _PROBES for p in o.patterns)
        texts = []
        for _block, prose in prose_blocks(doc):
            text = prose.masked(_MASK)
            # inline HTML stays (`<insert number>` reads as HTML); comments do not
            if "<!--" in text:
                text = _COMMENT_RE.sub(lambda m: " " * len(m.group(0)), text)
            texts.append((prose, text))
        # no probe matches across a NUL (none contains one or \s, which is not NUL), so
        # a probe that finds nothing in all the texts joined finds nothing in any
        if probed and not _may_match("\0".join(t for _p, t in texts), probes):
            return
        for prose, text in texts:
            if probed and not _may_match(text, probes):
                continue
            for m in pattern.finditer(text):
                if m.end() == m.start() or any(a.fullmatch(m.group(0)) for a in allow):
                    continue
                if prose.text[m.start():m.end()] != \
                        prose.masked(_MASK)[m.start():m.end()]:
                    continue  # "(source: `a.md`)": the blank was a masked code span or URL
                yield self.finding(prose.span(m.start(), m.end()),
                                   f'placeholder "{" ".join(m.group(0).split())}" left in '
                                   "the text")


RULES = [Placeholders]
