"""Entry points of one group, read straight from the installed distributions.

``importlib.metadata`` costs 20–30 ms to import (it pulls in ``email``,
``zipfile``, ``csv`` and ``socket``): more than the rest of reportlint's
start-up. Every run needs exactly one group, and finding it means reading the
``entry_points.txt`` of each ``*.dist-info`` / ``*.egg-info`` folder on
``sys.path``, which costs about a millisecond. The semantics are those of
``importlib.metadata.entry_points(group=...)``: ``sys.path`` order, and the
first distribution of a (normalised) name wins. Anything this reader does not
handle — a zip file or egg on ``sys.path``, a custom finder that provides
distributions — sends the whole lookup to ``importlib.metadata``.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator

from reportlint import patterns

_SECTION = patterns.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")
_ENTRY = patterns.compile(r"^\s*(?P<name>[^=#;\s][^=]*?)\s*=\s*(?P<value>.+?)\s*$")


class EntryPoint:
    """One entry point: ``name = module:attr`` in ``group`` of distribution ``dist``."""

    __slots__ = ("_dist", "_info", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, info: str | None,
                 dist: object = None) -> None:
        self.name = name
        self.value = value
        self.group = group
        self._info = info  # the *.dist-info / *.egg-info folder, for name and version
        self._dist = dist  # importlib.metadata's Distribution, on the slow path

    def load(self) -> object:
        """Import the module and return the named attribute, as importlib.metadata does."""
        spec = self.value.split("[", 1)[0].strip()  # drop ``[extras]``
        module, _, attr = spec.partition(":")
        obj: object = importlib.import_module(module.strip())
        for part in filter(None, attr.strip().split(".")):
            obj = getattr(obj, part)
        return obj

    @property
    def dist(self) -> Distribution | None:
        if self._dist is not None:
            return Distribution.of(self._dist)
        return Distribution(self._info) if self._info else None


class Distribution:
    """Name and version of an installed distribution, from its metadata headers."""

    __slots__ = ("name", "version")

    def __init__(self, info: str) -> None:
        headers = _headers(info)
        stem_name, _, stem_version = os.path.basename(info).rsplit(".", 1)[0].partition("-")
        self.name = headers.get("name", stem_name)
        self.version = headers.get("version", stem_version.split("-")[0])

    @classmethod
    def of(cls, dist: object) -> Distribution:
        out = cls.__new__(cls)
        out.name = str(getattr(dist, "name", "") or "")
        out.version = str(getattr(dist, "version", "") or "")
        return out


def _headers(info: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for fname in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(info, fname), encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if not line.strip():
                        break  # the headers end at the first blank line
                    key, sep, value = line.partition(":")
                    if sep and key.lower() in ("name", "version"):
                        out.setdefault(key.lower(), value.strip())
        except OSError:
            continue
        return out
    return out


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _parse(text: str, group: str, info: str) -> Iterator[EntryPoint]:
    current = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(("#", ";")):
            continue
        m = _SECTION.match(line)
        if m:
            current = m["name"].strip()
            continue
        if current == group:
            e = _ENTRY.match(line)
            if e:
                yield EntryPoint(e["name"], e["value"], group, info)


def _fast(group: str) -> list[EntryPoint] | None:
    """The group's entry points, or None when this reader cannot answer for sure."""
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return None  # a zip or egg file: importlib.metadata reads those
            continue
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            key = _normalise(name.rsplit(".", 1)[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            info = os.path.join(folder, name)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except (OSError, UnicodeDecodeError):
                continue
            found.extend(_parse(text, group, info))
    return found


def _has_custom_finders() -> bool:
    """True when a meta-path finder other than the standard ones can list distributions."""
    for finder in sys.meta_path:
        if not hasattr(finder, "find_distributions"):
            continue
        mod = getattr(finder, "__module__", "") or getattr(type(finder), "__module__", "")
        if mod not in ("_frozen_importlib_external", "importlib._bootstrap_external"):
            return True
    return False


def entry_points(group: str) -> list[EntryPoint]:
    """Every entry point in ``group``, from every distribution importable here."""
    fast = None if _has_custom_finders() else _fast(group)
    if fast is not None:
        return fast
    from importlib.metadata import entry_points as slow

    return [EntryPoint(ep.name, ep.value, group, None, getattr(ep, "dist", None))
            for ep in slow(group=group)]
