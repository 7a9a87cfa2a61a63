"""The evidence facade: the one place where the evidence layer's per-run state lives.

Rules reach claims, citations with their resolution, cross-checks and
source lookups through ``ctx.evidence`` (an ``Evidence``), typed, never by
keying strings into a cache:

- per run (shared by every document): the settings, and the ``Sources`` of
  the sources root (file tree, resolver memo, indexes of cited files, the
  results of bounded searches);
- per document (through ``Context.memo``): the claims, the resolution of
  each citation, the cross-check of each covered claim.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reportlint.evidence.citations import Citation
from reportlint.evidence.claims import Claims, extract
from reportlint.evidence.resolve import Resolution, Status
from reportlint.evidence.settings import EvidenceSettings, settings_from
from reportlint.evidence.sources import Search, SourceIndex, Sources
from reportlint.evidence.verify import ClaimCheck, check_claim, report_in_root

if TYPE_CHECKING:
    from reportlint.document import Document
    from reportlint.rule import Context


class ResolvedCitation(NamedTuple):
    """A citation and where it leads.

    ``document`` is true for a tag that names no file (``(source: review
    §4.2)``, ``(source: OPS-07)`` when no such file exists): there is nothing
    to check, and nothing is missing either.
    """

    citation: Citation
    resolution: Resolution

    @property
    def document(self) -> bool:
        c = self.citation
        return c.kind == "bare" and (not c.path or self.resolution.status in (
            Status.MISSING, Status.OUTSIDE, Status.AMBIGUOUS))

    @property
    def status(self) -> Status:
        return self.resolution.status


class _RunState:
    """What one run shares across documents, for one settings value."""

    def __init__(self, root: Path, settings: EvidenceSettings,
                 excluded: tuple[str, ...]) -> None:
        self.settings = settings
        self.root = root
        self.excluded = excluded
        self._sources: Sources | None = None

    @property
    def sources(self) -> Sources:
        if self._sources is None:
            self._sources = Sources(self.root, self.settings, self.excluded)
        return self._sources


_UNRESOLVED = Resolution("", Status.EXTERNAL, reason="external")


class Evidence:
    """The evidence rules' view of one document and of the run's sources root."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        raw = ctx.evidence_config or {}
        excluded = tuple(str(p) for p in ctx.evidence_excluded)
        key = ("evidence", repr(sorted(raw.items())), str(ctx.root), excluded)
        state = ctx.shared.get(str(key))
        if not isinstance(state, _RunState):
            state = _RunState(ctx.root, settings_from(raw), excluded)
            ctx.shared[str(key)] = state
        self._state = state

    # ------------------------------------------------------------------ run-wide
    @property
    def settings(self) -> EvidenceSettings:
        return self._state.settings

    @property
    def sources(self) -> Sources:
        """Resolution, file indexes and bounded searches of the sources root."""
        return self._state.sources

    def index(self, path: str) -> SourceIndex:
        """The index of a resolved, root-relative file."""
        return self.sources.index(path)

    @property
    def report_path(self) -> Path:
        """The report's absolute path (citations also resolve against its folder)."""
        root = self._ctx.project_root
        return (Path(root) / self._ctx.path) if root else Path(self._ctx.path)

    @property
    def report_in_root(self) -> str | None:
        """The report's own path under the sources root, left out of every lookup."""
        return report_in_root(os.fspath(self.report_path), self.sources)

    # ------------------------------------------------------------------ per document
    def claims(self, doc: Document) -> Claims:
        """The document's claims, tags and tag problems, extracted once."""
        def compute() -> Claims:
            return extract(doc, self.settings)

        return self._ctx.memo("evidence.claims", compute)

    def citations(self, doc: Document) -> list[ResolvedCitation]:
        """Every citation of the document with its resolution, in document order."""
        def compute() -> list[ResolvedCitation]:
            claims = self.claims(doc)
            if not claims.tags:
                return []
            sources = self.sources
            report = self.report_path
            out = []
            for c in claims.citations:
                res = sources.resolve(c.path, report) if c.checkable else _UNRESOLVED
                out.append(ResolvedCitation(c, res))
            return out

        return self._ctx.memo("evidence.citations", compute)

    def checks(self, doc: Document) -> list[ClaimCheck]:
        """The cross-check of every covered hard claim, computed once."""
        def compute() -> list[ClaimCheck]:
            claims = self.claims(doc)
            resolved = {id(rc.citation): rc.resolution for rc in self.citations(doc)
                        if rc.resolution.ok and not rc.document}
            sources = self.sources
            return [check_claim(c, sources, resolved) for c in claims.hard if c.covered]

        return self._ctx.memo("evidence.checks", compute)

    def search(self, values: list[object]) -> Search:
        """One bounded search of the root for several numbers (see ``Sources.search``);
        the report itself is not read."""
        me = self.report_in_root
        return self.sources.search(values, (me,) if me else ())  # type: ignore[arg-type]
