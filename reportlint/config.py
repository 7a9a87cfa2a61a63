"""Configuration: discovery, ``extends``, merging and strict validation.

Discovery: ``--config FILE``; otherwise, walking up from the working
directory, the first folder holding ``.reportlint.yml`` (or ``.reportlint.yaml``)
or a ``pyproject.toml`` with a ``[tool.reportlint]`` table; otherwise the
built-in ``sourced-report`` profile (evidence and placeholders: no contract).

Merging: ``extends`` names a built-in profile or a YAML file (relative to the
file that names it); a list is merged left to right; the child wins. Per-rule
mappings merge key by key; scalars and lists replace; cycles are refused.
Every mistake is one line: ``FILE:LINE: what is wrong``, and exit code 2.

A configuration comes from the repository, so from pull requests: only
regular files of at most ``MAX_CONFIG_BYTES`` are read; outside the project
(through ``extends`` or a symbolic link) only ``.yml``/``.yaml`` files (and a
``pyproject.toml``); an ``extends`` chain is at most ``MAX_EXTENDS`` files deep;
and a message never quotes more than a short value of a file that parsed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from reportlint import options as opts
from reportlint.discovery import find_config, find_project_root
from reportlint.finding import Severity
from reportlint.limits import Limits
from reportlint.registry import Registry
from reportlint.rule import Rule
from reportlint.safeio import Refused, is_inside, read_regular, realpath
from reportlint.yamlload import LineDict, LineList, YamlError, load, short

PROFILES_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = "sourced-report"
TOP_KEYS = ("extends", "documents", "sources", "rules", "rules_dirs", "evidence", "limits",
            "overrides")
OVERRIDE_KEYS = ("files", "extends", "rules")
SOURCES_KEYS = ("root",)
SEVERITIES = ("error", "warning", "note", "off")
MAX_CONFIG_BYTES = 1_000_000
MAX_EXTENDS = 32  # files in one extends chain
OUTSIDE_SUFFIXES = (".yml", ".yaml")  # what may be read from outside the project


class ConfigError(Exception):
    """A configuration mistake: ``file:line: message``."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.file = file
        self.line = line
        where = file or ""
        if file and line:
            where = f"{file}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class RuleConfig(NamedTuple):
    """A rule's validated settings."""

    rule_id: str
    severity: Severity
    enabled: bool
    options: Any


@dataclass(eq=False)
class Config:
    """The merged, validated configuration."""

    file: Path | None  # the config file, None for the built-in default
    base_dir: Path  # paths in `documents` are relative to this folder
    documents: tuple[str, ...] = ()
    sources_root: Path | None = None
    sources_root_at: tuple[str, int | None, str] | None = None  # file, line, value as written
    rules_dirs: tuple[Path, ...] = ()
    raw_rules: dict[str, LineDict] = dataclasses.field(default_factory=dict)
    evidence: LineDict = dataclasses.field(default_factory=LineDict)
    limits: LineDict = dataclasses.field(default_factory=LineDict)
    parse_limits: Limits = dataclasses.field(default_factory=Limits)
    profile_chain: tuple[str, ...] = ()
    rules: dict[str, RuleConfig] = dataclasses.field(default_factory=dict)
    overrides: list[Override] = dataclasses.field(default_factory=list)
    registry: Registry | None = dataclasses.field(default=None, repr=False)
    selection: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    _variants: dict[tuple[int, ...], dict[str, RuleConfig]] = dataclasses.field(
        default_factory=dict, repr=False)

    def enabled(self) -> list[RuleConfig]:
        return [r for r in self.rules.values() if r.enabled]

    def overrides_for(self, path: Path) -> tuple[int, ...]:
        """Indexes of the `overrides` entries whose `files` match ``path``, in order."""
        return tuple(i for i, o in enumerate(self.overrides) if o.matches(path))

    def rules_with(self, matched: tuple[int, ...]) -> dict[str, RuleConfig]:
        """The rules' settings once the given overrides are applied, in their order.

        Each single override is built (and so validated) at load time; a
        combination is built the first time a document matches it.
        """
        if not matched:
            return self.rules
        if matched not in self._variants:
            assert self.registry is not None
            self._variants[matched] = _variant(self, matched, self.registry)
        return self._variants[matched]


