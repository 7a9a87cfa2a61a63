"""Which configuration lints which document: one run per configuration file.

Configuration is found from each linted file's location, walking up to the
nearest ``.reportlint.yml`` or ``pyproject.toml`` with ``[tool.reportlint]``
(as ruff does), not from the working directory; so
``cd /tmp && reportlint check ~/repo/docs/report.md`` lints exactly as it
would inside the repository. Without PATHS, the working directory's
configuration and its ``documents`` are used. ``--config`` puts every path
under that one file.

Each configuration's project root is the repository holding it (the folder
with ``.git`` at or above it, else the configuration's folder): paths are
shown relative to it and the sources root defaults to it. A file with no
configuration above it gets the default profile, with the repository around
it as its root (the working directory when that holds the file and no
repository is found).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from reportlint.discovery import find_config, find_project_root


class Group(NamedTuple):
    """The paths linted with one configuration (``config`` None: the default profile)."""

    config: Path | None
    project_root: Path
    paths: tuple[str, ...]
    start: Path  # where discovery started: load_config's cwd for the default profile


def _existing(path: Path) -> Path:
    """The folder discovery starts from: the path itself if a folder, else its nearest
    existing parent folder (a missing path is reported later, under the right config)."""
    p = path.absolute()
    if p.is_dir():
        return p
    p = p.parent
    while not p.is_dir() and p != p.parent:
        p = p.parent
    return p


def _root(start: Path, cwd: Path) -> Path:
    root = find_project_root(start)
    if (root / ".git").exists():
        return root
    try:
        start.resolve().relative_to(cwd.resolve())
    except ValueError:
        return start.resolve()
    return cwd.resolve()


def plan(paths: Sequence[str], config_path: str | None, cwd: Path | None = None) -> list[Group]:
    """The groups of a run, in the order their first path was given."""
    cwd = cwd or Path.cwd()
    if config_path is not None:
        given = Path(config_path)
        return [Group(given, find_project_root(given.absolute().parent), tuple(paths), cwd)]
    if not paths:
        here = find_config(cwd)
        root = find_project_root(here.parent) if here is not None else _root(cwd, cwd)
        return [Group(here, root, (), cwd)]
    groups: dict[tuple[Path | None, Path], list[str]] = {}
    starts: dict[tuple[Path | None, Path], Path] = {}
    for p in paths:
        start = _existing(Path(p))
        found = find_config(start)
        key: tuple[Path | None, Path] = (
            # not resolved: a config that links out of the project is checked as the link
            (Path(os.path.normpath(os.path.abspath(found))), find_project_root(found.parent))
            if found is not None
            else (None, _root(start, cwd)))
        groups.setdefault(key, []).append(p)
        starts.setdefault(key, start)
    return [Group(cfg, root, tuple(ps), starts[(cfg, root)])
            for (cfg, root), ps in groups.items()]


def load_runs(groups: Sequence[Group], profile: str | None, registry_factory: Any,
              sources_root: Path | None,
              prepare: Callable[[Any, Any], None] | None = None) -> list[tuple[Any, Group]]:
    """A ``Run`` per group: its configuration loaded and validated (errors raise)."""
    from reportlint.config import load_config
    from reportlint.engine import Run

    runs = []
    for g in groups:
        cfg, registry = load_config(g.config, profile, cwd=g.start,
                                    registry_factory=registry_factory)
        if prepare is not None:
            prepare(cfg, registry)
        runs.append((Run.create(cfg, registry, g.project_root, sources_root), g))
    return runs
