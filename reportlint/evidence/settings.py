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

from reportlint.evidence.numbers import DEFAULT_POLICY, NumberPolicy, check_pattern
from reportlint.options import OptionError, build, opt

#: The prompt's tag, ``(source: PATH [§SECTION][, qualifier])``, any case,
#: ``source`` or ``sources``. One level of nested brackets is allowed in the
#: body, for qualifiers such as ``(adapted (see note))``. It is what
#: ``tag-keywords`` and ``tag-brackets`` derive by default.
DEFAULT_TAG_PATTERN = r"\((?i:\s*sources?)\s*:(?P<body>(?:[^()]|\([^()]*\))*)\)"

#: What starts an attempted tag, for reporting malformed ones: an opening
#: parenthesis followed by the word ``source``/``sources``.
DEFAULT_TAG_OPENER = r"\((?i:\s*sources?)\b"

DEFAULT_SOURCE_COLUMNS = ("source", "sources", "evidence", "ref", "refs", "reference", "references")

#: Folders never indexed when looking a cited file up by name: version
#: control, dependencies, virtual environments, caches and build output.
DEFAULT_SKIP_DIRS = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__",
                     ".tox", ".nox", "build", "dist", ".mypy_cache", ".pytest_cache",
                     ".ruff_cache", ".eggs", "site-packages", ".reportlint_cache",
                     ".ipynb_checkpoints", ".cache", ".idea")

#: File suffixes searched when looking for where a number occurs anywhere under
#: the root (related locations and suggestions): documents and data, not code.
DEFAULT_EVIDENCE_SUFFIXES = (".md", ".markdown", ".txt", ".rst", ".json", ".yaml", ".yml",
                             ".csv", ".tsv", ".toml")

#: Trees that are never evidence, in gitignore syntax: vendored and generated code.
#: (Files the repository's own ``.gitignore`` files ignore are never evidence either.)
DEFAULT_EXCLUDE = ("vendor/", "third_party/", "third-party/", "node_modules/", "generated/",
                   "*.min.js", "*.min.css", "*.lock", "package-lock.json", "*.map")


