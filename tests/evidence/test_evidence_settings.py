"""EvidenceSettings: read from the configuration's ``evidence:`` mapping, validated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.evidence import DEFAULT_SETTINGS, EvidenceSettings, settings_for, settings_from
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
    ({"tag-opener": "("}, "invalid tag opener"),
    ({"numbers": {"ignore": ["dates"]}}, "unknown number kind(s) dates"),
    ({"numbers": {"include": ["[x"]}}, "invalid include pattern"),
])
def test_mistakes_are_option_errors(raw: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError) as info:
        settings_from(raw)
    assert message in str(info.value)
    assert str(info.value).startswith("evidence")


def test_documented_like_rule_options() -> None:
    keys = [row[0] for row in describe_options(EvidenceSettings)]
    assert keys == ["tag-pattern", "tag-opener", "source-columns", "numbers", "max-file-bytes",
                    "skip-dirs", "evidence-suffixes"]
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
    first = settings_for(Context(tmp_path, "a.md", shared, evidence_config=raw))
    assert first.max_file_bytes == 99
    assert settings_for(Context(tmp_path, "b.md", shared, evidence_config=raw)) is first
    assert settings_for(Context(tmp_path, "c.md", shared)) is DEFAULT_SETTINGS
