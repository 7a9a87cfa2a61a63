"""``record`` behaves exactly as ``dataclasses.dataclass`` on every class shape it builds."""

from __future__ import annotations

import dataclasses
import pickle
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.records import record

_field = st.fixed_dictionaries({
    "kind": st.sampled_from(["plain", "default", "factory"]),
    "compare": st.booleans(),
    "repr": st.booleans(),
    "hash": st.sampled_from([None, True, False]),
})
_flags = st.fixed_dictionaries({"frozen": st.booleans(), "eq": st.booleans(),
                                "order": st.booleans(), "repr": st.booleans(),
                                "post_init": st.booleans()})


def _make(maker: Any, specs: list[dict[str, Any]], flags: dict[str, Any], name: str = "Shape",
          bases: tuple[type, ...] = (), start: int = 0) -> Any:
    """A class with fields ``f{start}``... as ``specs`` say, made by ``maker``."""
    ns: dict[str, Any] = {"__annotations__": {}, "__module__": __name__, "__qualname__": name,
                          "__doc__": f"{name}, generated."}
    for i, spec in enumerate(specs, start):
        ns["__annotations__"][f"f{i}"] = "Any"
        kw: dict[str, Any] = {"compare": spec["compare"], "repr": spec["repr"],
                              "hash": spec["hash"]}
        if spec["kind"] == "default":
            kw["default"] = i * 10
        elif spec["kind"] == "factory":
            kw["default_factory"] = list
        ns[f"f{i}"] = dataclasses.field(**kw)
    if flags["post_init"]:
        def __post_init__(self: Any) -> None:
            calls = self.__dict__.setdefault("_calls", [])
            calls.append(1)
        ns["__post_init__"] = __post_init__
    return maker(type(name, bases, ns), frozen=flags["frozen"], eq=flags["eq"],
                 order=flags["order"] and flags["eq"], repr=flags["repr"])


def _outcome(fn: Any) -> Any:
    try:
        return ("ok", fn())
    except Exception as exc:  # the exception type and message are part of the behaviour
        return ("raised", type(exc).__name__, str(exc))


def _observe(cls: Any, specs: list[dict[str, Any]]) -> list[Any]:
    """Everything a user can see of a class and two of its instances."""
    required = [i for i, s in enumerate(specs) if s["kind"] == "plain"]
    args = [f"v{i}" for i in required]
    a = cls(*args)
    b = cls(**{f"f{i}": f"v{i}" for i in required})
    other = cls(*[f"w{i}" for i in required]) if required else cls()
    params = cls.__dataclass_params__
    seen: list[Any] = [
        [f.name for f in dataclasses.fields(cls)],
        cls.__match_args__,
        (params.init, params.repr, params.eq, params.order, params.frozen),
        repr(a), a == b, a == other, a != other, a == "x",
        _outcome(lambda: hash(a) == hash(b)),
        _outcome(lambda: a < other), _outcome(lambda: a <= b), _outcome(lambda: a > other),
        _outcome(lambda: setattr(a, "f0", 1)), _outcome(lambda: setattr(a, "new", 1)),
        _outcome(lambda: delattr(b, "f0")),
        dataclasses.asdict(a),
        _outcome(lambda: dataclasses.replace(a)),
        a.__dict__.get("_calls"),
        _outcome(lambda: cls(*args, "extra", "more", "args", "than", "fields", "x")),
        _outcome(lambda: cls(nope=1)),
    ]
    # with repr=False the default repr shows an address: not part of the behaviour
    return [re.sub(r" at 0x[0-9a-f]+", "", repr(x)) for x in seen]


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(_field, max_size=5), flags=_flags)
def test_same_behaviour_as_dataclasses(specs: list[dict[str, Any]], flags: dict[str, Any]):
    theirs = _outcome(lambda: _make(dataclasses.dataclass, specs, flags))
    ours = _outcome(lambda: _make(record, specs, flags))
    assert theirs[0] == ours[0]
    if theirs[0] == "raised":  # e.g. a field without a default after one with a default
        assert ours == theirs
        return
    assert _observe(ours[1], specs) == _observe(theirs[1], specs)


@record
class Point:
    """A module-level record, so it can be pickled as the --jobs workers do."""

    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


def test_defaults_pickling_and_immutability():
    p = Point(1, tags=("a",))
    assert (p.x, p.y, p.tags) == (1, 0, ("a",))
    assert repr(p) == "Point(x=1, y=0, tags=('a',))"
    assert pickle.loads(pickle.dumps(p)) == p
    assert {p: 1}[Point(1, 0, ("a",))] == 1
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2  # type: ignore[misc]
    assert dataclasses.replace(p, y=5) == Point(1, 5, ("a",))
    assert dataclasses.is_dataclass(Point) and Point.__init__.__qualname__ == "Point.__init__"


