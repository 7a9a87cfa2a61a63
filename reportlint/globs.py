"""Glob patterns for `overrides: files:`, matched against posix paths.

Patterns are relative to the configuration file's folder, as in
markdownlint-cli2 and ESLint: `*` and `?` stay within a folder, `**`
crosses folders, `[abc]` is a character class, and a pattern without a `/`
matches a file name in any folder (`*.audit.md`), as in `.gitignore`.
``glob.translate`` does this from Python 3.13 only; the code must run on
3.10, hence this small translation (fnmatch's classes are reused).
"""

from __future__ import annotations

import fnmatch
import functools
import re


def glob_match(pattern: str, path: str) -> bool:
    """Whether the posix ``path`` (relative, no leading ``./``) matches ``pattern``."""
    return _compile(pattern).fullmatch(path) is not None


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str]:
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    if "/" not in pat.rstrip("/"):
        pat = "**/" + pat
    if pat.endswith("/"):
        pat += "**"
    out = []
    i = 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[":
            j = pat.find("]", i + 2)
            if j == -1:
                out.append(re.escape("["))
                i += 1
            else:
                # fnmatch's translation of one class, without its anchors
                out.append(fnmatch.translate(pat[i:j + 1])[4:-3])
                i = j + 1
        else:
            out.append(re.escape(pat[i]))
            i += 1
    return re.compile("".join(out))
