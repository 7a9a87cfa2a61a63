"""Resolving cited paths inside the sources root, and reading nothing outside it.

A citation resolves, in this order, against:

1. the sources root (``docs/tuning.md``);
2. the report's folder (``../README.md`` from ``docs/report.md``);
3. the tree, by file name — a unique file whose root-relative path ends with
   the cited path (``M31_audit.md`` found at ``docs/milestones/M31_audit.md``);
   several such files make the citation ambiguous.

Some citations can never resolve, whatever exists: an absolute path, ``~``,
a ``file://`` URL, a Windows drive or UNC path, or ``..`` climbing out of the
root from every base. A path whose real location (after symbolic links)
leaves the root is refused too. These are ``OUTSIDE`` with the reason.

Not evidence, whatever exists: files the repository ignores (its
``.gitignore`` files, read with ``pathspec`` for exact git semantics),
version-control folders and the configured ``skip_dirs``, the ``exclude``
patterns (vendored and generated trees), and the run's own outputs,
baseline and configuration (``excluded``). Such a file is not listed, not
found by name, and a citation of it is ``IGNORED`` with the reason.

A special file (a FIFO, a socket, a device) is ``UNREADABLE``, decided by
``stat`` before anything is opened, so a cited FIFO never blocks the run.

Containment is checked on ``os.path.realpath`` before anything is opened,
and the tree walk never descends into symbolic links, so no file outside the
root is ever opened or listed. ``http(s)`` URLs are ``EXTERNAL``: nothing to
open, nothing to check.
"""

from __future__ import annotations

import enum
import functools
import os
import posixpath
import re
import stat
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from reportlint.evidence.settings import DEFAULT_SKIP_DIRS


class Status(enum.Enum):
    RESOLVED = "resolved"
    DIRECTORY = "directory"
    MISSING = "missing"
    AMBIGUOUS = "ambiguous"
    OUTSIDE = "outside"
    EXTERNAL = "external"
    IGNORED = "ignored"  # exists, but is not evidence (.gitignore, excludes, own outputs)
    UNREADABLE = "unreadable"  # exists, but is no regular file (FIFO, socket, device)
    GLOB = "glob"  # a pattern: ``candidates`` are the files it matches


class Resolution(NamedTuple):
    """Where a cited path leads.

    ``path`` (for ``RESOLVED`` and ``DIRECTORY``) is the real location,
    relative to the root, posix. ``candidates`` lists the matches of an
    ambiguous name, or near misses (same name, other case) of a missing one.
    ``via`` says which step found it: ``root``, ``report`` or ``name``.
    """

    cited: str
    status: Status
    path: str = ""
    candidates: tuple[str, ...] = ()
    reason: str = ""
    via: str = ""

    @property
    def ok(self) -> bool:
        return self.status in (Status.RESOLVED, Status.DIRECTORY, Status.GLOB)

    @property
    def files(self) -> tuple[str, ...]:
        """The files to verify against: the resolved file, or a glob's matches."""
        if self.status is Status.RESOLVED:
            return (self.path,)
        if self.status is Status.GLOB:
            return self.candidates
        return ()


class OutsideRootError(OSError):
    """Raised instead of opening a path whose real location leaves the root."""


_DEAD_LINK = "a symbolic link that leads nowhere (a broken link or a loop)"
_DRIVE = re.compile(r"^[A-Za-z]:(?:[\\/]|$)")
_HTTP = re.compile(r"(?i)^https?://")
_FILE_URL = re.compile(r"(?i)^file:")


def find_root(start: str | os.PathLike[str]) -> Path:
    """The repository root above ``start`` (the folder holding ``.git``), else ``start``."""
    here = Path(start).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def within(real: str, root_real: str) -> bool:
    """``real`` is ``root_real`` or below it (both already real paths)."""
    if real == root_real:
        return True
    prefix = root_real if root_real.endswith(os.sep) else root_real + os.sep
    return real.startswith(prefix)


