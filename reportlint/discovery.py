"""Where a run's configuration file and project root are."""

from __future__ import annotations

import re
from pathlib import Path

from reportlint.safeio import Refused, read_regular

CONFIG_NAMES = (".reportlint.yml", ".reportlint.yaml")
MAX_PYPROJECT_BYTES = 1_000_000  # reportlint.config.MAX_CONFIG_BYTES


def find_config(start: Path) -> Path | None:
    """The nearest config at or above ``start``: .reportlint.yml, .reportlint.yaml, or a
    pyproject.toml with a ``[tool.reportlint]`` table."""
    cur = start.resolve()
    for folder in (cur, *cur.parents):
        for name in CONFIG_NAMES:
            # a named pipe or a device by that name is found, so that reading it is
            # refused loudly rather than skipped in silence
            if _present(folder / name):
                return folder / name
        pp = folder / "pyproject.toml"
        if _present(pp) and _has_tool_table(pp):
            return pp
    return None


def _present(path: Path) -> bool:
    return path.exists() and not path.is_dir()


def _has_tool_table(path: Path) -> bool:
    """Whether the file has a ``[tool.reportlint]`` table (or cannot be checked safely:
    then the config loader says why it cannot be read)."""
    try:
        data = read_regular(path, MAX_PYPROJECT_BYTES)
    except Refused:
        return True
    except OSError:
        return False
    # on bytes: a pyproject.toml that is not UTF-8 is reported, not silently skipped
    return _TOOL_TABLE_RE.search(data) is not None


# [tool.reportlint], [tool.reportlint.x], [[tool.reportlint]], tool = {reportlint = …},
# tool.reportlint = …: each is reportlint's configuration (the loader checks its shape)
_TOOL_TABLE_RE = re.compile(rb"^[ \t]*(\[+[ \t]*tool[ \t]*\.[ \t]*reportlint[ \t]*[\].]"
                            rb"|tool[ \t]*=[ \t]*\{[^\n]*reportlint|tool[ \t]*\.[ \t]*reportlint"
                            rb"[ \t]*=)", re.MULTILINE)


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
