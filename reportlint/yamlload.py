"""YAML loading that remembers lines, so every config error can name one.

Mappings load as ``LineDict`` (``.lines[key]`` is the 1-based line of the
key) and sequences as ``LineList`` (``.lines[i]`` is the line of item i).

PyYAML is imported on the first parse, not with this module: with the
configuration cache warm (``reportlint.cache``) a run never needs it.
"""

from __future__ import annotations

import contextlib
from typing import Any


class LineDict(dict):
    lines: dict[Any, int]
    files: dict[Any, str]

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.lines = {}
        self.files = {}


class LineList(list):
    lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines = []


class YamlError(Exception):
    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _loader() -> Any:
    """The line-recording SafeLoader class, built on first use."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
        out = LineDict()
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "found an unhashable key", key_node.start_mark) from None
            if key in out:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            out[key] = loader.construct_object(value_node, deep=True)
            out.lines[key] = key_node.start_mark.line + 1
        return out

    def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
        out = LineList(loader.construct_object(child, deep=True) for child in node.value)
        out.lines = [child.start_mark.line + 1 for child in node.value]
        return out

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
    _LOADER = _Loader
    return _Loader


_LOADER: Any = None


def load(text: str) -> Any:
    """Parse YAML text; raise YamlError with the line and column of a syntax error."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise YamlError(problem, None, None) from None
        raise YamlError(problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0], None, None) from None


# ---------------------------------------------------------------------- the cache


class _Unencodable(Exception):
    """A value JSON cannot carry exactly (a date, bytes, a set): not cached."""


def encode(value: Any) -> Any:
    """A JSON-able form of a loaded tree that keeps key types and lines.

    A mapping is ``{"d": [[key, value, line], ...]}`` and a list is
    ``{"l": [[item, line], ...]}``; scalars are themselves, and are never
    JSON objects, so the two cannot be confused.
    """
    if isinstance(value, LineDict):
        return {"d": [[_scalar(k), encode(v), value.lines.get(k)] for k, v in value.items()]}
    if isinstance(value, LineList):
        lines = value.lines if len(value.lines) == len(value) else [None] * len(value)
        return {"l": [[encode(v), line] for v, line in zip(value, lines)]}
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise _Unencodable(type(value).__name__)


def decode(data: Any) -> Any:
    if isinstance(data, dict):
        if "d" in data:
            out = LineDict()
            for key, value, line in data["d"]:
                out[key] = decode(value)
                if line is not None:
                    out.lines[key] = line
            return out
        items = data["l"]
        lst = LineList(decode(v) for v, _line in items)
        lst.lines = [line for _v, line in items]
        return lst
    return data


def cached_load(text: str) -> Any:
    """``load(text)``, from the run's cache when this exact text was parsed before.

    Only trees that parsed cleanly are stored, so errors (with their lines)
    always come from a real parse.
    """
    from reportlint import cache

    store = cache.active()
    if store is None:
        return load(text)
    key = store.key("yaml", text)
    hit = store.get(key)
    if isinstance(hit, dict) and "tree" in hit:
        try:
            return decode(hit["tree"])
        except (KeyError, TypeError, ValueError):
            pass  # a damaged entry: parse again and overwrite it
    tree = load(text)
    with contextlib.suppress(_Unencodable):
        store.put(key, {"tree": encode(tree)})
    return tree