class FileTree:
    """The files under the root, listed once per run, for lookups by name.

    Skipped folders (``skip_dirs``, ``*.egg-info`` and any virtualenv, i.e. a
    folder holding ``pyvenv.cfg``) are not listed. Symbolic links are listed
    as entries but never followed; whether a linked file stays inside the
    root is decided when it is resolved.
    """

    def __init__(self, root: str | os.PathLike[str],
                 skip_dirs: tuple[str, ...] = DEFAULT_SKIP_DIRS,
                 exclude: tuple[str, ...] = (),
                 excluded: tuple[str, ...] = ()) -> None:
        self.root = Path(root)
        self.real_root = os.path.realpath(self.root)
        self.skip_dirs = frozenset(skip_dirs)
        self.ignore = Ignore(self.real_root, exclude, excluded)
        self._files: list[str] | None = None
        self._links: set[str] = set()  # listed entries that are symbolic links
        self._dirs: set[str] = set()
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_folded: dict[str, list[str]] = defaultdict(list)
        self._dirs_by_name: dict[str, list[str]] = defaultdict(list)

    @property
    def files(self) -> list[str]:
        """Root-relative posix paths of every listed file (and file link), sorted."""
        if self._files is None:
            self._walk()
        assert self._files is not None
        return self._files

    def by_name(self, name: str) -> list[str]:
        self.files  # noqa: B018 - builds the listing on first use
        return self._by_name.get(name, [])

    def by_folded_name(self, name: str) -> list[str]:
        self.files  # noqa: B018
        return self._by_folded.get(name.casefold(), [])

    def dirs_by_name(self, name: str) -> list[str]:
        self.files  # noqa: B018
        return self._dirs_by_name.get(name, [])

    def _walk(self) -> None:
        files: list[str] = []
        stack: list[tuple[str, str]] = [("", self.real_root)]
        while stack:
            rel, folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = list(it)
            except OSError:
                continue
            if rel and any(e.name == "pyvenv.cfg" for e in entries):
                continue  # a virtualenv, whatever its name
            for e in entries:
                r = f"{rel}/{e.name}" if rel else e.name
                try:
                    if e.is_symlink():
                        if not self.ignore.reason(r, False):
                            files.append(r)  # never followed here
                            self._links.add(r)
                    elif e.is_dir(follow_symlinks=False):
                        if e.name in self.skip_dirs or e.name.endswith(".egg-info") or \
                                self.ignore.reason(r, True):
                            continue
                        self._dirs.add(r)
                        self._dirs_by_name[e.name].append(r)
                        stack.append((r, e.path))
                    elif e.is_file(follow_symlinks=False) and not self.ignore.reason(r, False):
                        files.append(r)
                except OSError:
                    continue
        files.sort()
        for f in files:
            name = f.rsplit("/", 1)[-1]
            self._by_name[name].append(f)
            self._by_folded[name.casefold()].append(f)
        self._files = files

    def is_plain(self, rel: str) -> bool:
        """A listed regular file reached without any link: its real path is root/rel.

        The walk descends into no linked folder and lists links apart, so such a
        file needs no ``realpath`` (a search over thousands of files saves one each).
        """
        self.files  # noqa: B018
        return rel not in self._links and rel in self._plain

    @functools.cached_property
    def _plain(self) -> frozenset[str]:
        return frozenset(f for f in self.files if f not in self._links)

    # ------------------------------------------------------------------ safe access
    def real(self, rel: str) -> str:
        """The real path of root-relative ``rel``; ``OutsideRootError`` if it leaves the root."""
        real = os.path.realpath(os.path.join(self.real_root, rel))
        if not within(real, self.real_root):
            raise OutsideRootError(f"{rel}: its real location is outside the sources root")
        return real

    def probe(self, rel: str) -> str:
        """``file``, ``dir``, ``outside``, ``missing`` or ``special:<what>`` for a
        root-relative path (``stat`` only: nothing is opened)."""
        try:
            real = self.real(rel)
        except OutsideRootError:
            return "outside"
        try:
            st = os.stat(real)
        except OSError:
            return "missing"
        if stat.S_ISDIR(st.st_mode):
            return "dir"
        if stat.S_ISREG(st.st_mode):
            return "file"
        return "special:" + _special_kind(st.st_mode)

    def is_link(self, rel: str) -> bool:
        """``rel`` itself is a symbolic link (not followed; nothing is opened)."""
        return os.path.islink(os.path.join(self.real_root, rel))

    def relative(self, rel: str) -> str:
        """The real location of ``rel``, relative to the root (posix)."""
        real = self.real(rel)
        out = os.path.relpath(real, self.real_root)
        return "." if out == "." else out.replace(os.sep, "/")

    def read_bytes(self, rel: str, limit: int) -> bytes:
        """Up to ``limit + 1`` bytes of a regular file inside the root.

        Containment is checked on the real path first; the final component is
        opened without following links and must be a regular file (so a FIFO
        cannot block the run).
        """
        real = self.real(rel)
        st = os.stat(real)
        if not stat.S_ISREG(st.st_mode):  # before open: a FIFO would block it
            raise OSError(f"{rel}: {_special_kind(st.st_mode)}, not a regular file")
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(real, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(f"{rel}: not a regular file")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                return fh.read(limit + 1)
        finally:
            os.close(fd)


class Resolver:
    """Resolves citations against one root. Results are memoised per (path, folder)."""

    def __init__(self, tree: FileTree) -> None:
        self.tree = tree
        self._memo: dict[tuple[str, str], Resolution] = {}
        # the report's folder takes a realpath; every citation of a report asks for it
        self._folders: dict[str, str | None] = {}

    def resolve(self, cited: str, report: str | os.PathLike[str] | None = None) -> Resolution:
        """Resolve ``cited`` for a report at ``report`` (absolute, or relative to the root)."""
        rkey = os.fspath(report) if report is not None else "\0"
        if rkey in self._folders:
            folder = self._folders[rkey]
        else:
            folder = self._folders[rkey] = self._report_folder(report)
        key = (cited, folder if folder is not None else "\0")
        hit = self._memo.get(key)
        if hit is None:
            hit = self._resolve(cited, folder)
            self._memo[key] = hit
        return hit

    def _report_folder(self, report: str | os.PathLike[str] | None) -> str | None:
        """The report's folder relative to the root, or None when it is outside it."""
        if report is None:
            return None
        p = Path(report)
        if not p.is_absolute():
            p = Path(self.tree.real_root) / p
        folder = os.path.normpath(os.path.join(os.path.realpath(p.parent)))
        if not within(folder, self.tree.real_root):
            return None
        rel = os.path.relpath(folder, self.tree.real_root).replace(os.sep, "/")
        return "" if rel == "." else rel

    def _resolve(self, cited: str, folder: str | None) -> Resolution:
        raw = cited.strip()
        if not raw:
            return Resolution(cited, Status.MISSING, reason="the citation names no path")
        if _HTTP.match(raw):
            return Resolution(cited, Status.EXTERNAL, reason="a web address, not a file")
        outside = _refuse(raw)
        if outside:
            return Resolution(cited, Status.OUTSIDE, reason=outside)
        p = raw.replace("\\", "/")
        want_dir = p.endswith("/")
        norm = posixpath.normpath(p)
        if any(ch in norm for ch in "*?["):
            return self._glob(cited, norm, folder)
        bases = [("root", "")]
        if folder:
            bases.append(("report", folder))
        escaped = 0
        dead = False  # an entry exists but is a link to nothing
        for via, base in bases:
            rel = posixpath.normpath(posixpath.join(base, norm)) if base else norm
            if rel == ".." or rel.startswith("../"):
                escaped += 1
                continue
            kind = self.tree.probe(rel)
            if kind == "outside":
                return Resolution(cited, Status.OUTSIDE, reason=(
                    "a symbolic link on the way leads outside the sources root"))
            if kind != "missing":
                why = self.tree.ignore.reason(self.tree.relative(rel), kind == "dir")
                if why:
                    return Resolution(cited, Status.IGNORED, self.tree.relative(rel),
                                      reason=why, via=via)
            if kind.startswith("special:"):
                return Resolution(cited, Status.UNREADABLE, self.tree.relative(rel),
                                  reason=kind.split(":", 1)[1], via=via)
            if kind == "file":
                return Resolution(cited, Status.RESOLVED, self.tree.relative(rel), via=via)
            if kind == "dir":
                return Resolution(cited, Status.DIRECTORY, self.tree.relative(rel), via=via)
            dead = dead or self.tree.is_link(rel)
        if dead:
            return Resolution(cited, Status.MISSING, reason=_DEAD_LINK)
        if escaped == len(bases):
            return Resolution(cited, Status.OUTSIDE,
                              reason="'..' climbs out of the sources root")
        if ".." in norm.split("/"):
            return Resolution(cited, Status.MISSING, reason="no such file")
        return self._by_name(cited, norm, want_dir)

    def _by_name(self, cited: str, norm: str, want_dir: bool) -> Resolution:
        name = norm.rsplit("/", 1)[-1]
        suffix = "/" + norm
        pool = self.tree.dirs_by_name(name) if want_dir else self.tree.by_name(name)
        found = [f for f in pool if f == norm or f.endswith(suffix)]
        if not found and not want_dir:
            found = [d for d in self.tree.dirs_by_name(name) if d == norm or d.endswith(suffix)]
        if len(found) > 1:
            return Resolution(cited, Status.AMBIGUOUS, candidates=tuple(found), via="name",
                              reason=f"{len(found)} files are named {name}")
        if len(found) == 1:
            kind = self.tree.probe(found[0])
            if kind == "outside":
                return Resolution(cited, Status.OUTSIDE, reason=(
                    f"{found[0]} is a symbolic link that leads outside the sources root"))
            if kind in ("file", "dir"):
                status = Status.RESOLVED if kind == "file" else Status.DIRECTORY
                return Resolution(cited, status, self.tree.relative(found[0]), via="name")
            if self.tree.is_link(found[0]):
                return Resolution(cited, Status.MISSING, reason=f"{found[0]}: {_DEAD_LINK}")
        # near misses differ in case only: the exact name was handled above
        folded = norm.casefold()
        near = tuple(f for f in self.tree.by_folded_name(name)
                     if (f.casefold().endswith("/" + folded) or f.casefold() == folded)
                     and not (f == norm or f.endswith(suffix)))
        return Resolution(cited, Status.MISSING, candidates=near, reason="no such file")


    def _glob(self, cited: str, norm: str, folder: str | None) -> Resolution:
        """A glob: the listed files it matches, against the root then the report's folder."""
        import fnmatch

        for via, base in (("root", ""), ("report", folder or "")):
            if via == "report" and not folder:
                continue
            pattern = posixpath.join(base, norm) if base else norm
            found = tuple(f for f in self.tree.files if fnmatch.fnmatchcase(f, pattern))
            if found:
                return Resolution(cited, Status.GLOB, candidates=found, via=via)
        return Resolution(cited, Status.MISSING, reason="the pattern matches no file")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


#: reportlint's own files: outputs, baseline, configuration, cache. Never evidence.
OWN_FILES = ("*.sarif", ".reportlint.yml", ".reportlint.yaml", ".reportlint-baseline.json",
             ".reportlint_cache/")


class Ignore:
    """What under the root is not evidence, and why (see the module docstring).

    ``.gitignore`` files are read once each (the root's and every folder's
    on the way to a path), with ``pathspec``'s git semantics; a deeper file
    overrides a shallower one, as in git.
    """

    def __init__(self, real_root: str, exclude: tuple[str, ...] = (),
                 excluded: tuple[str, ...] = ()) -> None:
        import pathspec

        self.real_root = real_root
        self._pathspec = pathspec
        self.exclude = _Matcher(pathspec.GitIgnoreSpec.from_lines([*OWN_FILES, *exclude]))
        self.excluded = frozenset(excluded)
        self._specs: dict[str, object | None] = {}

    def _spec(self, folder: str) -> object | None:
        if folder not in self._specs:
            path = os.path.join(self.real_root, folder, ".gitignore")
            spec = None
            try:
                if os.path.isfile(path) and os.path.getsize(path) <= 1_000_000:
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        spec = _Matcher(self._pathspec.GitIgnoreSpec.from_lines(
                            fh.read().splitlines()))
            except OSError:
                spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def reason(self, rel: str, is_dir: bool) -> str:
        """Why root-relative ``rel`` is not evidence, or ''."""
        if rel in self.excluded:
            return "it is an output, baseline or configuration of this reportlint run"
        key = rel + "/" if is_dir else rel
        if self.exclude.check(key):
            return "it matches the evidence.exclude patterns (vendored or generated)"
        parts = rel.split("/")
        if any(p in _VCS for p in parts[:-1 if not is_dir else None]):
            return "it is inside a version-control folder"
        verdict = None
        where = ""
        for depth in range(len(parts)):
            folder = "/".join(parts[:depth])
            spec = self._spec(folder)
            if spec is None:
                continue
            sub = "/".join(parts[depth:]) + ("/" if is_dir else "")
            include = spec.check(sub)  # type: ignore[attr-defined]
            if include is not None:
                verdict = include
                where = f"{folder}/.gitignore" if folder else ".gitignore"
        return f"the repository ignores it ({where})" if verdict else ""


_VCS = frozenset({".git", ".hg", ".svn", ".bzr"})
_GROUP = re.compile(r"\(\?P<\w+>")


class _Matcher:
    """A ``pathspec`` spec, checked with one combined expression when it can be.

    A spec of include patterns only (no ``!`` negation) matches a path when any
    pattern does: one alternation of the patterns' own expressions answers that
    in one call instead of one call per pattern (thousands of paths per run).
    With a negation, the order of patterns matters: ``check_file`` decides.
    """

    def __init__(self, spec: object) -> None:
        self.spec = spec
        patterns = [p for p in spec.patterns  # type: ignore[attr-defined]
                    if p.include is not None and p.regex is not None]
        self.combined: re.Pattern[str] | None = None
        if patterns and all(p.include for p in patterns):
            self.combined = re.compile("|".join(
                f"(?:{_GROUP.sub('(?:', p.regex.pattern)})" for p in patterns))
        self.empty = not patterns

    def check(self, path: str) -> bool | None:
        """True: ignored; False: re-included by a negation; None: no pattern matches."""
        if self.empty:
            return None
        if self.combined is not None:
            return True if self.combined.search(path) else None
        result = self.spec.check_file(path)  # type: ignore[attr-defined]
        return result.include


def _refuse(raw: str) -> str:
    """Why a path can never be inside the root, or '' if it might be."""
    if _FILE_URL.match(raw):
        return "a file:// URL is not a path inside the sources root"
    if raw.startswith("~"):
        return "'~' is a home folder, outside the sources root"
    if raw.startswith(("\\\\", "//")):
        return "a network (UNC) path is outside the sources root"
    if _DRIVE.match(raw):
        return "a Windows drive path is outside the sources root"
    if raw.startswith(("/", "\\")):
        return "an absolute path is outside the sources root; cite it relative to the root"
    return ""
