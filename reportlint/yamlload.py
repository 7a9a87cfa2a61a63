"""YAML loading that remembers lines, so every config error can name one.

Mappings load as ``LineDict`` (``.lines[key]`` is the 1-based line of the
key) and sequences as ``LineList`` (``.lines[i]`` is the line of item i).

PyYAML is imported on the first parse, not with this module.
"""

from __future__ import annotations

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
