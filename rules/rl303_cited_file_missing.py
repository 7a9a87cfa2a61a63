from __future__ import annotations

from collections.abc import Iterator

from reportlint import Context, Document, Finding, Related, Rule, Severity


class CitedFileMissing(Rule):
    """
    ## What it does
    Reports each cited path that resolves to no file or folder inside the
    sources root, at the exact span of the path in the tag.

    A cited path resolves against the sources root (by default the
    repository root), then against the report's own folder, then by unique
    file name anywhere under the root (skipping `.git`, `node_modules`,
    virtual environments and build output). Nothing outside the sources root
    is ever read: `..` that leaves it, absolute paths, `~`, `file://` URLs,
    Windows drive paths and symbolic links whose target leaves the root are
    reported here with the reason, and the file is never opened. A missing
    file with a same-name file in another case is reported with that near
    miss. External citations (`referenced externally`, an `https://` link)
    are not files and are not checked.

    ## Why is this bad?
    A tag pointing at nothing is not evidence: the file was renamed, never
    committed, or invented along with its numbers.

    ## Example
    This fails when `docs/ci_pipeline.md` does not exist:
    ```markdown
    Every pull request runs six jobs (source: docs/ci_pipeline.md).
    ```

    Use instead (the file that exists):
    ```markdown
    Every pull request runs six jobs (source: docs/ci_architecture.md).
    ```

    ## Options
    This rule has no options; the sources root is `sources.root` or
    `--sources-root`.
    """

    id = "RL303"
    name = "cited-file-missing"
    summary = "Every cited path resolves to a file inside the sources root."
    default_severity = Severity.ERROR
    tags = ("evidence",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from reportlint import Status  # the evidence layer loads only when a rule runs

        ev = ctx.evidence
        for rc in ev.citations(doc):
            c, res = rc.citation, rc.resolution
            if rc.document:
                name = " ".join(c.text.split()) or c.path
                yield self.finding(c.span, f'the citation "{name}" names no file under the '
                                           "sources root (a document or record): there is "
                                           "nothing to cross-check; cite a path to make it "
                                           "checkable", severity=Severity.NOTE)
            elif res.status is Status.MISSING:
                near = [Related.in_file(p, "a file with this name in another case")
                        for p in res.candidates[:3]]
                hint = f" (did you mean {res.candidates[0]}?)" if res.candidates else (
                    f": {res.reason}" if res.reason and res.reason != "no such file" else "")
                what = "pattern" if c.is_glob else "file"
                yield self.finding(c.span, f'cited {what} "{c.path}" does not exist under the '
                                           f"sources root{hint}", near)
            elif res.status is Status.OUTSIDE:
                why = f": {res.reason}" if res.reason else ""
                yield self.finding(c.span, f'cited path "{c.path}" is outside the sources '
                                           f"root{why}; it is not read")
            elif res.status is Status.IGNORED:
                yield self.finding(c.span, f'cited file "{c.path}" is not evidence: '
                                           f"{res.reason}")
            elif res.status is Status.UNREADABLE:
                yield self.finding(c.span, f'cited file "{c.path}" cannot be read: it is '
                                           f"{res.reason}; nothing was checked against it",
                                   severity=Severity.WARNING)
            elif res.status is Status.RESOLVED:
                index = ev.index(res.path)
                if index.skipped:
                    yield self.finding(c.span, f'cited file "{c.path}" cannot be read: '
                                               f"{index.skipped}; nothing was checked "
                                               "against it", severity=Severity.WARNING)


RULES = [CitedFileMissing]
