from __future__ import annotations

from collections.abc import Iterator

from reportlint import Context, Document, Finding, Rule, Severity


class SourceTagSyntax(Rule):
    """
    ## What it does
    Reports source tags a reader would call malformed, at their exact span:
    an empty tag (`(source: )`), an opener with no closing bracket before the
    end of its paragraph, item or cell, the keyword without its colon
    (`(source a.md)`), a reversed or zero line range (`a.md:20-10`), and a
    `§` with no name.

    Everything else is the citation grammar, not an error. Tags are read from
    the raw Markdown (`src/pkg/__init__.py` is a path, not emphasis). Inside
    a tag the citations are the path-like words (a `/`, a file extension, a
    URL, or the name of an existing file such as `Makefile`); backticks are
    formatting, and a Markdown link cites its target
    (`[the runbook](docs/ops.md#rollback)`). Connectors are words: `;`, `,`,
    `+`, `and`, `&`, `|`, `per`, `vs`, `confirmed in`, an em dash followed by
    a sentence. Locations:
    `a.py:42`, `:L42`, `#L42`, `line 42`, `(L42)`, ranges `:40-52`,
    `:L40-L52`, `#L40-L52`, `lines 40–52`, continuations
    (`` `svc/jobs.py:120-131`, `:300`, `410-415` `` and a bare `L60-L79`),
    `§Name`, `§9.3`, `§M15, M16`, `#slug`, `path/`, `path:directory`, globs.
    An identifier in backticks that is no path (`useReducer`) cites nothing.
    A tag that names a document without a path (`(source: review §4.2)`,
    `(source: Finding 3.1)`) is a note of RL303, never an error here. A tag
    inside inline code is an example, not a tag.

    The tag syntax is one setting: `evidence.tag-keywords` and
    `evidence.tag-brackets` (default `source`/`sources` and `()`) derive the
    pattern and the opener of malformed tags, so `[src: a.md` is reported
    when the tag is `[src: …]`, and the messages name the configured keyword.
    `evidence.tag-pattern` is a raw regular expression (group `body`) for
    other forms; its opener is its text before the first `:`.

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

    These pass (connectors and prose are words):
    ```markdown
    Deploys reach 3 regions (source: infra/deploy.yml per docs/ops.md:40).
    The board has 3 slices (source: `web/src/Board.tsx` — state lives in `useReducer`).
    ```

    ## Options
    This rule has no options of its own; the tag syntax is configured under
    `evidence:` (`tag-keywords`, `tag-brackets`, `tag-pattern`, `tag-opener`).
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
