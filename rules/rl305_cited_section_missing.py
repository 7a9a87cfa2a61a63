from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlint import Context, Document, Finding, Related, Rule, Severity, Span

if TYPE_CHECKING:
    from reportlint import Citation


class CitedSectionMissing(Rule):
    """
    ## What it does
    Reports a cited place that is not in the cited file: a `§Section` that
    names no heading, and a line anchor past the end of the file.

    **Sections.** A `§Section` that names no heading of the cited Markdown file
    (ATX or setext, outside code fences), no bold-label pseudo-heading
    (`**M27: Training**` on its own line, or `- **M27** …`), and no key path
    of a cited JSON or YAML file (`§loss`, `§metrics.judge_score`). The
    finding sits on the section name in the tag, with the cited file as a
    related location and the closest existing names in the message.

    Matching normalises case, punctuation, quotes and dashes, a leading
    number or label (`3.`, `M27:`) and a trailing parenthetical. A name
    matches a heading's full text, its title without the leading label, or
    the label alone (`§M15` matches `## M15: Router split`). A heading's
    GitHub anchor matches too (`README.md#cicd-pipeline` names `## CI/CD
    Pipeline`). A substring of an unrelated heading does not match:
    `§Testing` does not match `## Load Testing Results`. Two forms of the
    wild are accepted: an anchor followed by prose (`§Rollback as of March`)
    matches the longest heading that its leading words name, and a heading
    of joined parts matches one whole part (`§Risk Register` names
    `## 11. Future-Proofing & Risk Register`).

    **Lines.** A line anchor is a promise that the lines exist: `a.py:42`,
    `a.py:L42`, `a.py#L40-L52`, `a.py line 42`, `a.py lines 40–52`,
    `a.py (L42)`, and the continuations `` `svc/jobs.py:120-131`, `:300`,
    `410-415` `` or `core/Queue.cs:L20-L41, L60-L79`. A line or range past the
    end of the cited file (or running past it) is reported at the anchor.
    (The lines are checked here rather than under a new id: the rule
    catalogue of the design is the contract for ids, and a cited place that
    does not exist is one kind of defect.) Whether the claim's numbers are in
    the cited lines is RL306's check.

    ## Why is this bad?
    The section is where a reader, and the cross-check, look for the number;
    a wrong one usually means the claim was written from memory.

    ## Example
    This fails when `svc/jobs.py` has 180 lines:
    ```markdown
    Retries back off 4 times (source: `svc/jobs.py:120-131`, `:300`).
    ```

    This fails when `tunix-rt.md` has no "Deployment" heading:
    ```markdown
    The release is packaged as one notebook (source: tunix-rt.md §Deployment).
    ```

    Use instead:
    ```markdown
    The release is packaged as one notebook (source: tunix-rt.md §Roadmap).
    ```

    ## Options
    This rule has no options.
    """

    id = "RL305"
    name = "cited-section-missing"
    summary = "A cited §Section or line range exists in the cited file."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint import Status  # the evidence layer loads only when a rule runs

        ev = ctx.evidence
        for rc in ev.citations(doc):
            c, res = rc.citation, rc.resolution
            if not (c.sections or c.ranges) or res.status is not Status.RESOLVED or \
                    rc.document:
                continue
            index = ev.index(res.path)
            if index.skipped:
                continue
            yield from self._lines(c, res.path, index.line_count)
            if not c.sections:
                continue
            names = [s.name for s in index.sections]
            for name, span in zip(c.sections, c.section_spans):
                if index.find_section(name):
                    continue
                close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
                hint = (" (closest: " + ", ".join(f'"{n}"' for n in close) + ")") if close \
                    else ""
                what = "key" if index.kind in ("json", "yaml") else "section"
                yield self.finding(span, f'{res.path} has no {what} "{name}"{hint}',
                                   [Related.in_file(res.path, "the cited file")])


    def _lines(self, c: Citation, path: str, count: int) -> Iterator[Finding]:
        for (a, b), span in zip(c.ranges, c.range_spans):
            if b <= count:
                continue
            what = f"line {a}" if a == b else f"lines {a}-{b}"
            where = "past the end of" if a > count else "running past the end of"
            last = max(count, 1)
            yield self.finding(span, f"{what} {where} {path}, which has {count} "
                                     f"line{'s' if count != 1 else ''}",
                               [Related(Span.at(last, 1, last, 1, path),
                                        "the last line of the file")])


RULES = [CitedSectionMissing]
