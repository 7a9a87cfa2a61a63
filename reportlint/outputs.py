"""Where output goes: ``--output [FORMAT:]PATH`` specs and atomic file writes."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from reportlint.safeio import is_inside, not_regular


class OutputError(Exception):
    """An output that cannot be written, or a malformed ``--output``."""


class OutputSpec(NamedTuple):
    """One requested output: a format and where it goes."""

    fmt: str
    path: str
    replaces_stdout: bool  # a bare PATH takes the place of standard output


def parse_output(value: str, default_fmt: str, formats: Sequence[str]) -> OutputSpec:
    """``sarif:out.sarif`` adds an output; a bare ``out.txt`` redirects ``--format``."""
    head, sep, tail = value.partition(":")
    if sep and head in formats:
        if not tail:
            raise OutputError(f"--output {value}: no path after {head}:")
        return OutputSpec(head, tail, False)
    if sep and len(head) > 1 and "/" not in head and "\\" not in head and "." not in head:
        raise OutputError(f"--output {value}: unknown format {head!r}; "
                          f"formats: {', '.join(formats)}")
    return OutputSpec(default_fmt, value, True)


STALE_SECONDS = 600  # a temporary file this old was left by a killed run


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new file ``.NAME.RANDOM.tmp`` in ``folder``, created exclusively (mode 0600).

    ``O_EXCL`` (with ``O_NOFOLLOW``) never opens what is already there, so a
    symbolic link planted at a temporary name is not followed. What
    ``tempfile.mkstemp`` does, without its import (shutil, random, bz2, lzma:
    about 5 ms, an eighth of a SARIF run's extra cost).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        tmp = str(folder / f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files of ``name`` that a killed run left (older than
    STALE_SECONDS: a live run's temporary file lives for well under a second)."""
    prefix, now = f".{name}.", time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            rest = entry.name[len(prefix):-len(".tmp")]
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")
                    and len(rest) == 12 and all(c in "0123456789abcdef" for c in rest)):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if now - st.st_mtime > STALE_SECONDS and not stat.S_ISDIR(st.st_mode):
                    os.unlink(entry.path)  # a link is removed, never followed


def check_target(path: Path, root: Path | None = None) -> None:
    """Refuse to write ``path`` unless it is a regular file or absent, reached without a
    symbolic link out of ``root`` (default: the project of the working directory).

    A symbolic link as the target is refused, wherever it points: replacing it
    would turn ``/dev/stdout`` or a device into a regular file, and following
    it would write wherever a pull request pointed it. An explicit path
    outside the project (``-o /tmp/out.sarif``) is the user's choice.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    else:
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(f"cannot write {path}: it is a symbolic link; reportlint "
                              "writes only regular files (remove the link or name its target)")
        if not stat.S_ISREG(st.st_mode):
            raise OutputError(f"cannot write {path}: {not_regular(st.st_mode)}; reportlint "
                              "writes only regular files")
    if root is None:
        from reportlint.discovery import find_project_root

        root = find_project_root(Path.cwd())
    folder = path.parent if str(path.parent) else Path(".")
    named, top = os.path.normpath(os.path.abspath(folder)), os.path.realpath(root)
    if (named == top or named.startswith(top.rstrip(os.sep) + os.sep)) \
            and not is_inside(folder, top):
        raise OutputError(f"cannot write {path}: a symbolic link on the way leads outside "
                          "the project")


def write_atomic(path: Path, text: str, root: Path | None = None) -> None:
    """Write ``text`` to ``path`` so readers see the old file or the new one, never half.

    The text goes to a temporary file created exclusively in the same folder,
    is flushed to disk, then renamed over the target (atomic on POSIX and
    Windows; a rename replaces a link, it never writes through one). The
    target must be a regular file or absent (:func:`check_target`).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    check_target(path, root)
    _remove_stale(folder, path.name)
    try:
        fd, tmp = _temporary(folder, path.name)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o644)
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temporary file
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        raise
