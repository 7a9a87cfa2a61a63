from __future__ import annotations

import difflib
from collections.abc import Iterator

from reportlint import Context, Document, Finding, Related, Rule, Severity


class CitedSectionMissing(Rule):
    """
    ## What it does
    Reports a `§Section` that names no heading of the cited Markdown file
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
    `§Testing` does not match `## Load Testing Results`.

    ## Why is this bad?
    The section is where a reader, and the cross-check, look for the number;
    a wrong one usually means the claim was written from memory.

    ## Example
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
    summary = "A cited §Section exists in the cited file."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint.evidence import Status, settings_for, sources_for
        from reportlint.evidence.verify import resolutions_for

        sources = sources_for(ctx, settings_for(ctx))
        for c, res in resolutions_for(ctx, doc):
            if not c.sections or res.status is not Status.RESOLVED:
                continue
            index = sources.index(res.path)
            if index.skipped:
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


RULES = [CitedSectionMissing]
