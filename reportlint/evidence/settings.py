"""EvidenceSettings: the knobs shared by every evidence rule, validated once.

One frozen, hashable object per configuration, so that the claims of a
document and the index of the sources can be cached per settings value and
shared by all the rules that use the same settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlint.evidence.numbers import DEFAULT_POLICY, NumberPolicy

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

    ``tag_pattern`` is a regular expression with a named group ``body`` (the
    citations); ``tag_opener`` finds attempted tags so that unbalanced ones or
    ones missing their colon can be reported (empty: no such reports).
    """

    tag_pattern: str = DEFAULT_TAG_PATTERN
    tag_opener: str = DEFAULT_TAG_OPENER
    source_columns: tuple[str, ...] = DEFAULT_SOURCE_COLUMNS
    numbers: NumberPolicy = DEFAULT_POLICY
    max_file_bytes: int = 5 * 1024 * 1024
    skip_dirs: tuple[str, ...] = DEFAULT_SKIP_DIRS
    evidence_suffixes: tuple[str, ...] = DEFAULT_EVIDENCE_SUFFIXES
    tag_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    opener_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            tag_re = re.compile(self.tag_pattern)
        except re.error as exc:
            raise ValueError(f"invalid tag pattern {self.tag_pattern!r}: {exc}") from None
        if "body" not in tag_re.groupindex:
            raise ValueError("the tag pattern needs a named group 'body', as in "
                             r"'\[src:(?P<body>[^\]]*)\]'")
        try:
            opener_re = re.compile(self.tag_opener) if self.tag_opener else None
        except re.error as exc:
            raise ValueError(f"invalid tag opener {self.tag_opener!r}: {exc}") from None
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        object.__setattr__(self, "tag_re", tag_re)
        object.__setattr__(self, "opener_re", opener_re)


DEFAULT_SETTINGS = EvidenceSettings()
