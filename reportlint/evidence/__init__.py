"""The evidence layer: source tags, hard claims, citation resolution, source indexes.

Rules RL301-RL308 read reports and sources through this package only:

- ``extract(doc, settings)`` -> ``Claims``: every claim unit with its numbers
  and covering tags, every tag, every tag problem (``claims``, ``tags``,
  ``citations``, ``numbers``, ``sentences``, ``spans``);
- ``Sources(root, settings)``: resolution of cited paths (``resolve``), one
  ``SourceIndex`` per cited file (``sourceindex``, ``anchors``,
  ``structured``), and reverse lookups of numbers across the root (``repo``).

``settings_for``, ``claims_for`` and ``sources_for`` share them through a rule
``Context``: the settings (from the configuration's ``evidence:`` mapping) and
the sources once per run, the claims once per document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.evidence.anchors import AnchorKey, anchor_key
from reportlint.evidence.claims import Claim, Claims, Cover, extract
from reportlint.evidence.numbers import NumberPolicy, NumberToken, canonical
from reportlint.evidence.numbers import scan as scan_numbers
from reportlint.evidence.repo import Sources, Suggestion
from reportlint.evidence.resolve import FileTree, Resolution, Status, find_root
from reportlint.evidence.settings import DEFAULT_SETTINGS, EvidenceSettings, settings_from
from reportlint.evidence.sourceindex import Location, SourceIndex, SourceSection
from reportlint.evidence.tags import Citation, Tag, TagProblem, scan_tags, source_column

if TYPE_CHECKING:
    from reportlint.document import Document
    from reportlint.rule import Context

__all__ = [
    "DEFAULT_SETTINGS", "AnchorKey", "Citation", "Claim", "Claims", "Cover",
    "EvidenceSettings", "FileTree", "Location", "NumberPolicy", "NumberToken",
    "Resolution", "SourceIndex", "SourceSection", "Sources", "Status", "Suggestion",
    "Tag", "TagProblem", "anchor_key", "canonical", "claims_for", "extract", "find_root",
    "scan_numbers", "scan_tags", "settings_for", "settings_from", "source_column",
    "sources_for",
]


def settings_for(ctx: Context) -> EvidenceSettings:
    """The run's evidence settings, read once from ``ctx.evidence_config``."""
    raw = ctx.evidence_config
    key = f"evidence.settings.{sorted(raw.items())!r}"
    found = ctx.shared.get(key)
    if not isinstance(found, EvidenceSettings):
        found = settings_from(raw)
        ctx.shared[key] = found
    return found


def claims_for(ctx: Context, doc: Document,
               settings: EvidenceSettings = DEFAULT_SETTINGS) -> Claims:
    """The document's claims, extracted once and shared by all rules of this document."""
    return ctx.memo(f"evidence.claims.{settings!r}", lambda: extract(doc, settings))


def sources_for(ctx: Context, settings: EvidenceSettings = DEFAULT_SETTINGS) -> Sources:
    """The run's ``Sources`` for ``ctx.root``, created once and shared by all documents."""
    key = f"evidence.sources.{ctx.root}.{settings!r}"
    found = ctx.shared.get(key)
    if not isinstance(found, Sources):
        found = Sources(ctx.root, settings)
        ctx.shared[key] = found
    return found
