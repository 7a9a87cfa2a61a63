"""EvidenceSettings: the knobs shared by every evidence rule, validated once.

One frozen, hashable object per configuration, so that the claims of a
document and the index of the sources can be cached per settings value and
shared by all the rules that use the same settings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reportlint.evidence.numbers import DEFAULT_POLICY, NumberPolicy
from reportlint.options import build, opt

#: The prompt's tag, ``(source: PATH [§SECTION][, qualifier])``, any case,
#: ``source`` or ``sources``. One level of nested parentheses is allowed in the
#: body, for qualifiers such as ``(adapted (see note))``.
DEFAULT_TAG_PATTERN = r"\((?i:\s*sources?)\s*:(?P<body>(?:[^()]|\([^()]*\))*)\)"

#: What starts an attempted tag, for reporting malformed ones: an opening
#: parenthesis followed by the word ``source``/``sources``.
DEFAULT_TAG_OPENER = r"\((?i:\s*sources?)\b"

DEFAULT_SOURCE_COLUMNS = ("source", "sources", "evidence")

#: Folders never indexed when looking a cited file up by name: version
#: control, dependencies, virtual environments, caches and build output.
DEFAULT_SKIP_DIRS = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                     ".tox", ".nox", "build", "dist", ".mypy_cache", ".pytest_cache",
                     ".ruff_cache", ".eggs", "site-packages", ".reportlint_cache",
                     ".ipynb_checkpoints", ".cache", ".idea")

#: File suffixes searched when looking for where a number occurs anywhere under
#: the root (related locations and suggestions): documents and data, not code.
DEFAULT_EVIDENCE_SUFFIXES = (".md", ".markdown", ".txt", ".rst", ".json", ".yaml", ".yml",
                             ".csv", ".tsv", ".log", ".toml")


@dataclass(frozen=True)
class EvidenceSettings:
    """Settings of the evidence layer; every field has the prompt's default.

    A plain options dataclass (see ``reportlint.options``), so a rule can take
    it as a nested option. ``tag_pattern`` is a regular expression with a
    named group ``body`` (the citations); ``tag_opener`` finds attempted tags
    so that unbalanced ones or ones missing their colon can be reported
    (empty: no such reports).
    """

    tag_pattern: str = opt(DEFAULT_TAG_PATTERN,
                           "Regular expression of a source tag, with a named group 'body'.")
    tag_opener: str = opt(DEFAULT_TAG_OPENER,
                          "Regular expression of the start of an attempted tag ('' to disable "
                          "reports of unbalanced tags and missing colons).")
    source_columns: tuple[str, ...] = opt(DEFAULT_SOURCE_COLUMNS,
                                          "Table headers naming a column of citations.")
    numbers: NumberPolicy = opt(
        DEFAULT_POLICY, "Which numbers make a claim hard.")
    max_file_bytes: int = opt(5 * 1024 * 1024, "Cited files larger than this are not read.")
    skip_dirs: tuple[str, ...] = opt(DEFAULT_SKIP_DIRS,
                                     "Folder names never searched when finding a file by name.")
    evidence_suffixes: tuple[str, ...] = opt(
        DEFAULT_EVIDENCE_SUFFIXES,
        "File suffixes searched for other occurrences of a number and for suggestions.")

    def __post_init__(self) -> None:
        if "body" not in self.tag_re.groupindex:
            raise ValueError("the tag pattern needs a named group 'body', as in "
                             r"'\[src:(?P<body>[^\]]*)\]'")
        _ = self.opener_re
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")

    @functools.cached_property
    def tag_re(self) -> re.Pattern[str]:
        try:
            return re.compile(self.tag_pattern)
        except re.error as exc:
            raise ValueError(f"invalid tag pattern {self.tag_pattern!r}: {exc}") from None

    @functools.cached_property
    def tag_hint(self) -> str | None:
        """A character every tag and every attempted tag contains, if known.

        With the default patterns both start with ``(``: prose without one
        has no tag to read, and scanning it is skipped.
        """
        if self.tag_pattern == DEFAULT_TAG_PATTERN and \
                self.tag_opener in (DEFAULT_TAG_OPENER, ""):
            return "("
        return None

    @functools.cached_property
    def opener_re(self) -> re.Pattern[str] | None:
        if not self.tag_opener:
            return None
        try:
            return re.compile(self.tag_opener)
        except re.error as exc:
            raise ValueError(f"invalid tag opener {self.tag_opener!r}: {exc}") from None


DEFAULT_SETTINGS = EvidenceSettings()


def settings_from(raw: Mapping[str, Any] | None, path: str = "evidence") -> EvidenceSettings:
    """Settings from the ``evidence:`` mapping of a configuration (kebab-case keys).

    Raises ``reportlint.options.OptionError`` naming the key, as every other
    option error does, so a configuration can be validated when it is loaded.
    """
    if not raw:
        return DEFAULT_SETTINGS
    settings = build(EvidenceSettings, raw, path)
    assert isinstance(settings, EvidenceSettings)
    return settings
