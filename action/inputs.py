"""The GitHub Action's ``paths`` and ``args`` inputs as argument lists (used by action.yml).

    python inputs.py OUT_DIR

reads ``INPUT_PATHS`` and ``INPUT_ARGS`` from the environment and writes
``OUT_DIR/paths`` and ``OUT_DIR/args``: each argument followed by a NUL byte,
which bash reads into an array. Nothing is ever evaluated by a shell.

- Splitting is a POSIX shell's word splitting without its expansions: spaces,
  tabs and newlines separate words, ``'…'`` and ``"…"`` quote, and a
  backslash is an ordinary character, so Windows paths keep theirs
  (``docs\\report.md``).
- ``paths`` patterns with ``*``, ``?``, ``[…]`` or ``**`` expand the way the
  configuration's ``documents`` do (``glob.glob``, recursive, sorted),
  relative to the working directory. A pattern that matches nothing is a
  warning; a ``paths`` input that names something but matches nothing at all
  is an error (an empty list would lint the configured documents instead).
  A name that exists as written is kept even if it looks like a pattern
  (``report [draft].md``).

A mistake (an unbalanced quote, nothing matched) is printed as a workflow
``::error`` command, escaped, and the exit code is 2. Standard library only: it
runs before anything else is known to work.
"""

from __future__ import annotations

import glob
import os
import shlex
import sys
from pathlib import Path

TITLE = "reportlint action"


class InputError(Exception):
    """A mistake in an input, worded for the person who wrote the workflow."""


def _escape(text: str) -> str:
    """The workflow-command ``escapeData`` of GitHub's toolkit: a message cannot start
    a second command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _unclosed_quote(value: str) -> tuple[str, int] | None:
    """The quote character left open in ``value`` and its 1-based position, if any."""
    opened: tuple[str, int] | None = None
    for i, ch in enumerate(value, 1):
        if opened is None and ch in "'\"":
            opened = (ch, i)
        elif opened is not None and ch == opened[0]:
            opened = None
    return opened


def split(name: str, value: str) -> list[str]:
    """``value`` split into words like a shell would, backslashes kept."""
    unclosed = _unclosed_quote(value)
    if unclosed is not None:
        quote, at = unclosed
        line = value.count("\n", 0, at - 1) + 1
        where = f"character {at}" if "\n" not in value else \
            f"line {line}, character {at - value.rfind(chr(10), 0, at - 1) - 1}"
        kind = "single" if quote == "'" else "double"
        raise InputError(f"the {name} input has an unbalanced quote: the {kind} quote "
                         f"({quote}) at {where} is never closed")
    lexer = shlex.shlex(value, posix=True)
    lexer.whitespace_split = True
    lexer.escape = ""  # a backslash is part of a Windows path, not an escape
    lexer.commenters = ""  # a `#` is part of a name
    return list(lexer)


def expand(patterns: list[str]) -> tuple[list[str], list[str]]:
    """The paths the patterns name, and a warning for each pattern that matched nothing."""
    out: list[str] = []
    warnings: list[str] = []
    for pattern in patterns:
        if not glob.has_magic(pattern) or os.path.lexists(pattern):
            out.append(pattern)
            continue
        matches = sorted(glob.glob(pattern, recursive=True))
        if not matches:
            warnings.append(f"the paths input: {pattern} matches no file")
        out.extend(matches)
    if patterns and not out:
        raise InputError("the paths input matched no file: "
                         + ", ".join(patterns) + " (nothing was linted)")
    return list(dict.fromkeys(out)), warnings


def _write(path: Path, words: list[str]) -> None:
    # the names' own bytes: os.fsencode undoes the surrogate escapes of undecodable names
    path.write_bytes(b"".join(os.fsencode(w) + b"\0" for w in words))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: inputs.py OUT_DIR", file=sys.stderr)
        return 2
    out = Path(argv[1])
    try:
        paths, warnings = expand(split("paths", os.environ.get("INPUT_PATHS", "")))
        args = split("args", os.environ.get("INPUT_ARGS", ""))
    except InputError as exc:
        print(f"::error title={TITLE}::{_escape(str(exc))}")
        return 2
    for warning in warnings:
        print(f"::warning title={TITLE}::{_escape(warning)}")
    _write(out / "paths", paths)
    _write(out / "args", args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
