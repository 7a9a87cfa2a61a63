"""Parse budgets: a hostile or pathological report must not hang or crash a run.

marko, the Markdown parser, is exponential in block-quote nesting (24 levels
of ``> `` take about half a second, each further level doubles it) and
recurses once per nesting level of lists and quotes (``RecursionError`` past
a few hundred). Other inputs (long runs of ``[``, unclosed links, growing
backtick strings) are merely slow. So every parse is guarded three ways:

1. a size limit, checked before the file is decoded (``max-bytes``);
2. a nesting limit, checked by a linear pre-scan of line prefixes
   (``max-nesting``: block-quote markers and list markers that open
   containers, plus list indentation);
3. a wall-clock budget for the parse itself (``parse-seconds``), enforced
   with a timer signal where the platform has one (the main thread on POSIX).

A document over a limit is not linted; it gets an RL905 notice naming the
file and the limit, and the other files are still linted.
"""

from __future__ import annotations

import contextlib
import math
import re
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint.options import opt

MAX_PARSE_SECONDS = 3600.0


@dataclass(frozen=True)
class Limits:
    """The ``limits`` section: how much of a report is read, and for how long."""

    max_bytes: int = opt(5_000_000, "Largest report read, in bytes.")
    max_nesting: int = opt(32, "Deepest nesting of lists and block quotes together.")
    max_quote_depth: int = opt(16, "Deepest nesting of block quotes alone (the parser's "
                                   "time doubles with each level past about 20).")
    parse_seconds: float = opt(10.0, "Longest time one parse may take, in seconds.")
    rule_seconds: float = opt(10.0, "Longest time one rule may take on one document, in "
                                    "seconds.")

    def __post_init__(self) -> None:
        if min(self.max_bytes, self.max_nesting, self.max_quote_depth) < 1 or \
                self.parse_seconds <= 0 or self.rule_seconds <= 0:
            raise ValueError("limits must be positive")
        # .inf or .nan would reach the timer as "no budget" or an error at every parse
        if not math.isfinite(self.parse_seconds) or self.parse_seconds > MAX_PARSE_SECONDS:
            raise ValueError(f"parse-seconds must be a number of seconds from 0 to "
                             f"{MAX_PARSE_SECONDS:g}, got {self.parse_seconds}")


class LimitExceeded(Exception):
    """A document is over one of the limits; the message says which."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


# container markers at the start of a line: ">" or a list marker followed by a space
_PREFIX_RE = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))")
_FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")


def nesting_depth(line: str) -> tuple[int, int]:
    """(containers, block quotes) opened by the prefix of ``line``."""
    depth = quotes = 0
    pos = 0
    indent = len(line) - len(line.lstrip(" \t"))
    while True:
        m = _PREFIX_RE.match(line, pos)
        if not m:
            break
        depth += 1
        quotes += m.group(0).endswith(">")
        pos = m.end()
    if depth and indent >= 4:
        depth += indent // 4  # indented list items nest under earlier ones
    return depth, quotes


def check_nesting(text: str, limit: int, quote_limit: int) -> None:
    """Raise LimitExceeded at the first line nested deeper than the limits.

    Lines inside fenced code are skipped; the scan is linear in the text.
    """
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), 1):
        m = _FENCE_RE.match(line)
        if m:
            marker = m.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        if line[:1] in (">", " ", "\t", "-", "*", "+") or line[:1].isdigit():
            depth, quotes = nesting_depth(line)
            if quotes > quote_limit:
                raise LimitExceeded(
                    f"block quotes nested {quotes} levels deep at line {number}; the limit "
                    f"is {quote_limit} (limits.max-quote-depth)", number)
            if depth > limit:
                raise LimitExceeded(
                    f"nested {depth} levels deep at line {number}; the limit is {limit} "
                    "(limits.max-nesting)", number)


class _Timeout(BaseException):
    """Raised from the timer signal; a BaseException so no `except Exception` eats it."""


@contextlib.contextmanager
def time_budget(seconds: float, what: str,
                option: str = "limits.parse-seconds") -> Iterator[None]:
    """Interrupt the block after ``seconds`` with LimitExceeded, where possible.

    Uses ``SIGALRM`` through ``setitimer``, so only in the main thread of a
    POSIX process; elsewhere the block runs unbounded (the size and nesting
    limits still apply).
    """
    usable = (hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise LimitExceeded(f"{what} took longer than {seconds:g} s "
                            f"({option})") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
