"""A cache across runs for work that depends only on the content of a file.

What it holds: parsed configuration files (the built-in profile and the
user's ``.reportlint.yml``). Reading them costs about 30 ms a run, PyYAML's
import alone about 20 ms, and the configuration rarely changes, so with the
cache warm PyYAML is not even imported. Lint results are *not* cached: every
run lints every document against the cited files as they are now.

Layout: ``.reportlint_cache/`` in the project root (the folder holding
``.git``, else the config's folder), holding a ``.gitignore`` of ``*`` and a
``CACHEDIR.TAG``, as ruff and pytest do; it is safe to delete at any time.
Each entry is a JSON file named by a hash of reportlint's version, the entry
format and the file content, written atomically. The cache is best effort: an
entry that cannot be read or written is a miss, never an error. ``--no-cache``
(or ``REPORTLINT_NO_CACHE=1``) turns it off; ``--cache-dir`` (or
``REPORTLINT_CACHE_DIR``) moves it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from reportlint import __version__

try:  # _blake2 loads in a fraction of a millisecond; hashlib first loads OpenSSL (~4 ms)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

DIRNAME = ".reportlint_cache"
FORMAT = 1  # bump when an entry's shape changes
MAX_ENTRIES = 64  # per kind; the oldest go first
_GITIGNORE = "# Created by reportlint; safe to delete.\n*\n"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by reportlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")


class Cache:
    """Entries of one folder: ``get``/``put`` JSON-able values under a content key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ready = False

    @staticmethod
    def key(kind: str, content: str) -> str:
        h = blake2b(digest_size=16)
        h.update(f"{kind}\0{FORMAT}\0{__version__}\0".encode())
        h.update(content.encode("utf-8", "surrogatepass"))
        return f"{kind}-{h.hexdigest()}"

    def get(self, key: str) -> Any:
        """The value stored under ``key``, or None on a miss or an unreadable entry."""
        try:
            with open(self.folder / f"{key}.json", encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON-able) under ``key``; any failure is silently a no-op."""
        try:
            data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except (ValueError, TypeError):
            return
        self._write(f"{key}.json", data.encode("utf-8"), key.split("-", 1)[0])

    def get_bytes(self, name: str) -> bytes | None:
        """The content of the entry file ``name``, or None."""
        try:
            with open(self.folder / name, "rb") as fh:
                return fh.read()
        except OSError:
            return None

    def put_bytes(self, name: str, data: bytes) -> None:
        """Store ``data`` as the entry file ``name``; any failure is silently a no-op."""
        self._write(name, data, None)

    def _write(self, name: str, data: bytes, kind: str | None) -> None:
        try:
            self._prepare()
            tmp = self.folder / f".{name}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self.folder / name)
            if kind:
                self._prune(kind)
        except OSError:
            return

    def _prepare(self) -> None:
        if self._ready:
            return
        new = not self.folder.is_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        if new or not (self.folder / ".gitignore").exists():
            (self.folder / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
            (self.folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        self._ready = True

    def _prune(self, kind: str) -> None:
        entries = [p for p in self.folder.glob(f"{kind}-*.json")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda p: (p.stat().st_mtime, p.name))
        for p in entries[:len(entries) - MAX_ENTRIES]:
            p.unlink(missing_ok=True)


_ACTIVE: Cache | None = None


def configure(folder: Path | None) -> None:
    """Use the cache in ``folder`` for this process (None: no cache, the default)."""
    global _ACTIVE
    _ACTIVE = Cache(folder) if folder is not None else None


def active() -> Cache | None:
    return _ACTIVE


def folder_for(project_root: Path, cache_dir: str | None, no_cache: bool) -> Path | None:
    """Where the cache lives for this run, from the options and the environment."""
    if no_cache or os.environ.get("REPORTLINT_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = cache_dir or os.environ.get("REPORTLINT_CACHE_DIR")
    return Path(chosen) if chosen else project_root / DIRNAME
