"""Where a run's configuration, project root and cache are: found without heavy imports.

The command line needs these before anything else (the cache must be known
before the modules that compile patterns are imported), so this module
imports nothing of reportlint but the cache.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

CONFIG_NAMES = (".reportlint.yml", ".reportlint.yaml")


def find_config(start: Path) -> Path | None:
    """The nearest config at or above ``start``: .reportlint.yml, .reportlint.yaml, or a
    pyproject.toml with a ``[tool.reportlint]`` table."""
    cur = start.resolve()
    for folder in (cur, *cur.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pp = folder / "pyproject.toml"
        if pp.is_file() and _has_tool_table(pp):
            return pp
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\[tool\.reportlint[\].]", text, re.MULTILINE) is not None


def find_project_root(start: Path) -> Path:
    """The folder holding ``.git`` at or above ``start``, else ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def discover(config_path: str | None) -> tuple[Path | None, Path]:
    """The run's config file (``config_path``, else the nearest one) and project root.

    Asked up to three times a run (for the cache before the command line is parsed,
    for the cache after, for the configuration), so the walk up the folders is
    done once per working folder.
    """
    cwd = os.getcwd()
    key = (cwd, config_path)
    if key not in _FOUND:
        found = Path(config_path) if config_path else find_config(Path(cwd))
        _FOUND[key] = found, find_project_root(found.parent if found is not None else Path(cwd))
    return _FOUND[key]


_FOUND: dict[tuple[str, str | None], tuple[Path | None, Path]] = {}


def cache_folder(config_path: str | None, cache_dir: str | None,
                 no_cache: bool) -> Path | None:
    """The cache folder of a run: in the root of the project the configuration is in."""
    from reportlint.cache import folder_for

    return folder_for(discover(config_path)[1], cache_dir, no_cache)


def early_cache_folder(argv: Sequence[str]) -> Path | None:
    """The cache folder ``check`` or ``stats`` will use, read from ``argv`` before the
    command line is parsed (click reads it again and decides; this only lets patterns
    compiled at import come from the cache). Any doubt means no cache."""
    args = list(argv)
    if not args or args[0] not in ("check", "stats") or "--no-cache" in args:
        return None
    values: dict[str, str] = {}
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for option in ("--cache-dir", "--config", "-c"):
            if arg == option and i + 1 < len(args):
                values[option] = args[i + 1]
            elif option.startswith("--") and arg.startswith(option + "="):
                values[option] = arg[len(option) + 1:]
    config = values.get("--config") or values.get("-c")
    try:
        return cache_folder(config, values.get("--cache-dir"), False)  # the env is read there
    except OSError:
        return None
