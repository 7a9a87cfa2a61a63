"""Where a run's configuration file and project root are."""

from __future__ import annotations

import re
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

    """
    cwd = Path.cwd()
    found = Path(config_path) if config_path else find_config(cwd)
    return found, find_project_root(found.parent if found is not None else cwd)