class Override(NamedTuple):
    """An `overrides:` entry: globs relative to ``base`` and the layers they apply."""

    files: tuple[str, ...]
    base: Path
    layers: tuple[tuple[str, Path, LineDict], ...]

    def matches(self, path: Path) -> bool:
        from reportlint.globs import glob_match

        try:
            rel = path.resolve().relative_to(self.base.resolve()).as_posix()
        except ValueError:
            return False
        return any(glob_match(pattern, rel) for pattern in self.files)


# ---------------------------------------------------------------------- discovery


def display(path: Path) -> str:
    """A path as users want to read it: relative to the working directory when inside it."""
    cwd = realpath(Path.cwd())
    for candidate in (Path(os.path.normpath(os.path.abspath(path))), realpath(path)):
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)


def profile_names() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yml"))


def is_profile(name: str) -> bool:
    return (PROFILES_DIR / f"{name}.yml").is_file()


# ---------------------------------------------------------------------- reading


def _read_text(path: Path, label: str) -> str:
    """A config file's text: a regular file, at most MAX_CONFIG_BYTES, UTF-8."""
    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except Refused as exc:
        if exc.size is not None:
            raise ConfigError(f"{exc.size:,} bytes; a configuration file may hold at most "
                              f"{MAX_CONFIG_BYTES:,}", label) from None
        if exc.reason.endswith("(a directory)"):
            raise ConfigError("is a directory, not a config file", label) from None
        raise ConfigError(f"{exc.reason}; not read", label) from None
    except FileNotFoundError:
        raise ConfigError("config file not found", label) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", label) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte offset {exc.start})", label) from None


def _read_yaml(path: Path, label: str) -> LineDict:
    text = _read_text(path, label)
    try:
        data = load(text)
    except YamlError as exc:
        col = f", column {exc.column}" if exc.column else ""
        raise ConfigError(f"invalid YAML{col}: {exc.message}", label, exc.line) from None
    if data is None:
        return LineDict()
    if not isinstance(data, LineDict):
        # the type only: a file that is not a config at all must not be echoed
        raise ConfigError(f"expected a mapping at the top level, got {_kind(data)}", label, 1)
    for key in data:
        data.files[key] = label
    return data


def _read_pyproject(path: Path, label: str) -> LineDict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    text = _read_text(path, label)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        msg = str(exc).split(" (at line")[0]
        raise ConfigError(f"invalid TOML: {msg}", label, line) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deep", label) from None
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"tool: expected a table, got {_kind(tool)}", label,
                          _toml_line(text, r"tool\s*="))
    table = tool.get("reportlint", {})
    if not isinstance(table, dict):
        raise ConfigError(f"tool.reportlint: expected a table, got {_kind(table)}", label,
                          _toml_line(text, r"(\[\[\s*tool\s*\.\s*reportlint|reportlint\s*="
                                           r"|tool\s*=\s*\{.*reportlint|tool\s*\.\s*reportlint)"))
    try:
        return _with_toml_lines(table, text, label)
    except RecursionError:
        raise ConfigError("tool.reportlint: nested too deep", label) from None


