from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Related, Rule, Severity, opt


def _matches(pattern: str, path: str) -> bool:
    """A pattern with a `/` matches the root-relative path; one without, any file name."""
    if "/" in pattern:
        return fnmatch.fnmatchcase(path, pattern)
    return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pattern)


class RequiredSources(Rule):
    """
    ## What it does
    Checks that the report cites every input its contract says it must use.
    `required` lists paths or globs (relative to the sources root; a pattern
    without `/` matches a file name anywhere, such as `*_fullaudit.md`):
    each one the report never cites is an error. `optional` lists inputs
    marked "if present" or "if available": each one that exists under the
    sources root but is not cited is a warning. A citation counts when it
    resolves to a file matching the pattern. Findings sit on the report's
    title (or its first line).

    ## Why is this bad?
    "Inputs (must use all)": a summary that never cites the audit or the
    tuning doc was written without them, and its conclusions miss what they
    say.

    ## Example
    With `required: [docs/tuning.md]`, a report that never cites
    `docs/tuning.md` fails: `required input "docs/tuning.md" is never
    cited`. Use instead: cite it where its content is used, e.g.
    `(source: docs/tuning.md §Search Space)`.

    ## Options
    - `required`: inputs that must be cited (paths or globs).
    - `optional`: inputs to cite when they exist (paths or globs).
    """

    id = "RL308"
    name = "required-sources"
    summary = "Every required input of the contract is cited."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    @dataclass(frozen=True)
    class Options:
        """The options of `required-sources`, documented in the rule's docstring."""

        required: tuple[str, ...] = opt((), "Inputs that must be cited (paths or globs).")
        optional: tuple[str, ...] = opt((), "Inputs to cite when they exist under the sources "
                                            "root.")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        if not o.required and not o.optional:
            return
        ev = ctx.evidence
        sources = ev.sources
        cited = {p for rc in ev.citations(doc) if not rc.document
                 for p in rc.resolution.files}
        at = doc.title.span if doc.title else doc.start
        for pattern in o.required:
            if not any(_matches(pattern, p) for p in cited):
                present = [p for p in sources.tree.files if _matches(pattern, p)]
                where = "" if present else " (and no such file exists under the sources root)"
                yield self.finding(at, f'required input "{pattern}" is never cited{where}',
                                   [Related.in_file(p, "the required input")
                                    for p in present[:3]])
        me = ev.report_in_root
        for pattern in o.optional:
            if any(_matches(pattern, p) for p in cited):
                continue
            present = [p for p in sources.tree.files if _matches(pattern, p) and p != me]
            if present:
                yield self.finding(at, f'input "{pattern}" exists ({", ".join(present[:3])}) '
                                       "but is never cited",
                                   [Related.in_file(p, "an uncited input")
                                    for p in present[:3]], severity=Severity.WARNING)


RULES = [RequiredSources]