@dataclass(frozen=True)
class EvidenceSettings:
    """Settings of the evidence layer; every field has the prompt's default.

    A plain options dataclass (see ``reportlint.options``), so a rule can take
    it as a nested option.

    The tag syntax is one setting: ``tag-keywords`` (the words that open a
    tag, any case) and ``tag-brackets`` (its two bracket characters) derive
    both the tag pattern and the opener of attempted tags, so malformed tags
    of a custom form (``[src: a.md``) are reported and RL301's messages name
    the right keyword. ``tag-pattern`` is the escape hatch: a regular
    expression with a named group ``body``; its opener, when ``tag-opener`` is
    ``auto``, is the pattern's text before its first ``:`` (``''`` disables
    reports of malformed tags).
    """

    tag_keywords: tuple[str, ...] = opt(("source", "sources"),
                                        "Words that open a source tag (any case).")
    tag_brackets: str = opt("()", "The two characters around a tag: '()' or '[]'.")
    tag_pattern: str = opt("", "Regular expression of a source tag, with a named group "
                               "'body' (overrides tag-keywords and tag-brackets).")
    tag_opener: str = opt("auto", "Regular expression of the start of an attempted tag, "
                                  "for reports of malformed ones ('auto': derived; '': off).")
    source_columns: tuple[str, ...] = opt(DEFAULT_SOURCE_COLUMNS,
                                          "Table headers naming a column of citations.")
    numbers: NumberPolicy = opt(
        DEFAULT_POLICY, "Which numbers make a claim hard.")
    max_file_bytes: int = opt(5 * 1024 * 1024, "Cited files larger than this are not read.")
    skip_dirs: tuple[str, ...] = opt(DEFAULT_SKIP_DIRS,
                                     "Folder names never searched when finding a file by name.")
    exclude: tuple[str, ...] = opt(DEFAULT_EXCLUDE,
                                   "Paths that are never evidence (gitignore patterns, "
                                   "relative to the sources root): vendored and generated "
                                   "trees.")
    evidence_suffixes: tuple[str, ...] = opt(
        DEFAULT_EVIDENCE_SUFFIXES,
        "File suffixes searched for other occurrences of a number and for suggestions.")
    search_files: int = opt(3000, "Files searched at most when a number is looked up "
                                  "elsewhere under the root.")
    search_bytes: int = opt(32 * 1024 * 1024, "Bytes read at most by one such search.")
    search_seconds: float = opt(1.0, "Seconds one such search may take at most.")

    def __post_init__(self) -> None:
        if len(self.tag_brackets) != 2 or self.tag_brackets[0] == self.tag_brackets[1]:
            raise ValueError("tag_brackets must be two different characters, such as '()' "
                             "or '[]'")
        if not self.tag_keywords or not all(k.strip() for k in self.tag_keywords):
            raise ValueError("tag_keywords must name at least one word")
        if self.tag_pattern:
            check_pattern(self.tag_pattern, "tag pattern")
        if "body" not in self.tag_re.groupindex:
            raise ValueError("the tag pattern needs a named group 'body', as in "
                             r"'\[src:(?P<body>[^\]]*)\]'")
        if self.tag_opener not in ("", "auto"):
            check_pattern(self.tag_opener, "tag opener")
        _ = self.opener_re
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        if min(self.search_files, self.search_bytes) < 0 or self.search_seconds < 0:
            raise ValueError("search budgets must not be negative")

    @functools.cached_property
    def derived_pattern(self) -> str:
        """The tag pattern of ``tag-keywords`` and ``tag-brackets``."""
        o, c = (re.escape(ch) for ch in self.tag_brackets)
        words = _keyword_alternation(self.tag_keywords)
        inner = f"[^{o}{c}]"
        return rf"{o}(?i:\s*{words})\s*:(?P<body>(?:{inner}|{o}{inner}*{c})*){c}"

    @functools.cached_property
    def tag_re(self) -> re.Pattern[str]:
        pattern = self.tag_pattern or self.derived_pattern
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid tag pattern {pattern!r}: {exc}") from None

    @functools.cached_property
    def tag_close(self) -> str:
        """The character that closes a tag (for RL301's messages)."""
        if not self.tag_pattern:
            return self.tag_brackets[1]
        tail = self.tag_pattern.rstrip("$")
        return tail[-1] if tail else ")"

    @functools.cached_property
    def tag_keyword_shown(self) -> str:
        """The keyword a tag starts with, as RL301's messages name it."""
        if not self.tag_pattern:
            return self.tag_keywords[0]
        head = re.sub(r"\\[A-Za-z]|\(\?[A-Za-z]*[:)]?", " ",
                      _prefix_before_colon(self.tag_pattern) or self.tag_pattern)
        m = re.search(r"[A-Za-z]{2,}", head)
        return m.group() if m else "the tag keyword"

    @functools.cached_property
    def tag_hint(self) -> str | None:
        """A character every tag and every attempted tag contains, if known.

        With derived patterns both start with the opening bracket: prose
        without one has no tag to read, and scanning it is skipped.
        """
        if not self.tag_pattern and self.tag_opener in ("auto", ""):
            return self.tag_brackets[0]
        return None

    @functools.cached_property
    def label_re(self) -> re.Pattern[str] | None:
        """``Source:`` (or another keyword, or ``Evidence:``) as a label inside a unit,
        for the default tag syntax and ``tag-keywords``; None with a raw pattern."""
        if self.tag_pattern:
            return None
        words = _keyword_alternation((*self.tag_keywords, "evidence"))
        return re.compile(rf"(?i)(?:(?<=[\s\u2014\u2013-])|^)[*_]{{0,2}}{words}[*_]{{0,2}}"
                          rf"\s*:\s*[*_]{{0,2}}\s*(?=\S)")

    @functools.cached_property
    def opener_re(self) -> re.Pattern[str] | None:
        if not self.tag_opener:
            return None
        if self.tag_opener != "auto":
            source = self.tag_opener
        elif not self.tag_pattern:
            source = rf"{re.escape(self.tag_brackets[0])}(?i:\s*" \
                     rf"{_keyword_alternation(self.tag_keywords)})\b"
        else:
            source = _prefix_before_colon(self.tag_pattern)
            if not source:
                return None
        try:
            return re.compile(source)
        except re.error as exc:
            raise ValueError(f"invalid tag opener {source!r}: {exc}") from None


def _keyword_alternation(words: tuple[str, ...]) -> str:
    """``(?:source|sources)``: longest first, so a plural is not cut short."""
    alts = sorted({re.escape(w.strip()) for w in words}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(alts) + ")"


def _prefix_before_colon(pattern: str) -> str:
    """The part of ``pattern`` before its first literal ``:`` that compiles, or ''."""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == ":" and depth == 0 and i > 0:
            head = pattern[:i]
            try:
                re.compile(head)
            except re.error:
                return ""
            return head
        i += 1
    return ""


DEFAULT_SETTINGS = EvidenceSettings()


def settings_from(raw: Mapping[str, Any] | None, path: str = "evidence") -> EvidenceSettings:
    """Settings from the ``evidence:`` mapping of a configuration (kebab-case keys).

    Raises ``reportlint.options.OptionError`` naming the key, as every other
    option error does, so a configuration can be validated when it is loaded.
    """
    if not raw:
        return DEFAULT_SETTINGS
    try:
        settings = build(EvidenceSettings, raw, path)
    except OptionError as exc:
        # a check across fields (a refused pattern) names the value: point at its line
        line = _line_of_value(raw, exc.message)
        if line is None:
            raise
        raise OptionError(exc.path, exc.message, line, exc.key) from None
    assert isinstance(settings, EvidenceSettings)
    return settings


def _line_of_value(node: Any, message: str) -> int | None:
    """The line of the string value of ``node`` (a YAML mapping or list, nested) that
    ``message`` quotes, when the loader recorded lines."""
    lines = getattr(node, "lines", None)
    if isinstance(node, Mapping):
        items: list[tuple[Any, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return None
    for k, v in items:
        if isinstance(v, str) and repr(v) in message:
            found = lines.get(k) if isinstance(lines, dict) else (
                lines[k] if isinstance(lines, list) and k < len(lines) else None)
            if isinstance(found, int):
                return found
        elif isinstance(v, (Mapping, list)):
            found = _line_of_value(v, message)
            if found is not None:
                return found
    return None
