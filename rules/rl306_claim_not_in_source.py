from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Related, Rule, Severity, opt


class ClaimNotInSource(Rule):
    """
    ## What it does
    Cross-checks every number of every sourced hard claim against what the
    claim cites. Each number is looked up, normalised, in the cited
    section(s) first, then in the whole cited file, across all citations of
    the claim:

    - not found in any cited file: an **error** at the number's span. Its
      related locations are the places under the sources root where that
      number does occur (the likely right source), or else the cited
      section, where it was expected;
    - found in a cited file but only outside the cited section: a **note**
      saying where it is.

    Normalisation: thousands separators (`2,200` = `2200`), percent signs and
    spacing (`70%` = `70 %`), trailing zeros (`4.0` = `4`), scientific
    notation (`1.0e-5` = `0.00001`), unicode minus and dashes; ranges and
    deltas are split into their numbers (`2.41 → 1.37` checks 2.41 and
    1.37); signs are ignored ("fell by 2.18" matches `-2.18`); a percentage
    also matches its fraction (`70%` = `0.7`). JSON and YAML sources are
    searched by value. A citation of a folder, an external reference, or a
    file that cannot be read has nothing to verify against: such a claim is
    counted as unverified in `reportlint stats`, never reported as wrong.

    ## Why is this bad?
    This is "no invented numbers" checked deterministically: a number that
    is in none of its sources was mistyped, rounded into something else,
    taken from another file, or made up.

    ## Example
    This fails when `M33_summary.md §Evidence` says 1,318 tests:
    ```markdown
    The backend suite has 1,381 tests (source: M33_summary.md §Evidence).
    ```

    Use instead:
    ```markdown
    The backend suite has 1,318 tests (source: M33_summary.md §Evidence).
    ```

    ## Options
    - `outside-section`: report numbers found only outside the cited section (as notes).
    - `elsewhere`: how many places elsewhere under the sources root to name, at most.
    """

    id = "RL306"
    name = "claim-not-in-source"
    summary = "Every number of a sourced claim appears in a cited file."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    @dataclass(frozen=True)
    class Options:
        outside_section: bool = opt(True, "Report numbers found only outside the cited "
                                          "section, as notes.")
        elsewhere: int = opt(3, "Places elsewhere under the sources root to name.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint.evidence import settings_for, sources_for
        from reportlint.evidence.verify import checks_for, report_in_root

        checks = checks_for(ctx, doc)
        if not checks:
            return
        sources = sources_for(ctx, settings_for(ctx))
        me = report_in_root(ctx, sources)
        exclude = [me] if me else []
        for check in checks:
            for n in check.numbers:
                at = n.token.span or check.claim.span
                if n.status == "missing":
                    cited = ", ".join(dict.fromkeys(s.path for s in n.expected))
                    related = [Related(loc.span, f"{loc.text} occurs here")
                               for loc in sources.occurrences(n.token, exclude=exclude,
                                                              limit=self.options.elsewhere)]
                    if not related:
                        scopes = list(dict.fromkeys(n.expected))[:3]
                        related = [Related(s.span, "expected in this section" if s.lines
                                           else "expected in this file") for s in scopes]
                        where = ""
                    else:
                        where = "; it occurs elsewhere under the sources root"
                    yield self.finding(at, f'{n.token.text} is not in the cited source '
                                           f"({cited}){where}", related)
                elif n.status == "file" and self.options.outside_section:
                    loc = n.found[0]
                    yield self.finding(
                        at, f"{n.token.text} is in {loc.path} at line {loc.line}, outside "
                            "the cited section", [Related(loc.span, "found here")],
                        severity=Severity.NOTE)


RULES = [ClaimNotInSource]
