from __future__ import annotations

from collections.abc import Iterator

from reportlint import Context, Document, Finding, Related, Rule, Severity


class CitedFileAmbiguous(Rule):
    """
    ## What it does
    Reports a cited bare file name (or partial path) that is found neither
    at the sources root nor next to the report, and that matches several
    files under the root. The finding lists every candidate as a related
    location; nothing is cross-checked for that citation until it names
    one file.

    ## Why is this bad?
    `README.md` or `summary.md` may mean any of several files; a reader, and
    the cross-check, cannot know which one holds the number.

    ## Example
    This fails when `docs/summary.md` and `runs/summary.md` both exist:
    ```markdown
    Loss fell to 1.37 (source: summary.md).
    ```

    Use instead:
    ```markdown
    Loss fell to 1.37 (source: runs/summary.md).
    ```

    ## Options
    This rule has no options.
    """

    id = "RL304"
    name = "cited-file-ambiguous"
    summary = "A cited bare file name matches exactly one file."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint import Status  # the evidence layer loads only when a rule runs

        for rc in ctx.evidence.citations(doc):
            c, res = rc.citation, rc.resolution
            if res.status is Status.AMBIGUOUS and not rc.document:
                related = [Related.in_file(p, "one of the matching files")
                           for p in res.candidates]
                yield self.finding(c.span, f'cited file "{c.path}" matches '
                                           f"{len(res.candidates)} files: "
                                           + ", ".join(res.candidates), related)


RULES = [CitedFileAmbiguous]
