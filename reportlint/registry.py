"""The rule registry: built-ins and plugins through entry points, local rules by path.

Rules come from exactly two places:

1. the ``reportlint.rules`` entry-point group: each entry point names a
   callable returning Rule classes. The built-ins arrive this way too
   (``builtin = "reportlint.rules:get_rules"``), so the plugin path runs on
   every run;
2. ``rules_dirs`` (config) or ``--rules-dir`` (command line), loaded only
   when the user opts in with ``--allow-local-rules``: each ``*.py`` file not
   starting with ``_`` is imported by path under a private module name and
   the Rule subclasses *defined in it* are kept.

Duplicate ids or names, a plugin that fails to load, and plugin rules that
use the reserved ``RL`` prefix are errors (exit 2): in a CI gate a rule that
silently goes missing is worse than a loud failure.

``REPORTLINT_DISABLE_PLUGIN_AUTOLOAD=1`` (like pytest's variable of the same
kind) loads the built-in entry point only, whatever else is installed: a run,
or reportlint's own test suite, that must not depend on the plugins of the
environment sets it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from reportlint.rule import Rule

GROUP = "reportlint.rules"
NO_PLUGINS_ENV = "REPORTLINT_DISABLE_PLUGIN_AUTOLOAD"


class RegistryError(Exception):
    """A rule could not be loaded or looked up."""


class Entry(NamedTuple):
    """A registered rule class and where it came from."""

    cls: type[Rule]
    origin: str  # "builtin", "<distribution> <version>", or the rules-dir file


class Registry:
    def __init__(self) -> None:
        self._by_id: dict[str, Entry] = {}
        self._lookup: dict[str, str] = {}

    # ------------------------------------------------------------------ loading
    def add(self, cls: type[Rule], origin: str) -> None:
        if not (isinstance(cls, type) and issubclass(cls, Rule)):
            raise RegistryError(f"{origin}: {cls!r} is not a reportlint Rule class")
        if origin != "builtin" and cls.id.startswith("RL"):
            raise RegistryError(
                f"{origin}: rule id {cls.id!r} uses the reserved RL prefix; "
                "plugins use their own prefix (e.g. ACME101)")
        for key in (cls.id, cls.name, *cls.aliases):
            k = key.lower()
            if k in self._lookup:
                other = self._by_id[self._lookup[k]]
                raise RegistryError(
                    f"rule {key!r} defined twice: {_where(other.cls)} ({other.origin}) "
                    f"and {_where(cls)} ({origin})")
        self._by_id[cls.id] = Entry(cls, origin)
        for key in (cls.id, cls.name, *cls.aliases):
            self._lookup[key.lower()] = cls.id

    def load_entry_points(self, plugins: bool | None = None) -> None:
        """The rules of the ``reportlint.rules`` entry points.

        ``plugins=False`` loads the built-in one only; by default plugins load
        unless ``REPORTLINT_DISABLE_PLUGIN_AUTOLOAD`` is set (to anything but
        ``0`` or nothing).
        """
        from importlib.metadata import entry_points

        if plugins is None:
            plugins = os.environ.get(NO_PLUGINS_ENV, "") in ("", "0")
        for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.name != "builtin", e.name)):
            dist = getattr(ep, "dist", None)
            is_builtin = ep.value.startswith("reportlint.rules:")
            if not (plugins or is_builtin):
                continue
            origin = "builtin" if is_builtin else (
                f"{dist.name} {dist.version}" if dist is not None else ep.name)
            try:
                factory = ep.load()
                classes = list(factory() if callable(factory) and not isinstance(factory, type)
                               else [factory])
            except Exception as exc:
                raise RegistryError(
                    f"plugin entry point {ep.name!r} ({ep.value}) failed to load: "
                    f"{type(exc).__name__}: {exc}") from None
            for cls in classes:
                self.add(cls, origin)

    def load_dir(self, directory: Path) -> None:
        if not directory.is_dir():
            raise RegistryError(f"rules directory {directory} does not exist")
        import hashlib
        import importlib.util

        digest = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:8]
        for path in sorted(directory.glob("*.py")):
            if path.name.startswith("_"):
                continue
            modname = f"reportlint_local_{digest}.{path.stem}"
            spec = importlib.util.spec_from_file_location(modname, path)
            if spec is None or spec.loader is None:
                raise RegistryError(f"{path}: cannot be imported")
            module = importlib.util.module_from_spec(spec)
            sys.modules[modname] = module
            try:
                spec.loader.exec_module(module)
            except SyntaxError as exc:
                sys.modules.pop(modname, None)
                raise RegistryError(f"{_shown(path)}:{exc.lineno}: syntax error: {exc.msg}"
                                    ) from None
            except Exception as exc:
                sys.modules.pop(modname, None)
                raise RegistryError(
                    f"{_shown(path)}: error while importing: {type(exc).__name__}: {exc}"
                ) from None
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, Rule) and value is not Rule
                        and value.__module__ == modname and "id" in vars(value)):
                    self.add(value, str(path))

    # ------------------------------------------------------------------ lookup
    def resolve(self, ref: str) -> str | None:
        """The rule id for an id, name or alias (case-insensitive), else None."""
        return self._lookup.get(ref.lower())

    def get(self, ref: str) -> type[Rule]:
        rid = self.resolve(ref)
        if rid is None:
            raise RegistryError(f"no such rule: {ref!r}{self.suggest(ref)}")
        return self._by_id[rid].cls

    def suggest(self, ref: str) -> str:
        import difflib

        hint = difflib.get_close_matches(ref.lower(), list(self._lookup), n=1, cutoff=0.6)
        if not hint:
            return ""
        cls = self._by_id[self._lookup[hint[0]]].cls
        return f" (did you mean {cls.name!r}?)" if hint[0] != cls.id.lower() else \
            f" (did you mean {cls.id!r}?)"

    def origin(self, rule_id: str) -> str:
        return self._by_id[rule_id].origin

    def rules(self) -> list[type[Rule]]:
        return [self._by_id[k].cls for k in sorted(self._by_id, key=_id_key)]

    def __len__(self) -> int:
        return len(self._by_id)


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when inside it, as users read it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _id_key(rule_id: str) -> tuple[str, int]:
    prefix = rule_id.rstrip("0123456789")
    return (prefix if prefix != "RL" else "", int(rule_id[len(prefix):]))


def _where(cls: type[Rule]) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """Entry-point rules, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        reg = Registry()
        reg.load_entry_points()
        _DEFAULT = reg
    return _DEFAULT


def build_registry(rules_dirs: Iterable[Path] = ()) -> Registry:
    reg = Registry()
    reg.load_entry_points()
    for d in rules_dirs:
        reg.load_dir(d)
    return reg
