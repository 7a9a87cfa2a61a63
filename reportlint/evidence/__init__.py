"""The evidence layer: source tags, hard claims, citation resolution, the cross-check.

One tag goes from the report to its finding through six modules:

- ``tags``: find tags in the report's raw source (the paren form, Source
  columns, ``Source:`` lines, footnotes);
- ``citations``: the citation grammar of a tag body;
- ``claims``: hard claims, their numbers (``numbers``: quantities, units,
  what is not a claim) and the tags that cover them;
- ``resolve``: cited paths inside the sources root (confinement, globs,
  ``.gitignore`` and excludes: what is evidence);
- ``sources``: the index of each cited file (headings, lines, numbers,
  structured keys) and bounded searches elsewhere under the root;
- ``verify``: the cross-check.

``state.Evidence`` is the facade rules use (``ctx.evidence``), and the one
place where the memoised per-run and per-document state lives. The public
types are exported from ``reportlint``.
"""

from __future__ import annotations

from reportlint.evidence.anchors import AnchorKey, anchor_key
from reportlint.evidence.claims import Claim, Claims, Cover, extract
from reportlint.evidence.numbers import NumberPolicy, NumberToken, canonical
from reportlint.evidence.numbers import scan as scan_numbers
from reportlint.evidence.resolve import FileTree, Resolution, Status, find_root
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings, settings_from
from reportlint.evidence.sources import (
    Location,
    Search,
    SourceIndex,
    Sources,
    SourceSection,
    Suggestion,
)
from reportlint.evidence.tags import Citation, Tag, TagProblem, scan_tags, source_column

__all__ = [
    "DEFAULT_SETTINGS", "AnchorKey", "Citation", "Claim", "Claims", "Cover",
    "EvidenceSettings", "FileTree", "Location", "NumberPolicy", "NumberToken",
    "Resolution", "Search", "SourceIndex", "SourceSection", "Sources", "Status", "Suggestion",
    "Tag", "TagProblem", "anchor_key", "canonical", "extract", "find_root",
    "scan_numbers", "scan_tags", "settings_from", "source_column",
]
