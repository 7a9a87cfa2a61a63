"""Key paths and value positions of JSON and YAML evidence files.

The source index needs, for every scalar value, its dotted key path
(``metrics.loss``, ``runs[0].steps``) and where its text is in the file, so a
finding can point at the line. ``json`` gives no positions, so the JSON
outline re-tokenises the (already validated) text; YAML positions come from
``yaml.compose`` node marks, which index the same text. Offsets are into the
text as given; the caller maps them to lines and columns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Scalar(NamedTuple):
    """A scalar value: its key path and the offsets of its raw text."""

    path: str
    start: int
    end: int


class Key(NamedTuple):
    """A mapping key: its full path, its own name, and the offsets it covers.

    ``start``/``name_end`` delimit the key itself; ``end`` is the end of its value.
    """

    path: str
    name: str
    start: int
    name_end: int
    end: int


@dataclass
class Outline:
    """The keys and scalar values of a JSON or YAML file, with their offsets."""

    keys: list[Key] = field(default_factory=list)
    scalars: list[Scalar] = field(default_factory=list)


_JSON_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|'
    r"[{}\[\]:,]")


@dataclass
class _Frame:
    """An object or array being read: where it is, and what comes next in it."""

    kind: str  # "obj" or "arr"
    path: str
    opened_by: tuple[str, str, int, int] | None  # the key whose value this container is
    index: int = 0
    key: tuple[str, str, int, int] | None = None  # (path, name, start, name_end)
    expect_value: bool = False


def join(base: str, key: str) -> str:
    return f"{base}.{key}" if base else key


def json_outline(text: str) -> Outline:
    """Keys and scalars of a JSON document. Raises ``ValueError`` when it is not JSON."""
    json.loads(text)  # validate first: the tokeniser below assumes well-formed input
    out = Outline()
    stack: list[_Frame] = []

    def value_path() -> str:
        if not stack:
            return ""
        top = stack[-1]
        if top.kind == "arr":
            return f"{top.path}[{top.index}]"
        return top.key[0] if top.key else top.path

    def close_key(end: int) -> None:
        if stack and stack[-1].kind == "obj" and stack[-1].key is not None:
            path, name, start, name_end = stack[-1].key
            out.keys.append(Key(path, name, start, name_end, end))
            stack[-1].key = None
            stack[-1].expect_value = False

    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        c = tok[0]
        if c in "{[":
            stack.append(_Frame("obj" if c == "{" else "arr", value_path(), None))
        elif c in "}]":
            stack.pop()
            close_key(m.end())
        elif c == ":":
            stack[-1].expect_value = True
        elif c == ",":
            if stack[-1].kind == "arr":
                stack[-1].index += 1
        elif stack and stack[-1].kind == "obj" and not stack[-1].expect_value:
            name = json.loads(tok)
            stack[-1].key = (join(stack[-1].path, name), name, m.start(), m.end())
        else:
            lo, hi = (m.start() + 1, m.end() - 1) if c == '"' else (m.start(), m.end())
            out.scalars.append(Scalar(value_path(), lo, hi))
            close_key(m.end())
    out.keys.sort(key=lambda k: k.start)
    return out


def yaml_outline(text: str) -> Outline:
    """Keys and scalars of all YAML documents in ``text``. Raises ``yaml.YAMLError``.

    Composition builds nodes only (no Python objects), and each node is
    visited once, so aliases cannot loop or multiply the work.
    """
    import yaml  # only for YAML sources: PyYAML costs ~20 ms to import

    out = Outline()
    seen: set[int] = set()
    for doc in yaml.compose_all(text, Loader=yaml.SafeLoader):
        if doc is None:
            continue
        stack: list[tuple[Any, str]] = [(doc, "")]
        while stack:
            node, path = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.ScalarNode):
                out.scalars.append(Scalar(path, node.start_mark.index, node.end_mark.index))
            elif isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    name = str(k.value) if isinstance(k, yaml.ScalarNode) else "?"
                    p = join(path, name)
                    out.keys.append(Key(p, name, k.start_mark.index, k.end_mark.index,
                                        v.end_mark.index))
                    stack.append((v, p))
            elif isinstance(node, yaml.SequenceNode):
                for i, v in enumerate(node.value):
                    stack.append((v, f"{path}[{i}]"))
    out.keys.sort(key=lambda k: k.start)
    out.scalars.sort(key=lambda s: s.start)
    return out

