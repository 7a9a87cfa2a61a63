from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Related, Rule, Severity, opt


class UnsourcedClaim(Rule):
    """
    ## What it does
    Reports each *hard claim* that no source tag covers, at the line and
    column of its first number.

    A claim unit is a sentence of a paragraph, a whole list item, or a table
    row. It is *hard* when it states a number: a count (`1,318 tests`), a
    percentage (`84.2%`, `70 %`), a size with a unit (`~900 MB`), a
    duration (`3.9 minutes`, `1-2 days`), a score or ratio (`4.06/5`), a
    range (`5–20`), a before→after delta (`2.41 → 1.37`), an approximation
    (`>70%`, `70%+`), scientific notation (`1.0e-5`).

    Not hard, by default (they are not quantities): identifiers with a
    number (`Finding 4.2`, `§4.2`, `Phase 12`, `Slice 2 and 5`,
    `CHECK-03/04`, `REQ-12`, `Criterion 1`, `Step 2`, `ADR-002`, `PR #123`,
    `M33`, `v1.2`, `Python 3.12`, `RFC 9110`), line references in prose
    (`lines 1210-1225`, `L88`, `at line 40`), heading numbering and
    ordered-list markers, dates and years, clock times, dotted versions,
    numbers in inline code, in URLs, in file names (`run-lr-05-4096.json`)
    and inside the tag itself, the `#` or index column of a table, and the
    scale of a score (the `5` of `4.06/5`). All of it is configurable under
    `evidence.numbers` (`include` and `exclude` patterns, and the kinds to
    ignore).

    A claim is covered by a tag in the same unit (the `(source: …)` form, or
    a `Source: PATH` label inside the unit such as `- Coverage is 84% —
    *Source: cov.md*`, read to the end of its line and only when it names a
    path and reads as a citation); by a GFM footnote marker
    whose definition names a source (`412 tests[^t]` with
    `[^t]: source: reports/ci.md`); by its row's cell in a table's
    Source/Sources/Evidence/Ref column, **only** when that cell holds a
    path-like word (a prose cell such as `5 pipelines, all green` is data,
    and its numbers count); or by a paragraph that is only a tag, which
    covers every claim after the previous heading or previous such
    paragraph. An explicitly external citation (`(source: competition
    criteria referenced externally[^1])`) covers its claim.

    The finding names, as related locations, up to `suggestions` places
    under the sources root where the claim's numbers occur together: the
    likely source to cite.

    ## Why is this bad?
    "No invented numbers": a number without a source cannot be checked, and
    a reader cannot tell a measured value from a guess.

    ## Example
    This fails:
    ```markdown
    The backend suite has 1,318 tests.
    ```

    Use instead:
    ```markdown
    The backend suite has 1,318 tests (source: M33_summary.md §Evidence).
    ```

    ## Options
    - `suggestions`: how many likely sources to name (0: none).
    """

    id = "RL302"
    name = "unsourced-claim"
    summary = "Every hard claim (a sentence, item or row stating a number) has a source tag."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    @dataclass(frozen=True)
    class Options:
        """The options of `unsourced-claim`, documented in the rule's docstring."""

        suggestions: int = opt(3, "Places under the sources root to suggest, at most.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        ev = ctx.evidence
        unsourced = ev.claims(doc).unsourced
        if not unsourced:
            return
        n = self.options.suggestions
        me = ev.report_in_root if n else None
        # one bounded search of the root for the numbers of every unsourced claim
        search = ev.search([t for c in unsourced for t in c.hard_numbers]) if n else None
        for claim in unsourced:
            numbers = claim.hard_numbers
            first = numbers[0]
            shown = ", ".join(t.text for t in numbers[:4]) + (", …" if len(numbers) > 4 else "")
            related = []
            if search is not None:
                for s in ev.sources.suggest(list(numbers), limit=n, search=search,
                                            exclude=[me] if me else []):
                    found = ", ".join(loc.text for loc in s.locations[:4])
                    related.append(Related(s.span, f"these numbers occur here: {found}"))
            note = ""
            if search is not None and not related and search.cut:
                note = f"; no likely source found ({search.cut})"
            yield self.finding(first.span or claim.span,
                               f"hard claim without a source tag ({shown}){note}", related)


RULES = [UnsourcedClaim]
