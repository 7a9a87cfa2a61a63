from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlint import Context, Document, Finding, Related, Rule, Severity, Span, opt

if TYPE_CHECKING:
    from reportlint import NumberCheck, Search


class ClaimNotInSource(Rule):
    """
    ## What it does
    Cross-checks every number of every sourced hard claim against what the
    claim cites. Each number is looked up, normalised, in the cited
    section(s) first, then in the whole cited file, across all citations of
    the claim:

    - not found in any cited file: an **error** at the number's span. Its
      related locations are the places under the sources root where that
      number does occur (the likely right source; one bounded search of the
      evidence files, documents and data but not build logs, that says when
      its budget cut it short), or else the cited section, where it was
      expected;
    - found in a cited file but only outside the cited section: a **note**
      saying where it is;
    - not found as written, but the cited place holds a value that rounds to
      it at the precision the report writes (`84%` for `84.2%`, `1.3k` for
      `1,318`): a **note** naming the cited value, not an error.

    Every number is checked against every citation of its tag: one
    co-citation that does not resolve hides the claim from no other. A line
    anchor (`a.py:40-52`) is searched with three lines on each side first.
    When the cited place holds a near value (within 5 %, or the same digits
    transposed), the message says what it says: "1,381 is not in the cited
    source (docs/summary.md); the cited section says 1,318 (line 5)".

    Units are part of the value: `90 seconds` does not match `90 minutes`,
    `4%` does not match `4 nodes`, `3.2 GB` does not match `3.2 TB`, `12
    engineers` does not match `12%`; `70%` matches `70 %` and `70 percent`;
    scales convert within a family (`1.5 GB` = `1,500 MB`, `2 hours` =
    `120 minutes`); a unit-less source value (YAML, JSON, a code constant)
    matches any unit, and a key or constant named with a unit carries it
    (`TIMEOUT_MS = 2500` is 2.5 s; `duration_s: 95` is not 95 minutes); `~`,
    `+`, `≥` are the author's qualifiers.

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
        """The options of `claim-not-in-source`, documented in the rule's docstring."""

        outside_section: bool = opt(True, "Report numbers found only outside the cited "
                                          "section, as notes.")
        elsewhere: int = opt(3, "Places elsewhere under the sources root to name.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        ev = ctx.evidence
        checks = ev.checks(doc)
        if not checks:
            return
        me = ev.report_in_root
        exclude = [me] if me else []
        missing = [n.token for check in checks for n in check.numbers if n.status == "missing"]
        # one bounded search of the root for every missing number of the document
        search = ev.search(list(missing)) if missing and self.options.elsewhere else None
        for check in checks:
            for n in check.numbers:
                at = n.token.span or check.claim.span
                if n.status == "missing":
                    yield self._missing(n, at, search, exclude)
                elif n.status == "rounded":
                    loc = n.found[0]
                    yield self.finding(
                        at, f"{n.token.text} is the cited {loc.text} rounded ({loc.path}, "
                            f"line {loc.line})", [Related(loc.span, "the cited value")],
                        severity=Severity.NOTE, key=("rounded", canonical_key(n), loc.path))
                elif n.status == "file" and self.options.outside_section:
                    loc = n.found[0]
                    what = "lines" if any(s.what == "lines" for s in n.expected) else "section"
                    yield self.finding(
                        at, f"{n.token.text} is in {loc.path} at line {loc.line}, outside "
                            f"the cited {what}", [Related(loc.span, "found here")],
                        severity=Severity.NOTE, key=("outside", canonical_key(n), loc.path))

    def _missing(self, n: NumberCheck, at: Span, search: Search | None,
                 exclude: list[str]) -> Finding:
        cited = ", ".join(n.cited)
        says = ""
        if n.near is not None:
            what = {"section": "section", "lines": "lines"}.get(n.expected[0].what, "file")
            says = f"; the cited {what} says {n.near.text} (line {n.near.line})"
        related = []
        where = ""
        if search is not None:
            related = [Related(loc.span, f"{loc.text} occurs here")
                       for loc in search.at(n.token, exclude)[:self.options.elsewhere]]
            if related:
                where = "; it occurs elsewhere under the sources root"
            elif search.cut:
                where = f"; {search.cut}"
            if not related and search.skipped:
                path, why = search.skipped[0]
                more = f" and {len(search.skipped) - 1} more" if len(search.skipped) > 1 else ""
                where += f"; {path} was not searched ({why}){more}"
        if not related:
            if n.near is not None:
                related = [Related(n.near.span, "the cited place says this")]
            else:
                scopes = n.expected[:3]
                related = [Related(s.span, f"expected in this {s.what}" if s.lines
                                   else "expected in this file") for s in scopes]
        # the identity of the finding for baselines: the number and where it was cited,
        # not the message (what the cited place says, where else it occurs may change)
        return self.finding(at, f"{n.token.text} is not in the cited source ({cited}){says}"
                                f"{where}", related, key=(canonical_key(n), *n.cited))


def canonical_key(n: NumberCheck) -> str:
    """The number as a key: its magnitude and unit (``2,200`` and ``2200`` are one)."""
    return f"{n.token.key.normalize():f}{n.token.unit}"


RULES = [ClaimNotInSource]
