"""Sources: the run-wide view of the sources root, shared by every evidence rule.

One ``Sources`` per run (per root and settings) holds the file tree, the
resolver's memo, the cache of ``SourceIndex`` (one per cited file, whichever
rule asks first), and, built lazily on first use, a reverse index of numbers
across the evidence files under the root (documents and data; see
``EvidenceSettings.evidence_suffixes``). The reverse index answers "where else
does this number occur?" and "where do this claim's numbers occur together?".
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlint.evidence.resolve import FileTree, OutsideRootError, Resolution, Resolver, Status
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings
from reportlint.evidence.sourceindex import (
    Location,
    LookupValue,
    SourceIndex,
    lookup_keys,
)
from reportlint.span import Span

#: Plain-text files have no sections: numbers "occur together" within this many lines.
TEXT_WINDOW = 20


@dataclass(frozen=True)
class Suggestion:
    """A place where several numbers of a claim occur close together.

    ``span`` runs from the first to the last of them; ``values`` are the
    claim's numbers found there (by key), ``locations`` each occurrence.
    """

    span: Span
    values: tuple[Decimal, ...]
    locations: tuple[Location, ...]

    @property
    def path(self) -> str:
        return self.span.path


class Sources:
    """Resolution and indexes for one sources root, cached for the whole run."""

    def __init__(self, root: str | os.PathLike[str],
                 settings: EvidenceSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        self.tree = FileTree(root, settings.skip_dirs)
        self.resolver = Resolver(self.tree)
        self._indexes: dict[str, SourceIndex] = {}
        self._reverse: dict[Decimal, list[Location]] | None = None

    @property
    def root(self) -> str:
        return self.tree.real_root

    def resolve(self, cited: str, report: str | os.PathLike[str] | None = None) -> Resolution:
        return self.resolver.resolve(cited, report)

    def index(self, path: str) -> SourceIndex:
        """The index of root-relative ``path`` (a resolved file), built on first use."""
        hit = self._indexes.get(path)
        if hit is None:
            hit = self._build(path)
            self._indexes[path] = hit
        return hit

    def index_for(self, resolution: Resolution) -> SourceIndex | None:
        """The index of a resolved citation; None for anything but a resolved file."""
        if resolution.status is not Status.RESOLVED:
            return None
        return self.index(resolution.path)

    def _build(self, path: str) -> SourceIndex:
        limit = self.settings.max_file_bytes
        try:
            data = self.tree.read_bytes(path, limit)
        except OutsideRootError:
            return SourceIndex.skip(path, "outside the sources root")
        except OSError as exc:
            return SourceIndex.skip(path, f"unreadable: {exc.strerror or exc}")
        return SourceIndex.build(path, data, limit)

    # ------------------------------------------------------------------ reverse lookups
    def _reverse_index(self) -> dict[Decimal, list[Location]]:
        if self._reverse is None:
            reverse: dict[Decimal, list[Location]] = defaultdict(list)
            suffixes = tuple(s.lower() for s in self.settings.evidence_suffixes)
            done: set[str] = set()
            for path in self.tree.files:
                if not path.lower().endswith(suffixes) or self.tree.probe(path) != "file":
                    continue
                real = self.tree.relative(path)  # a link inside the root counts once
                if real in done:
                    continue
                done.add(real)
                idx = self.index(real)
                for key, locs in idx.numbers.items():
                    reverse[key].extend(locs)
            self._reverse = reverse
        return self._reverse

    def occurrences(self, value: LookupValue, *, exclude: Iterable[str] = (),
                    limit: int | None = None) -> list[Location]:
        """Where ``value`` occurs in the evidence files under the root, in path order.

        ``exclude`` names files to leave out (typically the report itself).
        """
        skip = set(exclude)
        reverse = self._reverse_index()
        seen: set[Location] = set()
        out: list[Location] = []
        for key in lookup_keys(value):
            for loc in reverse.get(key, ()):
                if loc.path not in skip and loc not in seen:
                    seen.add(loc)
                    out.append(loc)
        out.sort()
        return out[:limit] if limit is not None else out

    def suggest(self, values: Sequence[LookupValue], *, limit: int = 3,
                exclude: Iterable[str] = ()) -> list[Suggestion]:
        """Up to ``limit`` places where the given numbers occur together.

        A place is a section of a Markdown file (heading or bold label), a key
        of a JSON/YAML file, or a window of ``TEXT_WINDOW`` lines of another
        file. Places holding more of the distinct numbers rank first (at
        least two when two or more are asked for), then tighter ones, then
        by path. Work is linear in the number of occurrences.
        """
        wanted = [lookup_keys(v) for v in values]
        distinct = {keys[0] for keys in wanted}
        need = min(2, len(distinct))
        if need == 0:
            return []
        skip = set(exclude)
        reverse = self._reverse_index()
        groups: dict[tuple[str, int], dict[Decimal, list[Location]]] = defaultdict(
            lambda: defaultdict(list))
        for keys in wanted:
            primary = keys[0]
            for key in keys:
                for loc in reverse.get(key, ()):
                    if loc.path in skip:
                        continue
                    groups[(loc.path, self._place(loc))][primary].append(loc)
        ranked = []
        for (path, _place), found in groups.items():
            if len(found) < need:
                continue
            locs = sorted({loc for ls in found.values() for loc in ls})
            first, last = locs[0], locs[-1]
            span = Span.at(first.line, first.column, last.line, last.end_column, path)
            ranked.append((-len(found), last.line - first.line, path, first.line,
                           Suggestion(span, tuple(sorted(found)), tuple(locs))))
        ranked.sort(key=lambda r: r[:4])
        return [r[4] for r in ranked[:limit]]

    def _place(self, loc: Location) -> int:
        idx = self._indexes.get(loc.path)
        sec = idx.section_at(loc.line) if idx is not None else None
        if sec is not None:
            return sec.line
        return -1 - loc.line // TEXT_WINDOW
