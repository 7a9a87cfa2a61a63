"""The configuration's YAML loader: libyaml's parser under PyYAML's composer, or
PyYAML alone, with the same guards and the same line numbers either way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from reportlint import yamlload

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n"
    for p, n in zip("abcdefgh", "bcdefghi"))


@pytest.fixture(params=["libyaml", "pure-python"])
def loader_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
                ) -> Iterator[str]:
    if request.param == "pure-python":
        monkeypatch.setattr(yaml, "__with_libyaml__", False)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlload, "_LOADER", None)
    yield request.param
    yamlload._LOADER = None  # the next load builds the loader of the real PyYAML again


def test_the_parser_is_libyaml_when_pyyaml_has_it(loader_kind: str) -> None:
    loader = yamlload._loader()
    uses_c = issubclass(loader, yaml.CSafeLoader)
    assert uses_c is (loader_kind == "libyaml")
    # composing stays PyYAML's Python composer (where the guards are), not libyaml's
    assert loader.get_single_node is yaml.composer.Composer.get_single_node


def test_lines_are_recorded(loader_kind: str) -> None:
    data = yamlload.load("a: 1\nrules:\n  - x\n  - y\n")
    assert data == {"a": 1, "rules": ["x", "y"]}
    assert data.lines == {"a": 1, "rules": 2}
    assert data["rules"].lines == [3, 4]


def test_duplicate_keys_are_errors(loader_kind: str) -> None:
    with pytest.raises(yamlload.YamlError) as err:
        yamlload.load("a: 1\nb: 2\na: 3\n")
    assert (err.value.message, err.value.line, err.value.column) == ("duplicate key 'a'", 3, 1)


def test_an_alias_bomb_is_refused(loader_kind: str) -> None:
    with pytest.raises(yamlload.YamlError) as err:
        yamlload.load(BOMB)
    assert err.value.message == "aliases expand to more than 100,000 values"
    assert err.value.line is not None


def test_deep_nesting_is_refused(loader_kind: str) -> None:
    with pytest.raises(yamlload.YamlError) as err:
        yamlload.load("a: " + "[" * 60 + "]" * 60 + "\n")
    assert err.value.message == "nested deeper than 50 levels"
    assert err.value.line == 1


def test_too_many_aliases_are_refused(loader_kind: str) -> None:
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    with pytest.raises(yamlload.YamlError) as err:
        yamlload.load(text)
    assert err.value.message == "more than 100 aliases (*name)"


def test_a_syntax_error_names_line_and_column(loader_kind: str) -> None:
    with pytest.raises(yamlload.YamlError) as err:
        yamlload.load("rules: [a\n")
    assert err.value.line == 2 and err.value.column == 1
    assert "expected ',' or ']'" in err.value.message