def _kind(value: Any) -> str:
    """A value's type for a message, without the value."""
    for tp, name in ((bool, "a boolean"), (int, "an integer"), (float, "a number"),
                     (str, "a string"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, tp):
            return name
    return "null" if value is None else f"a {type(value).__name__}"


def _toml_line(text: str, pattern: str) -> int | None:
    found = re.search(rf"^\s*{pattern}", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _with_toml_lines(table: Mapping[str, Any], text: str, label: str) -> LineDict:
    """Wrap a TOML table in LineDicts, finding each key's line by a textual search.

    tomllib gives no positions; keys of ``[tool.reportlint]`` and its
    sub-tables are found on their own ``key =`` lines or table headers,
    which is what users write in practice.
    """
    lines = text.splitlines()

    def find(key: str, after: int) -> int | None:
        pat = re.compile(rf"^\s*(\"?{re.escape(str(key))}\"?\s*=|\[tool\.reportlint(\.[^\]]*)?"
                         rf"\.\"?{re.escape(str(key))}\"?\])")
        for i in range(after, len(lines)):
            if pat.search(lines[i]):
                return i + 1
        return None

    start = next((i for i, ln in enumerate(lines) if ln.strip().startswith("[tool.reportlint")),
                 0)

    def wrap(value: Any, after: int) -> Any:
        if isinstance(value, dict):
            out = LineDict()
            for k, v in value.items():
                line = find(k, after) or (after + 1)
                out[k] = wrap(v, line - 1)
                out.lines[k] = line
                out.files[k] = label
            return out
        if isinstance(value, list):
            lst = LineList(wrap(v, after) for v in value)
            lst.lines = [after + 1] * len(value)
            return lst
        return value

    result = wrap(dict(table), start)
    assert isinstance(result, LineDict)
    return result


def _load_layer(path: Path, project: Path | None = None) -> LineDict:
    label = display(path)
    if project is not None:
        _check_outside(path, project, label)
    if path.name == "pyproject.toml":
        return _read_pyproject(path, label)
    return _read_yaml(path, label)


def _check_outside(path: Path, project: Path, label: str) -> None:
    """Outside the project only YAML files (and a pyproject.toml) are read: a link or an
    `extends` to /etc/passwd must not read it, let alone print it."""
    real = realpath(path)
    if is_inside(real, project) or real.suffix in OUTSIDE_SUFFIXES \
            or real.name == "pyproject.toml":
        return
    how = "is a symbolic link to" if real != realpath(path.parent) / path.name else "is"
    raise ConfigError(f"{how} a file outside the project that is not a .yml or .yaml file; "
                      "not read", label)


# ---------------------------------------------------------------------- merging


def _line(container: Any, key: Any) -> int | None:
    return opts.line_of(container, key)


def _file(container: Any, key: Any, default: str) -> str:
    files = getattr(container, "files", None)
    if isinstance(files, dict) and key in files:
        return str(files[key])
    return default


def _check_top(data: LineDict, label: str) -> None:
    for key in data:
        if key not in TOP_KEYS:
            import difflib  # only for a did-you-mean: 2 ms to import

            hint = difflib.get_close_matches(str(key), TOP_KEYS, n=1)
            msg = f"unknown key {short(str(key))}"
            if hint:
                msg += f" (did you mean {hint[0]!r}?)"
            msg += "; known keys: " + ", ".join(TOP_KEYS)
            raise ConfigError(msg, label, _line(data, key))


def _resolve_chain(path: Path | None, profile: str | None, data: LineDict | None,
                   seen: tuple[str, ...] = (),
                   project: Path | None = None) -> list[tuple[str, Path, LineDict]]:
    """Layers from the most basic parent to ``path`` itself, `extends` followed."""
    layers: list[tuple[str, Path, LineDict]] = []
    if profile is not None:
        ppath = PROFILES_DIR / f"{profile}.yml"
        ident = f"profile:{profile}"
        if ident in seen:
            raise ConfigError("extends cycle: " + " -> ".join((*seen, ident)))
        label = f"<profile {profile}>"
        layer = _read_yaml(ppath, label)
        for k in layer:
            layer.files[k] = label
        layers.extend(_follow(layer, label, PROFILES_DIR, (*seen, ident), project))
        layers.append((label, PROFILES_DIR, layer))
        return layers
    assert path is not None and data is not None
    label = display(path)
    layers.extend(_follow(data, label, path.parent, (*seen, str(realpath(path))), project))
    layers.append((label, path.parent, data))
    return layers


def _follow(data: LineDict, label: str, base: Path, seen: tuple[str, ...],
            project: Path | None = None) -> list[tuple[str, Path, LineDict]]:
    _check_top(data, label)
    ext = data.get("extends")
    if ext is None:
        return []
    items = ext if isinstance(ext, list) else [ext]
    out: list[tuple[str, Path, LineDict]] = []
    for i, item in enumerate(items):
        line = _line(ext, i) if isinstance(ext, list) else _line(data, "extends")
        if not isinstance(item, str) or not item:
            raise ConfigError(f"extends: expected a profile name or a file path, got {short(item)}",
                              label, line)
        if "/" not in item and "\\" not in item and not item.endswith((".yml", ".yaml", ".toml")):
            if not is_profile(item):
                from reportlint.builtin_profiles import unknown

                raise ConfigError(f"extends: {unknown(item)}", label, line)
            out.extend(_resolve_chain(None, item, None, seen, project))
            continue
        target = realpath(base / item)
        if str(target) in seen:
            chain = " -> ".join(Path(s).name if not s.startswith("profile:") else s
                                for s in (*seen, str(target)))
            raise ConfigError(f"extends cycle: {chain}", label, line)
        if not target.exists():
            raise ConfigError(f"extends: file not found: {short(item)[1:-1]}", label, line)
        if project is not None and not is_inside(target, project) \
                and target.suffix not in OUTSIDE_SUFFIXES:
            raise ConfigError(f"extends: {short(item)} is outside the project and not a .yml "
                              "or .yaml file; not read", label, line)
        if len(seen) >= MAX_EXTENDS:
            raise ConfigError(f"extends: a chain of more than {MAX_EXTENDS} files", label, line)
        out.extend(_resolve_chain(target, None, _load_layer(target), seen, project))
    return out


def _merge(layers: list[tuple[str, Path, LineDict]], registry: Registry) -> Config:
    cfg = Config(file=None, base_dir=Path.cwd())
    for label, base, data in layers:
        if "documents" in data:
            docs = data["documents"]
            if isinstance(docs, str):
                docs = [docs]
            if not isinstance(docs, list) or not all(isinstance(d, str) for d in docs):
                raise ConfigError(f"documents: expected a list of paths or globs, got "
                                  f"{short(docs)}", label, _line(data, "documents"))
            cfg.documents = tuple(docs)
            cfg.base_dir = base
        if "sources" in data:
            src = data["sources"]
            if not isinstance(src, dict):
                raise ConfigError(f"sources: expected a mapping, got {short(src)}", label,
                                  _line(data, "sources"))
            for key in src:
                if key not in SOURCES_KEYS:
                    raise ConfigError(f"sources: unknown key {short(key)}; known keys: root", label,
                                      _line(src, key))
            root = src.get("root")
            if root is not None:
                if not isinstance(root, str):
                    raise ConfigError(f"sources.root: expected a path, got {short(root)}", label,
                                      _line(src, "root"))
                cfg.sources_root = realpath(base / root)
                cfg.sources_root_at = (label, _line(src, "root"), root)
                if not cfg.sources_root.is_dir():
                    raise ConfigError(f"sources.root: no such folder: {root}", label,
                                      _line(src, "root"))
        if "rules_dirs" in data:
            rd = data["rules_dirs"]
            if not isinstance(rd, list) or not all(isinstance(d, str) for d in rd):
                raise ConfigError(f"rules_dirs: expected a list of folders, got {short(rd)}", label,
                                  _line(data, "rules_dirs"))
            cfg.rules_dirs = tuple((base / d).resolve() for d in rd)
        for key in ("evidence", "limits"):
            if key in data:
                val = data[key]
                if not isinstance(val, dict):
                    raise ConfigError(f"{key}: expected a mapping, got {short(val)}", label,
                                      _line(data, key))
                merged = getattr(cfg, key)
                for k, v in val.items():
                    merged[k] = v
                    if isinstance(merged, LineDict):
                        merged.lines[k] = _line(val, k) or 0
                        merged.files[k] = label
        if "rules" in data:
            _merge_rules(cfg, data["rules"], label, _line(data, "rules"), registry)
        if "overrides" in data:
            cfg.overrides.extend(_read_overrides(data["overrides"], label, base,
                                                 _line(data, "overrides")))
    return cfg


def _read_overrides(entries: Any, label: str, base: Path, line: int | None) -> list[Override]:
    """`overrides:` entries, each `files` (globs) plus `extends` and/or `rules`."""
    if not isinstance(entries, list):
        raise ConfigError(f"overrides: expected a list of {{files, extends, rules}} entries, "
                          f"got {entries!r}", label, line)
    out = []
    for i, entry in enumerate(entries):
        where = f"overrides[{i}]"
        eline = _line(entries, i) or line
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected a mapping with `files`, got {entry!r}",
                              label, eline)
        for key in entry:
            if key not in OVERRIDE_KEYS:
                raise ConfigError(f"{where}: unknown key {str(key)!r}; known keys: "
                                  + ", ".join(OVERRIDE_KEYS), label, _line(entry, key) or eline)
        files = entry.get("files")
        if isinstance(files, str):
            files = [files]
        if not files or not isinstance(files, list) or not all(
                isinstance(f, str) and f for f in files):
            raise ConfigError(f"{where}.files: expected a glob or a list of globs, got "
                              f"{files!r}", label, _line(entry, "files") or eline)
        if "extends" not in entry and "rules" not in entry:
            raise ConfigError(f"{where}: give `extends`, `rules` or both", label, eline)
        layers: list[tuple[str, Path, LineDict]] = []
        if "extends" in entry:
            ext = LineDict({"extends": entry["extends"]})
            ext.lines["extends"] = _line(entry, "extends") or eline or 0
            layers.extend(_follow(ext, label, base, (f"{label}:{where}",)))
        if "rules" in entry:
            own = LineDict({"rules": entry["rules"]})
            own.lines["rules"] = _line(entry, "rules") or eline or 0
            layers.append((label, base, own))
        out.append(Override(tuple(files), base, tuple(layers)))
    return out


def _variant(cfg: Config, matched: tuple[int, ...], registry: Registry) -> dict[str, RuleConfig]:
    """The base rules with the layers of ``matched`` overrides merged on top, in order."""
    import copy

    tmp = Config(file=cfg.file, base_dir=cfg.base_dir, raw_rules=copy.deepcopy(cfg.raw_rules))
    for i in matched:
        for label, _base, data in cfg.overrides[i].layers:
            if "rules" in data:
                _merge_rules(tmp, data["rules"], label, _line(data, "rules"), registry)
    _build_rules(tmp, registry)
    _select(tmp.rules, *cfg.selection)
    return tmp.rules


def _merge_rules(cfg: Config, rules: Any, label: str, line: int | None,
                 registry: Registry) -> None:
    if rules is None:
        return
    if not isinstance(rules, dict):
        raise ConfigError(f"rules: expected a mapping of rule id or name to settings, "
                          f"got {short(rules)}", label, line)
    seen_here: dict[str, str] = {}
    for key, value in rules.items():
        kline = _line(rules, key)
        rid = registry.resolve(str(key))
        if rid is None:
            raise ConfigError(f"rules: no such rule {short(str(key))}{registry.suggest(str(key))}",
                              label, kline)
        if rid in seen_here:
            raise ConfigError(f"rules: {short(key)} and {short(seen_here[rid])} both "
                              f"configure {rid}", label, kline)
        seen_here[rid] = str(key)
        entry = cfg.raw_rules.setdefault(rid, LineDict())
        if value is None or value is True or value == "on":
            continue
        if value is False or (isinstance(value, str) and value in SEVERITIES):
            sev = "off" if value is False else value
            entry["severity"] = sev
            entry.lines["severity"] = kline or 0
            entry.files["severity"] = label
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"rules.{key}: expected a mapping of options, a severity or "
                              f"off, got {short(value)}", label, kline)
        for k, v in value.items():
            entry[k] = v
            entry.lines[k] = _line(value, k) or kline or 0
            entry.files[k] = label
        # remember the rule key's own line for errors about the whole entry
        entry.files.setdefault("", label)
        entry.lines.setdefault("", kline or 0)


