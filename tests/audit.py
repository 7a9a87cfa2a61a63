"""One process-wide audit hook recording the files reportlint opens or lists.

Audit hooks cannot be removed, so a single hook is installed on import and
records only inside ``recording()``; every confinement test shares it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

_EVENTS: list[tuple[str, str]] = []
_RECORDING = [False]


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING[0] and event in ("open", "os.listdir", "os.scandir") and args:
        target = args[0]
        if isinstance(target, (str, bytes, os.PathLike)):
            _EVENTS.append((event, os.fsdecode(target)))
        elif target is None:  # os.listdir() / os.scandir() of the current folder
            _EVENTS.append((event, os.getcwd()))
        # an int is a file descriptor: the os.open before it was recorded


sys.addaudithook(_hook)


@contextlib.contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """(event, path) of every open/listdir/scandir inside the block."""
    _EVENTS.clear()
    _RECORDING[0] = True
    try:
        yield _EVENTS
    finally:
        _RECORDING[0] = False
