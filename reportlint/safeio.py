"""Reading files of an untrusted tree: regular files only, bounded, never a hang.

Reports, configurations and baselines come from pull requests. A path there
can be a named pipe (opening it blocks until a writer comes), a device
(``/dev/zero`` never ends), a symbolic link out of the project or a link
loop. So every such read goes through :func:`read_regular`: ``stat`` first
and refuse what is not a regular file, open without blocking, check again on
the open descriptor (the path may have been swapped in between), and read at
most the allowed size plus one byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link"))


class Refused(OSError):
    """A file that is not read: not a regular file, or larger than allowed."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size  # set when the file is too large


def kind(mode: int) -> str:
    """What a non-regular file is, for messages: "a named pipe", "a character device"…"""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def not_regular(mode: int) -> str:
    return f"not a regular file ({kind(mode)})"


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file ``path`` (links followed), at most ``max_bytes``.

    Raises :class:`Refused` for a file that is not regular or is too large,
    and ``OSError`` (``FileNotFoundError``, ``PermissionError``, ``ELOOP``…)
    as ``open`` would.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise Refused(not_regular(st.st_mode))
    if st.st_size > max_bytes:
        raise Refused("too large", st.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped after the first stat
            raise Refused(not_regular(st.st_mode))
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # grew after the stat
        raise Refused("too large", len(data))
    return data


def realpath(path: str | os.PathLike[str]) -> Path:
    """``os.path.realpath`` as a Path: unlike ``Path.resolve`` before Python 3.13, it
    does not raise on a symbolic-link loop."""
    return Path(os.path.realpath(path))


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Whether ``path``, links resolved, is ``root`` or inside it."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)