def _build_rules(cfg: Config, registry: Registry) -> None:
    for cls in registry.rules():
        raw = cfg.raw_rules.get(cls.id, LineDict())
        cfg.rules[cls.id] = _rule_config(cls, raw, cfg)


def _rule_config(cls: type[Rule], raw: LineDict, cfg: Config) -> RuleConfig:
    label = raw.files.get("", str(cfg.file or "<config>"))
    severity = cls.default_severity
    enabled = cls.enabled_by_default or bool([k for k in raw if k != "severity"])
    if "severity" in raw:
        value = raw["severity"]
        if value is False:
            value = "off"
        if not isinstance(value, str) or value.lower() not in SEVERITIES:
            raise ConfigError(
                f"rules.{cls.name}.severity: expected one of error, warning, note, off, "
                f"got {short(value)}", _file(raw, "severity", label), _line(raw, "severity"))
        if value.lower() == "off":
            enabled = False
        else:
            severity = Severity.parse(value)
            enabled = True
    option_raw = LineDict({k: v for k, v in raw.items() if k not in ("severity", "")})
    option_raw.lines = raw.lines
    try:
        options = opts.build(cls.Options, option_raw, f"rules.{cls.name}",
                             raw.lines.get("") or None)
    except opts.OptionError as exc:
        # the option the error is about decides the file: a profile or the user's config
        top = exc.path.split(".")[2].split("[")[0] if exc.path.count(".") >= 2 else (
            exc.key or "")
        file = _file(raw, top.replace("-", "_"), "") or _file(raw, top, label)
        raise ConfigError(exc.args[0], file, exc.line) from None
    return RuleConfig(cls.id, severity, enabled, options)


