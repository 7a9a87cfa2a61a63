"""Which configuration and project an open report belongs to, and the Run that lints it.

Found as ``reportlint check REPORT`` finds them (``reportlint.plan``): the
nearest ``.reportlint.yml`` (or ``pyproject.toml`` with ``[tool.reportlint]``)
walking up from the report's folder; the project root is the repository
holding the configuration; the sources root is the configuration's
``sources.root``, else the project root. Citations never resolve outside the
sources root (the engine sees to it), and the server lints no document outside
the editor's workspace folders.

A configuration that lists ``documents`` is linted on those files only (the
editor opens READMEs and changelogs too); without ``documents``, every Markdown
file is. Rules from ``rules_dirs`` are not loaded: they are code from the
repository, and an editor opens repositories it has not vetted.

``locate`` is the one place that decides the configuration of a file, and it
asks ``plan``, as ``check`` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from reportlint.config import Config, ConfigError
from reportlint.engine import MARKDOWN_SUFFIXES, FileResult, Run, collect, lint_text, relpath
from reportlint.plan import Group, load_runs, plan
from reportlint.registry import Registry, RegistryError, build_registry

log = logging.getLogger(__name__)


def locate(path: Path) -> Group:
    """The configuration of the report at ``path`` (``config`` None: the default
    profile) and its project root, exactly as ``reportlint check PATH`` finds them."""
    (group,) = plan([str(path)], None)
    return group


def _registry(rules_dirs: tuple[Path, ...]) -> Registry:
    if rules_dirs:
        log.warning("rules_dirs in the configuration are not loaded by the language server "
                    "(they run repository code)")
    return build_registry([])


@dataclass(eq=False)
class Project:
    """One configuration: its Run, or the error that keeps it from linting."""

    config_path: Path | None
    project_root: Path
    run: Run | None = None
    error: str | None = None
    _documents: frozenset[Path] | None = field(default=None, repr=False)

    @classmethod
    def load(cls, group: Group) -> Project:
        try:
            ((run, _group),) = load_runs([group], None, _registry, None)
        except (ConfigError, RegistryError) as exc:
            return cls(group.config, group.project_root, error=str(exc))
        return cls(group.config, group.project_root, run)

    @property
    def config(self) -> Config | None:
        return self.run.config if self.run is not None else None

    def lints(self, path: Path) -> bool:
        """Whether ``path`` is one of this configuration's reports."""
        if not path.name.lower().endswith(MARKDOWN_SUFFIXES):
            return False
        cfg = self.config
        if cfg is None or not cfg.documents:
            return True
        if self._documents is None or path.resolve() not in self._documents:
            # documents are globs: a report created since the last look may match now
            self._documents = frozenset(p.resolve() for p, problem in collect((), cfg)
                                        if problem is None)
        return path.resolve() in self._documents

    def contains(self, path: Path) -> bool:
        """Whether a change to ``path`` may change this project's findings: it lies
        under the sources root (evidence) or the project root."""
        roots = [self.project_root]
        if self.run is not None:
            roots.append(self.run.sources_root)
        real = path.resolve()
        return any(real == r or r in real.parents for r in roots)

    def sources_changed(self) -> None:
        """Forget what was read from disk: source indexes, the file tree, documents."""
        if self.run is not None:
            self.run.shared.clear()
        self._documents = None

    def lint(self, path: Path, text: str) -> FileResult:
        assert self.run is not None  # the configuration's `overrides` apply, as in check
        return lint_text(self.run, text, relpath(path, self.run.project_root),
                         self.run.rules_for(path))


class Projects:
    """The loaded configurations, one Project per configuration file."""

    def __init__(self) -> None:
        self._loaded: dict[tuple[Path | None, Path], Project] = {}

    def for_document(self, path: Path) -> Project:
        group = locate(path)
        key = (group.config.resolve() if group.config else None, group.project_root)
        if key not in self._loaded:
            self._loaded[key] = Project.load(group)
        return self._loaded[key]

    def containing(self, path: Path) -> list[Project]:
        return [p for p in self._loaded.values() if p.contains(path)]

    def forget(self) -> None:
        """Drop every configuration (one of them changed); they load again on use."""
        self._loaded.clear()
