"""A linted document's model is freed by reference counting, not left to the cyclic GC.

The engine pauses the cyclic collector while it lints (issue 6), so a model
held by a reference cycle stays in memory until a later collection, which
then has to walk it: the prose walk used to be a nested function calling
itself, a cycle that held the whole document. No part of the model or of
what the rules derive from it may form a cycle with the document.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from reportlint.config import load_config
from reportlint.document import Document
from reportlint.engine import Run, lint_text

REPO = Path(__file__).resolve().parents[2]
TEXT = """# Report

## 1. Results

Tests pass: **1,204** of 1,210 (source: a.md §Results). See <http://x.y/3> and
`code 12` with <!-- note --> [a *link*](http://x.y) and ~~old~~ text.

- item with 70% (source: b.md §Coverage)
  - nested *item*

| Metric | Value | Source |
|---|---|---|
| tests | 1,204 | a.md §Results |

> quoted **1.5x** claim
"""


def test_the_model_is_freed_without_the_cyclic_collector() -> None:
    gc.collect()
    gc.disable()
    try:
        doc = Document(TEXT, "r.md")
        ref = weakref.ref(doc)
        del doc
        assert ref() is None
    finally:
        gc.enable()


def test_a_linted_document_is_freed_without_the_cyclic_collector() -> None:
    cfg, registry = load_config(profile="executive-summary", cwd=REPO)
    run = Run.create(cfg, registry, REPO)
    gc.collect()
    gc.disable()
    try:
        result = lint_text(run, TEXT, "r.md")
        assert result.doc is not None and result.findings
        ref = weakref.ref(result.doc)
        del result
        assert ref() is None
    finally:
        gc.enable()