# ---------------------------------------------------------------------- entry point


def load_config(config_path: Path | None = None, profile: str | None = None,
                cwd: Path | None = None, registry: Registry | None = None,
                registry_factory: Any = None) -> tuple[Config, Registry]:
    """Find, read, merge and validate the configuration.

    ``profile`` replaces the config's own ``extends`` base (``--profile``).
    ``registry_factory(rules_dirs)`` builds the registry once ``rules_dirs``
    are known (the caller decides whether local rules are allowed).
    """
    from reportlint.registry import build_registry

    start = cwd or Path.cwd()
    if profile is not None and not is_profile(profile):
        from reportlint.builtin_profiles import unknown

        raise ConfigError(f"--profile: {unknown(profile)}")
    if config_path is None:
        config_path = find_config(start)
    elif not config_path.exists():
        raise ConfigError("config file not found", str(config_path))
    layers: list[tuple[str, Path, LineDict]]
    if config_path is None:
        layers = _resolve_chain(None, profile or DEFAULT_PROFILE, None)
    else:
        project = find_project_root(config_path.parent)
        data = _load_layer(config_path, project)
        if profile is not None:
            stripped = LineDict({k: v for k, v in data.items() if k != "extends"})
            stripped.lines, stripped.files = dict(data.lines), dict(data.files)
            data = stripped
            layers = _resolve_chain(None, profile, None)
            layers += _resolve_chain(config_path, None, data, project=project)
        else:
            layers = _resolve_chain(config_path, None, data, project=project)
    # rules_dirs must be known before rule names can be checked
    rules_dirs: tuple[Path, ...] = ()
    for label, base, data in layers:
        if "rules_dirs" in data and isinstance(data["rules_dirs"], list):
            rules_dirs = tuple((base / str(d)).resolve() for d in data["rules_dirs"])
            dirs = data["rules_dirs"]
            for d, line in zip(dirs, getattr(dirs, "lines", [None] * len(dirs))):
                if not (base / str(d)).is_dir():
                    raise ConfigError(f"rules_dirs: folder not found: {d}", label, line)
    if registry is None:
        registry = (registry_factory or build_registry)(rules_dirs)
    cfg = _merge(layers, registry)
    cfg.file = config_path
    if config_path is not None and not cfg.documents:
        cfg.base_dir = config_path.parent
    cfg.profile_chain = tuple(label for label, _b, _d in layers)
    if cfg.evidence:
        _check_evidence(cfg)
    try:
        cfg.parse_limits = opts.build(Limits, cfg.limits, "limits")
    except opts.OptionError as exc:
        key = exc.path.split(".")[1].split("[")[0] if "." in exc.path else ""
        line = exc.line
        if not key:  # a cross-field check names its key in the message
            key = next((str(k) for k in cfg.limits if f"{k}" in exc.message), "")
            line = line or _line(cfg.limits, key)
        default = display(config_path) if config_path else "<config>"
        raise ConfigError(exc.args[0], _file(cfg.limits, key, default), line) from None
    _build_rules(cfg, registry)
    cfg.registry = registry
    for i in range(len(cfg.overrides)):
        cfg.rules_with((i,))  # a mistake in an override is a config error now
    return cfg, registry


