"""``record``: ``dataclasses.dataclass`` for the common case, at a fifth of the start-up cost.

A frozen dataclass compiles six generated methods from source when its class
is created (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__``, ``__delattr__``): about 0.4 ms each class on CPython 3.11,
and reportlint defines some sixty of them (the document model, evidence
records, rule options), so a quarter of a run's start-up went to compiling
methods that differ only in their field names. ``record`` lets
``dataclasses`` do the field processing, gives ``__eq__``, ``__hash__``,
``__repr__``, ordering and immutability as shared functions over the field
names, and compiles ``__init__`` (the one method whose speed matters when
thousands of instances are made) only once a record has made ``HOT``
instances; most records (options, settings) are made once or twice a run.

The result *is* a dataclass: ``dataclasses.fields``, ``replace``,
``is_dataclass``, ``asdict``, ``__match_args__`` and inheritance work, and
``__dataclass_params__`` reports the flags asked for. What ``record`` does
not support (``init=False`` fields, ``kw_only``, ``InitVar``, ``slots``,
``unsafe_hash``) it hands to ``dataclasses.dataclass`` unchanged, so the
worst case is the standard cost, never a different behaviour.
``tests/core/test_records.py`` compares both on generated class shapes.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:  # type checkers learn the generated __init__ from this (PEP 681)
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_kw: Any) -> Any:
        return lambda f: f

T = TypeVar("T")
_MISSING = dataclasses.MISSING
_FACTORY = object()  # the default of a parameter whose field has a default_factory


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True, eq: bool = True, order: bool = False,
           repr: bool = True) -> Callable[[type[T]], type[T]]: ...


def record(cls: Any = None, /, *, frozen: bool = True, eq: bool = True, order: bool = False,
           repr: bool = True) -> Any:
    """Like ``@dataclass(frozen=True)`` (the default here), built faster."""
    def wrap(c: type[T]) -> type[T]:
        return _build(c, frozen=frozen, eq=eq, order=order, repr=repr)
    return wrap if cls is None else wrap(cls)


def _dataclass_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if "__dataclass_fields__" in base.__dict__]


def _unsupported(cls: type) -> bool:
    """True for what ``record`` leaves to ``dataclasses`` (rarer features)."""
    if "__slots__" in cls.__dict__:
        return True
    for base in _dataclass_bases(cls):
        if any(not f.init or f.kw_only is True for f in dataclasses.fields(base)):
            return True
    annotations = inspect.get_annotations(cls)
    for name, ann in annotations.items():
        text = ann if isinstance(ann, str) else getattr(ann, "__name__", str(ann))
        if "InitVar" in text or "KW_ONLY" in text:
            return True
        value = cls.__dict__.get(name)
        if isinstance(value, dataclasses.Field) and (
                value.init is False or value.kw_only is True):
            return True
    return False


def _build(cls: type[T], *, frozen: bool, eq: bool, order: bool, repr: bool) -> type[T]:
    if order and not eq:
        raise ValueError("eq must be true if order is true")
    if _unsupported(cls):
        return dataclasses.dataclass(cls, frozen=frozen, eq=eq, order=order, repr=repr)
    own = dict(cls.__dict__)
    if frozen:
        for name in ("__setattr__", "__delattr__"):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    had_doc = own.get("__doc__") is not None
    if not had_doc:
        # a truthy placeholder: with none, dataclasses renders a signature through
        # inspect, which costs more than the rest of the class (and loads tokenize)
        cls.__doc__ = "-"
    # With dataclass bases, dataclasses checks that frozen matches theirs and then writes
    # the frozen __setattr__/__delattr__ itself; without, ours are cheaper.
    inherited = bool(_dataclass_bases(cls))
    dataclasses.dataclass(cls, init=False, repr=False, eq=False, order=False,
                          frozen=frozen and inherited)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    names = tuple(f.name for f in fields)

    def add(name: str, value: Any) -> None:
        if name not in own:  # a method the class defines itself wins, as in dataclasses
            _put(cls, name, value)

    add("__init__", _lazy_init(cls, fields, frozen))
    if repr:
        add("__repr__", _make_repr(tuple(f.name for f in fields if f.repr)))
    key = _getter(tuple(f.name for f in fields if f.compare))
    if eq:
        add("__eq__", _make_eq(key))
    if order:
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            if op in own:
                raise TypeError(f"Cannot overwrite attribute {op} in class {cls.__name__}. "
                                "Consider using functools.total_ordering")
            _put(cls, op, _make_order(op, key))
    # dataclasses' rule: a class body defining __eq__ alone gets __hash__ = None implicitly,
    # which is not an explicit hash
    explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if eq and not explicit_hash:
        if frozen:
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            _put(cls, "__hash__", _make_hash(_getter(hashed)))
        else:
            _put(cls, "__hash__", None)  # mutable and comparable: unhashable
    if frozen and not inherited:
        _put(cls, "__setattr__", _make_frozen(cls, frozenset(names), "assign to"))
        _put(cls, "__delattr__", _make_frozen(cls, frozenset(names), "delete"))
    params: Any = cls.__dataclass_params__  # type: ignore[attr-defined]
    params.init, params.repr, params.eq, params.order, params.frozen = (
        True, repr, eq, order, frozen)
    if not had_doc:
        cls.__doc__ = f"{cls.__name__}({', '.join(names)})"
    return cls


def _put(cls: type, name: str, value: Any) -> None:
    setattr(cls, name, value)


HOT = 16  # instances of a record after which its __init__ is compiled


def _lazy_init(cls: Any, fields: tuple[dataclasses.Field[Any], ...],
               frozen: bool) -> Callable[..., None]:
    """``__init__`` without a compile until the record has made ``HOT`` instances.

    Compiling costs about 0.08 ms a class, and most records (options, settings,
    configuration) are made once or twice a run; the first instances are made
    by binding the arguments in a loop (about 1 µs slower each). Past ``HOT``
    instances, or on any call that is not a plain valid one (so that errors
    carry Python's own messages), the compiled ``__init__`` takes over.
    """
    seen_default = False
    for f in fields:  # the error dataclasses raises when the class is made
        has_default = f.default is not _MISSING or f.default_factory is not _MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or has_default
    names = tuple(f.name for f in fields)
    defaults = tuple(f.default for f in fields)
    factories = tuple(f.default_factory for f in fields)
    count = len(names)
    post_init = hasattr(cls, "__post_init__")
    assign = object.__setattr__ if frozen else setattr
    calls = 0
    compiled: Callable[..., None] | None = None

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal calls, compiled
        calls += 1
        if compiled is None and calls <= HOT and len(args) <= count:
            values = list(args)
            used = 0
            for i in range(len(args), count):
                name = names[i]
                if name in kwargs:
                    values.append(kwargs[name])
                    used += 1
                elif defaults[i] is not _MISSING:
                    values.append(defaults[i])
                elif factories[i] is not _MISSING:
                    values.append(factories[i]())  # type: ignore[operator]
                else:
                    break  # a missing argument: the compiled __init__ says so
            else:
                if used == len(kwargs):
                    for name, value in zip(names, values):
                        assign(self, name, value)
                    if post_init:
                        self.__post_init__()
                    return
        if compiled is None:
            compiled = _make_init(cls, fields, frozen)
            if cls.__dict__.get("__init__") is __init__:
                cls.__init__ = compiled
        compiled(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _make_init(cls: type, fields: tuple[dataclasses.Field[Any], ...],
               frozen: bool) -> Callable[..., None]:
    """Compile ``__init__`` as dataclasses would, for records made many times."""
    env: dict[str, Any] = {"__factory__": _FACTORY, "__set__": object.__setattr__}
    params: list[str] = []
    body: list[str] = []
    seen_default = False
    for i, f in enumerate(fields):
        if f.default is not _MISSING:
            env[f"__d{i}"] = f.default
            params.append(f"{f.name}=__d{i}")
            value = f.name
            seen_default = True
        elif f.default_factory is not _MISSING:
            env[f"__f{i}"] = f.default_factory
            params.append(f"{f.name}=__factory__")
            value = f"__f{i}() if {f.name} is __factory__ else {f.name}"
            seen_default = True
        else:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            params.append(f.name)
            value = f.name
        body.append(f"__set__(self, {f.name!r}, {value})" if frozen
                    else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    src = (f"def __init__(self, {', '.join(params)}):\n"
           + "".join(f"    {line}\n" for line in body or ["pass"]))
    exec(compile(src, f"<record {cls.__qualname__}>", "exec"), env)
    init: Callable[..., None] = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if len(names) > 1:
        return attrgetter(*names)  # a tuple, computed in C
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _make_repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{self.__class__.__qualname__}({inner})"
    return __repr__


def _make_eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented
    return __eq__


def _make_order(op: str, key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    compare = getattr(tuple, op)

    def method(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compare(key(self), key(other))
        return NotImplemented
    method.__name__ = op
    return method


def _make_hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))
    return __hash__


def _make_frozen(cls: Any, names: frozenset[str], verb: str) -> Callable[..., None]:
    error = dataclasses.FrozenInstanceError
    if verb == "assign to":
        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is cls or name in names:
                raise error(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)
        return __setattr__

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise error(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __delattr__

