from __future__ import annotations

from collections.abc import Iterator

from reportlint import Context, Document, Finding, Rule, Severity


class SourceTagSyntax(Rule):
    """
    ## What it does
    Reports source tags that cannot be read: an empty tag (`(source: )`), an
    opening `(source:` with no closing parenthesis before the end of its
    paragraph, item or cell, `(source a.md)` without the colon, a citation
    with no path (`(source: §Results)`), an unknown separator between
    citations (`a.md | b.md`, `a.md and b.md`; use `;` or `,`), and reversed
    line ranges (`a.md:20-10`). Each problem is reported at its exact span.

    The accepted forms are the prompt's `(source: PATH §SECTION, qualifier)`,
    several citations separated by `;` or `,`, section continuations
    (`tunix-rt.md §M15, M16`), paths in backticks, `path:42`, `path:10-20`,
    `path lines 183-205`, a bare folder, and the bare citation lists of a
    table's Source/Sources/Evidence column. A tag inside inline code is an
    example, not a tag. The tag pattern is the `evidence.tag-pattern` setting.

    ## Why is this bad?
    A malformed tag silently stops being evidence: the claim it was meant to
    cover is then reported as unsourced, or worse, a typo hides which file
    the number came from.

    ## Example
    This fails (no closing parenthesis):
    ```markdown
    Coverage is 84.2% (source: M33_summary.md §Evidence.
    ```

    Use instead:
    ```markdown
    Coverage is 84.2% (source: M33_summary.md §Evidence).
    ```

    ## Options
    This rule has no options of its own; the tag syntax is configured under
    `evidence:` in the configuration (`tag-pattern`, `tag-opener`).
    """

    id = "RL301"
    name = "source-tag-syntax"
    summary = "Source tags are well formed."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for problem in ctx.evidence.claims(doc).problems:
            yield self.finding(problem.span, problem.message)


RULES = [SourceTagSyntax]