def _check_evidence(cfg: Config) -> None:
    """Validate `evidence:` at load time, so a mistake is a config error, not a crash."""
    from reportlint.evidence.settings import settings_from

    raw = LineDict(cfg.evidence)
    raw.lines = getattr(cfg.evidence, "lines", {})
    try:
        settings_from(raw)
    except opts.OptionError as exc:
        key = exc.path.split(".")[1].split("[")[0] if "." in exc.path else ""
        default = display(cfg.file) if cfg.file else "<config>"
        raise ConfigError(exc.args[0], _file(cfg.evidence, key, default), exc.line) from None


def apply_selection(cfg: Config, registry: Registry, select: Iterable[str] = (),
                    ignore: Iterable[str] = ()) -> None:
    """``--select`` keeps only the named rules (enabling them); ``--ignore`` turns rules off."""
    def ids(refs: Iterable[str], flag: str) -> set[str]:
        out = set()
        for ref in refs:
            for part in filter(None, (p.strip() for p in ref.split(","))):
                rid = registry.resolve(part)
                if rid is None:
                    raise ConfigError(f"{flag}: no such rule {short(part)}{registry.suggest(part)}")
                out.add(rid)
        return out

    cfg.selection = (frozenset(ids(select, "--select")), frozenset(ids(ignore, "--ignore")))
    _select(cfg.rules, *cfg.selection)
    for variant in cfg._variants.values():
        _select(variant, *cfg.selection)


def _select(rules: dict[str, RuleConfig], selected: frozenset[str],
            ignored: frozenset[str]) -> None:
    for rid, rc in list(rules.items()):
        enabled = rc.enabled
        if selected:
            enabled = rid in selected
        if rid in ignored:
            enabled = False
        rules[rid] = rc._replace(enabled=enabled)
