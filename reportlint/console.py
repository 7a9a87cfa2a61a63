"""The ``reportlint`` command's entry point, tuned for a short-lived process.

Start-up (imports, configuration, rule classes) allocates tens of thousands of
objects that live until the process ends; the cyclic garbage collector's
passes over them find nothing to free and cost several milliseconds of every
run. The collector is paused until the documents are about to be linted, then
what start-up made is frozen (``gc.freeze``: never scanned again) and
collection resumes, so linting a corpus does not accumulate garbage.

The cache folder is also set before the rest of reportlint is imported, so
the patterns its modules compile at import come from the cache
(:mod:`reportlint.patterns`); the command line then sets it for good.
"""

from __future__ import annotations

import gc
import sys

_paused = False


def run() -> None:
    """``reportlint`` on the command line."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True
    # the cache, before the modules that compile patterns at import are loaded
    from reportlint import cache
    from reportlint.discovery import early_cache_folder

    cache.configure(early_cache_folder(sys.argv[1:]))
    from reportlint.cli import main

    main()


def startup_done() -> None:
    """Resume garbage collection once start-up is over (no-op unless ``run`` paused it)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
