"""Rule options: one frozen dataclass per rule, validated strictly.

Supported field types are a small closed set: ``bool``, ``int`` (``True`` is
not an integer here), ``float``, ``str``, ``tuple[T, ...]`` (from a YAML list),
``dict[str, T]``, ``Literal[...]``, ``X | None`` and nested option dataclasses
(from a YAML mapping). YAML keys are kebab-case (``match-case``) and map to
snake_case fields (``match_case``). Cross-field checks live in the
dataclass's ``__post_init__`` and raise ``ValueError``.

Two kinds of mistake, two kinds of error. An option class that uses another
type, lacks a default or is not a frozen dataclass is the rule author's
mistake: ``check_options_class`` raises TypeError when the Rule subclass is
created (at import, naming the rule and the field). A value in a user's
configuration that does not fit, or that makes the option class raise
anything at all (``ValueError``, ``re.error``, ...), is an ``OptionError``,
which the configuration reports as ``FILE:LINE: message`` with exit code 2.
"""

from __future__ import annotations

import dataclasses
import re
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
    else:  # refused when the rule class is created (check_options_class)
        raise TypeError(f"unsupported option type {tp!r} at {path}")
    raise OptionError(path, f"expected {describe(tp)}, got {_got(value)}", line)


def _unsupported(tp: Any) -> str | None:
    """Why ``tp`` cannot be an option type, or None when ``convert`` handles it."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp in (bool, int, float, str) or tp is Any:
        return None
    if origin is Literal:
        return None if args else "Literal[] without values"
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return _unsupported(args[0])
        return f"{_name(tp)}: use tuple[T, ...] (a YAML list of T)"
    if origin is dict:
        if not args:
            return None
        if args[0] is not str:
            return f"{_name(tp)}: mapping keys are strings (YAML keys)"
        return _unsupported(args[1])
    if origin in (Union, types.UnionType):
        for a in args:
            why = None if a is type(None) else _unsupported(a)
            if why:
                return why
        return None
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        try:
            hints = typing.get_type_hints(tp)
        except Exception as exc:
            return f"{tp.__name__}: cannot resolve its annotations ({exc})"
        for f in dataclasses.fields(tp):
            why = _unsupported(hints[f.name])
            if why:
                return f"{tp.__name__}.{f.name}: {why}"
        return None
    if origin is list:
        return f"{_name(tp)}: use tuple[T, ...] (options are immutable)"
    return (f"{_name(tp)} is not an option type (bool, int, float, str, tuple[T, ...], "
            "dict[str, T], Literal[...], X | None or a dataclass)")


def _name(tp: Any) -> str:
    return tp.__name__ if isinstance(tp, type) and not typing.get_args(tp) else str(tp)


def check_options_class(cls: Any, where: str) -> None:
    """Raise TypeError, naming ``where`` and the field, if ``cls`` cannot be an Options class.

    It must be a frozen dataclass whose fields all have defaults (a rule runs
    with its defaults when the configuration says nothing) and use the
    supported types; its defaults must pass its own ``__post_init__``.
    """
    if not (dataclasses.is_dataclass(cls) and isinstance(cls, type)):
        raise TypeError(f"{where}: Options must be a dataclass (@dataclass(frozen=True))")
    try:
        hints = typing.get_type_hints(cls)
    except Exception as exc:
        raise TypeError(f"{where}: cannot resolve the annotations of Options: {exc}") from None
    for f in dataclasses.fields(cls):
        why = _unsupported(hints[f.name])
        if why:
            raise TypeError(f"{where}: option {f.name!r}: {why}")
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise TypeError(f"{where}: option {f.name!r} has no default (use opt(default, help))")
    try:
        defaults: Any = cls()
    except Exception as exc:
        raise TypeError(f"{where}: Options() with the defaults fails: "
                        f"{type(exc).__name__}: {exc}") from None
    try:
        defaults._frozen_probe = True  # a frozen dataclass refuses any attribute
    except dataclasses.FrozenInstanceError:
        return
    except AttributeError:  # slots without frozen
        pass
    raise TypeError(f"{where}: Options must be frozen (@dataclass(frozen=True))")


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
    except OptionError:
        raise
    except (ValueError, TypeError) as exc:  # __post_init__'s own message says what is wrong
        raise OptionError(path, str(exc), line) from None
    except re.error as exc:
        raise OptionError(path, f"invalid regular expression: {exc}", line) from None
    except Exception as exc:  # whatever else an option class raises is still a config error
        raise OptionError(path, f"{type(exc).__name__}: {exc}", line) from None


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
