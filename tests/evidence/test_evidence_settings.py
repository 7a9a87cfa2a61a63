"""EvidenceSettings: read from the configuration's ``evidence:`` mapping, validated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.evidence import DEFAULT_SETTINGS, EvidenceSettings, settings_from
from reportlint.options import OptionError, describe_options
from reportlint.rule import Context


def test_empty_mapping_gives_the_defaults() -> None:
    assert settings_from(None) is DEFAULT_SETTINGS
    assert settings_from({}) is DEFAULT_SETTINGS


def test_kebab_case_keys_and_nested_number_policy() -> None:
    s = settings_from({"max-file-bytes": 1000, "source-columns": ["ref"],
                       "numbers": {"ignore": ["reference"], "exclude": [r"Gen \d+"]}})
    assert s.max_file_bytes == 1000
    assert s.source_columns == ("ref",)
    assert s.numbers.ignore == ("reference",)
    assert [p.pattern for p in s.numbers.exclude_res] == [r"Gen \d+"]


@pytest.mark.parametrize(("raw", "message"), [
    ({"max-file-byte": 1}, "unknown option 'max-file-byte' (did you mean 'max-file-bytes'?)"),
    ({"max-file-bytes": "big"}, "expected an integer"),
    ({"max-file-bytes": 0}, "max_file_bytes must be positive"),
    ({"tag-pattern": r"\(src: [^)]*\)"}, "needs a named group 'body'"),
    ({"tag-opener": "("}, "tag opener: invalid regular expression"),
    ({"numbers": {"ignore": ["dates"]}}, "unknown number kind(s) dates"),
    ({"numbers": {"include": ["[x"]}}, "include pattern: invalid regular expression"),
])
def test_mistakes_are_option_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError) as info:
        settings_from(raw)
    assert message in str(info.value)
    assert str(info.value).startswith("evidence")


def test_documented_like_rule_options() -> None:
    keys = [row[0] for row in describe_options(EvidenceSettings)]
    assert keys == ["tag-keywords", "tag-brackets", "tag-pattern", "tag-opener",
                    "source-columns", "numbers", "max-file-bytes", "skip-dirs", "exclude",
                    "evidence-suffixes", "search-files", "search-bytes", "search-seconds"]
    assert all(row[3] for row in describe_options(EvidenceSettings))


def test_settings_are_hashable_and_compare_by_value() -> None:
    a = EvidenceSettings(max_file_bytes=10)
    b = EvidenceSettings(max_file_bytes=10)
    assert a == b
    assert hash(a) == hash(b)
    assert a.tag_re is a.tag_re  # compiled once


def test_settings_for_reads_the_context_once(tmp_path: Path) -> None:
    shared: dict[str, object] = {}
    raw = {"max-file-bytes": 99}
    first = Context(tmp_path, "a.md", shared, evidence_config=raw).evidence.settings
    assert first.max_file_bytes == 99
    assert Context(tmp_path, "b.md", shared, evidence_config=raw).evidence.settings is first
    assert Context(tmp_path, "c.md", shared).evidence.settings is DEFAULT_SETTINGS


@pytest.mark.parametrize(("yaml_text", "line", "what"), [
    ('evidence:\n  numbers:\n    include:\n      - "x"\n      - "(a+)+$"\n', 5,
     "evidence.numbers: include pattern: regular expression '(a+)+$' repeats a part"),
    ('evidence:\n  tag-pattern: "\\\\((\\\\w*)*:(?P<body>[^)]*)\\\\)"\n', 2,
     "tag pattern"),
])
def test_a_catastrophic_user_regex_is_a_config_error_with_its_line(
        tmp_path: Path, yaml_text: str, line: int, what: str) -> None:
    import subprocess
    import sys

    (tmp_path / ".reportlint.yml").write_text(yaml_text)
    (tmp_path / "r.md").write_text("# R\n\nA 1.\n")
    exe = str(Path(sys.executable).with_name("reportlint"))
    r = subprocess.run([exe, "check", "r.md"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=60, check=False)
    assert r.returncode == 2
    assert r.stderr.startswith(f".reportlint.yml:{line}: "), r.stderr
    assert what in r.stderr and "exponential time" in r.stderr


def test_the_tag_syntax_is_one_setting() -> None:
    s = EvidenceSettings(tag_keywords=("src",), tag_brackets="[]")
    assert s.tag_re.fullmatch("[src: a.md]") and not s.tag_re.search("(source: a.md)")
    assert s.opener_re is not None and s.opener_re.match("[src a.md")
    assert (s.tag_keyword_shown, s.tag_close, s.tag_hint) == ("src", "]", "[")
    raw = EvidenceSettings(tag_pattern=r"\[src:(?P<body>[^\]]*)\]")
    assert raw.opener_re is not None and raw.opener_re.pattern == r"\[src"
    assert (raw.tag_keyword_shown, raw.tag_close) == ("src", "]")
    assert EvidenceSettings(tag_opener="").opener_re is None
    assert DEFAULT_SETTINGS.tag_re.pattern == DEFAULT_SETTINGS.derived_pattern
