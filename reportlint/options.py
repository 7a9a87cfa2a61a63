"""Rule options: one frozen dataclass per rule, validated strictly.

Supported field types are a small closed set: ``bool``, ``int`` (``True`` is
not an integer here), ``float``, ``str``, ``tuple[T, ...]`` (from a YAML list),
``dict[str, T]``, ``Literal[...]``, ``X | None`` and nested option dataclasses
(from a YAML mapping). YAML keys are kebab-case (``match-case``) and map to
snake_case fields (``match_case``). Cross-field checks live in the
dataclass's ``__post_init__`` and raise ``ValueError``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union


def opt(default: Any, help: str) -> Any:
    """A dataclass field with a default and its documentation."""
    if isinstance(default, (list, dict, set)):
        raise TypeError("option defaults must be immutable (use a tuple)")
    return dataclasses.field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


class OptionError(Exception):
    """An invalid option value. ``path`` is the dotted YAML path, ``line`` 1-based."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 key: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message
        self.line = line
        self.key = key  # the unknown key, for "unknown option" errors


def line_of(container: Any, key: Any) -> int | None:
    """The line of ``container[key]`` when the YAML loader recorded it."""
    lines = getattr(container, "lines", None)
    if lines is None:
        return None
    if isinstance(lines, dict):
        return lines.get(key)
    if isinstance(key, int) and 0 <= key < len(lines):
        return int(lines[key])
    return None


def field_key(name: str) -> str:
    return name.replace("_", "-")


def describe(tp: Any) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is bool:
        return "a boolean"
    if tp is int:
        return "an integer"
    if tp is float:
        return "a number"
    if tp is str:
        return "a string"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in args)
    if origin in (tuple, list):
        return "a list"
    if origin is dict or dataclasses.is_dataclass(tp):
        return "a mapping"
    if origin in (Union, types.UnionType):
        # `int | None`: null means "no limit"; saying so in every message is noise
        return " or ".join(describe(a) for a in args if a is not type(None))
    return getattr(tp, "__name__", str(tp))


def _got(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {'mapping' if isinstance(value, dict) else 'list'}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text


def convert(tp: Any, value: Any, path: str, line: int | None) -> Any:
    """Convert a YAML value to ``tp`` or raise OptionError naming ``path``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        errors = []
        for a in inner:
            try:
                return convert(a, value, path, line)
            except OptionError as exc:
                errors.append(exc)
        raise OptionError(path, f"expected {describe(tp)}, got {_got(value)}", line)
    if tp is Any:
        return value
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif origin is Literal:
        if value in args and not isinstance(value, bool):
            return value
    elif origin in (tuple, list):
        if isinstance(value, (list, tuple)):
            item_tp = args[0] if args else Any
            return tuple(
                convert(item_tp, v, f"{path}[{i}]", line_of(value, i) or line)
                for i, v in enumerate(value)
            )
    elif origin is dict:
        if isinstance(value, Mapping):
            ktp, vtp = args if args else (str, Any)
            out = {}
            for k, v in value.items():
                kline = line_of(value, k) or line
                key = convert(ktp, k, f"{path}", kline)
                out[key] = convert(vtp, v, f"{path}.{k}", kline)
            return out
    elif dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if isinstance(value, Mapping):
            return build(tp, value, path, line)
    else:  # pragma: no cover - a rule author's mistake, caught by tests
        raise TypeError(f"unsupported option type {tp!r} at {path}")
    raise OptionError(path, f"expected {describe(tp)}, got {_got(value)}", line)


def fields_of(cls: type) -> dict[str, tuple[dataclasses.Field[Any], Any]]:
    hints = typing.get_type_hints(cls)
    return {f.name: (f, hints[f.name]) for f in dataclasses.fields(cls)}


def build(cls: type, raw: Mapping[str, Any], path: str, line: int | None = None,
          reserved: frozenset[str] = frozenset()) -> Any:
    """Build an options dataclass from a mapping, rejecting unknown keys."""
    known = fields_of(cls)
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key in reserved:
            continue
        kline = line_of(raw, key) or line
        name = str(key).replace("-", "_")
        if name not in known:
            choices = sorted(field_key(n) for n in known)
            import difflib  # only for a did-you-mean: 2 ms to import

            hint = difflib.get_close_matches(str(key), choices, n=1)
            msg = f"unknown option {str(key)!r}"
            if hint:
                msg += f" (did you mean {hint[0]!r}?)"
            msg += "; known options: " + (", ".join(choices) if choices else "none")
            raise OptionError(path, msg, kline, key=str(key))
        _f, tp = known[name]
        kwargs[name] = convert(tp, value, f"{path}.{field_key(name)}" if path else field_key(name),
                               kline)
    try:
        return cls(**kwargs)
    except (ValueError, TypeError) as exc:
        raise OptionError(path, str(exc), line) from None


def describe_options(cls: type) -> list[tuple[str, str, str, str]]:
    """(key, type description, default, help) for documentation."""
    rows = []
    for name, (f, tp) in fields_of(cls).items():
        default = f.default if f.default is not dataclasses.MISSING else None
        if f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        rows.append((field_key(name), describe(tp), _format_default(default),
                     str(f.metadata.get("help", ""))))
    return rows


def _format_default(value: Any) -> str:
    if dataclasses.is_dataclass(value):
        return "(see below)"
    if isinstance(value, tuple):
        return "[" + ", ".join(_format_default(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    return str(value)