def test_post_init_validates():
    @record
    class Range:
        """Bounds."""

        lo: int
        hi: int

        def __post_init__(self) -> None:
            if self.lo > self.hi:
                raise ValueError("lo must not exceed hi")

    assert Range(1, 2).hi == 2
    with pytest.raises(ValueError, match="lo must not exceed hi"):
        Range(3, 2)


def test_methods_the_class_defines_win():
    @record(frozen=False)
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Named) and other.name.lower() == self.name.lower()

        def __hash__(self) -> int:
            return hash(self.name.lower())

    assert repr(Named("A")) == "<A>"
    assert Named("A") == Named("a") and hash(Named("A")) == hash(Named("a"))
    assert Named.__doc__ == "Named(name)"


@pytest.mark.parametrize("body", [
    "x: int\ny: int = dataclasses.field(default=0, init=False)",
    "x: int\ny: int = dataclasses.field(default=0, kw_only=True)",
    "x: int\ny: dataclasses.InitVar[int] = 0",
])
def test_unsupported_shapes_are_left_to_dataclasses(body: str):
    ns: dict[str, Any] = {"dataclasses": dataclasses}
    src = "class C:\n    '''doc'''\n" + "".join(f"    {line}\n" for line in body.splitlines())
    exec(src, ns)
    ours = record(ns["C"])
    exec(src, ns)
    theirs = dataclasses.dataclass(frozen=True)(ns["C"])
    names = [f.name for f in dataclasses.fields(ours)]
    assert names == [f.name for f in dataclasses.fields(theirs)]
    assert repr(ours(1)) == repr(theirs(1)).replace(theirs.__qualname__, ours.__qualname__)


def test_subclass_of_a_frozen_dataclass():
    @dataclasses.dataclass(frozen=True)
    class Base:
        a: int

    @record
    class Child(Base):
        b: int = 2

    assert Child(1) == Child(1, 2) and repr(Child(1)).endswith("Child(a=1, b=2)")
    with pytest.raises(TypeError, match="non-frozen"):
        record(frozen=False)(type("Mutable", (Base,), {"__annotations__": {"c": "int"}}))


@settings(max_examples=200, deadline=None)
@given(base=st.lists(_field, max_size=3), child=st.lists(_field, max_size=3),
       base_flags=_flags, child_flags=_flags,
       makers=st.sampled_from(["record/record", "record/dataclass", "dataclass/record"]))
def test_same_behaviour_with_inheritance(base: list[dict[str, Any]], child: list[dict[str, Any]],
                                         base_flags: dict[str, Any],
                                         child_flags: dict[str, Any], makers: str):
    pick = {"record": record, "dataclass": dataclasses.dataclass}
    base_maker, child_maker = (pick[m] for m in makers.split("/"))

    def build(bm: Any, cm: Any) -> Any:
        b = _make(bm, base, base_flags, "Base")
        return _make(cm, child, child_flags, "Child", (b,), len(base))

    theirs = _outcome(lambda: build(dataclasses.dataclass, dataclasses.dataclass))
    ours = _outcome(lambda: build(base_maker, child_maker))
    assert theirs[0] == ours[0]
    if theirs[0] == "raised":
        assert ours == theirs
        return
    assert _observe(ours[1], base + child) == _observe(theirs[1], base + child)


@settings(max_examples=150, deadline=None)
@given(specs=st.lists(_field, max_size=5), flags=_flags)
def test_same_behaviour_with_the_compiled_init(specs: list[dict[str, Any]],
                                               flags: dict[str, Any]):
    """Past HOT instances a record's __init__ is compiled: it must behave the same."""
    import reportlint.records as records

    saved = records.HOT
    records.HOT = 0
    try:
        test_same_behaviour_as_dataclasses.hypothesis.inner_test(specs, flags)  # type: ignore[attr-defined]
    finally:
        records.HOT = saved


def test_init_is_compiled_once_a_record_is_hot():
    import reportlint.records as records

    @record
    class Hot:
        """Made many times."""

        a: int
        b: tuple[int, ...] = ()

    lazy = Hot.__init__
    made = [Hot(i, b=(i,)) for i in range(records.HOT + 2)]
    assert Hot.__init__ is not lazy  # compiled and installed
    assert made == [Hot(i, (i,)) for i in range(records.HOT + 2)]
    assert Hot.__init__.__qualname__.endswith(".Hot.__init__")
