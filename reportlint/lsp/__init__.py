"""``reportlint lsp``: a Language Server Protocol server over standard input and output.

Editors get reportlint's findings while the report is written: diagnostics on
open, change (debounced) and save, re-lints when a cited file is saved, hover
on a source tag, and a quick fix that inserts a suppression comment. It needs
pygls (``pip install 'reportlint[lsp]'``), which does the protocol; linting is
the engine's (``engine.lint_text`` on the editor's text).

- ``projects``: which configuration and Run lint an open report;
- ``convert``: findings as diagnostics (positions in the client's units);
- ``actions``: where a suppression comment goes;
- ``hover``: what a source tag resolved to (the one reader of the evidence API);
- ``server``: the protocol handlers.
"""

from __future__ import annotations


def available() -> str | None:
    """None when the server can run; else why not, worded for the user."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        return ("reportlint lsp needs pygls, which is not installed: "
                "pip install 'reportlint[lsp]'")
    return None


def serve() -> None:
    from reportlint.lsp.server import serve as run

    run()
