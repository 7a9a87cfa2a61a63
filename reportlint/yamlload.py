"""YAML loading that remembers lines, so every config error can name one.

Mappings load as ``LineDict`` (``.lines[key]`` is the 1-based line of the
key) and sequences as ``LineList`` (``.lines[i]`` is the line of item i).

PyYAML is imported on the first parse, not with this module.

A configuration comes from the repository, so a pull request can make it
hostile. The composer counts as it goes: more than ``MAX_ALIASES`` aliases,
nesting deeper than ``MAX_DEPTH``, an alias inside its own anchor, or aliases
that would expand the document past ``MAX_EXPANDED`` nodes (a "billion
laughs" bomb: a few hundred bytes that expand to billions of values) are a
``YamlError`` before anything is constructed.
"""

from __future__ import annotations

from typing import Any

MAX_ALIASES = 100
MAX_DEPTH = 50
MAX_EXPANDED = 100_000


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


def _base() -> Any:
    """The loader to build on: libyaml's scanner and parser under PyYAML's own
    composer, constructor and resolver, or PyYAML's pure-Python ``SafeLoader``
    when PyYAML was built without libyaml.

    The composer stays PyYAML's Python one on purpose: the guards below are
    overrides of it, and they must see every node. Scanning and parsing, where
    the time goes, run in C: the 7 KB ``executive-summary`` profile loads in
    about 1.3 ms instead of 11 ms (docs/performance.md).
    """
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return yaml.SafeLoader

    # ``Composer`` first: its composing methods take the place of the C ones
    class _Base(yaml.composer.Composer, yaml.CSafeLoader):
        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)

    return _Base


def _loader() -> Any:
    """The line-recording loader class, built on first use."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    class _Loader(_base()):  # type: ignore[misc]
        _aliases = 0
        _depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self._aliases += 1
                if self._aliases > MAX_ALIASES:
                    raise yaml.composer.ComposerError(
                        None, None, f"more than {MAX_ALIASES} aliases (*name)",
                        self.peek_event().start_mark)
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None, None, f"nested deeper than {MAX_DEPTH} levels",
                        self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

        def compose_document(self) -> Any:
            node = super().compose_document()
            if self._aliases and node is not None:
                _check_expansion(node)
            return node

    def _check_expansion(root: yaml.Node) -> None:
        """Refuse an alias inside its own anchor, or aliases expanding past the cap."""
        size: dict[int, int] = {}
        on_path: set[int] = set()
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            children = _children(node)
            if done:
                on_path.discard(id(node))
                size[id(node)] = 1 + sum(size[id(c)] for c in children)
                if size[id(node)] > MAX_EXPANDED:
                    raise yaml.composer.ComposerError(
                        None, None, f"aliases expand to more than {MAX_EXPANDED:,} values",
                        node.start_mark)
                continue
            if id(node) in size:
                continue
            on_path.add(id(node))
            stack.append((node, True))
            for child in children:
                if id(child) in on_path:
                    raise yaml.composer.ComposerError(
                        None, None, "an alias refers to the value that contains it",
                        child.start_mark)
                if id(child) not in size:
                    stack.append((child, False))

    def _children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        return []

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
                    None, None, f"duplicate key {short(key)}", key_node.start_mark)
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


def short(value: Any) -> str:
    """``repr(value)`` on one line, cut to 60 characters: never a whole tree in a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
    except RecursionError:  # a guard: the composer's depth limit comes first
        raise YamlError(f"nested deeper than {MAX_DEPTH} levels", None, None) from None
