"""Section anchors: when does ``§Something`` name a heading of the cited file?

Both the anchor and every heading (or bold label, or JSON/YAML key) are
reduced to a key of three parts:

- ``label``: a leading id or number — ``M27``, ``RL306``, ``3``, ``3.1``,
  ``IV.`` — followed by ``:``, ``.``, ``)``, a dash or a space (a roman
  numeral only before ``.`` or ``)`` or alone, so that "I think" keeps its I);
- ``title``: the rest;
- ``full``: both together;

after Unicode NFKC folding, case folding, dropping Markdown markers (``#``,
``*``, backticks, ``§``), dropping trailing parentheticals (``Training
Pipeline (JAX/Flax)`` → ``training pipeline``), and turning punctuation,
underscores and hyphens into single spaces (so GitHub slugs such as
``training-pipeline`` and keys such as ``eval_summary`` match too).

An anchor matches a heading when:

1. their ``full`` keys are equal; or
2. their titles are equal and non-empty, and the anchor has no label or the
   same label (``§Training`` matches ``## M27: Training``; ``§M28: Training``
   does not); or
3. their labels are equal and non-empty, and one of them has no title
   (``§M15`` matches ``## M15: Router split``; ``§9`` matches ``## 9. Results``).

Two more, tried only when nothing matched:

4. a heading made of parts joined by ``&``, ``and``, ``+``, ``/``, ``,`` or a
   dash matches an anchor equal to one whole part (``§Risk Register`` names
   ``## 11. Future-Proofing & Risk Register``);
5. an anchor followed by prose (``§Rollback as of March``) matches the
   longest run of its leading words that matches by the rules above.

Nothing else matches: no substrings and no prefixes of titles, so
``§Testing`` does not match ``## Load Testing Results``.

A Markdown heading is also known by its GitHub slug (``github_slug``), which
drops punctuation instead of spacing it and keeps parentheticals, so that the
anchor of a link copied from GitHub matches: ``#cicd-pipeline`` names
``## CI/CD Pipeline`` and ``#training-pipeline-jaxflax`` names ``## Training
Pipeline (JAX/Flax)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

_MARKUP = re.compile(r"[*`§]")
_LEADING_HASHES = re.compile(r"^#+\s*")
_TRAILING_PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_LABEL = re.compile(
    r"^(?P<label>[a-z]{1,4}[-_]?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)*|[ivxlc]+(?=[.)]|$))"
    r"(?:\s*[:.)\u2013\u2014-]+\s*|\s+|$)"
)
_LABEL_JOINERS = re.compile(r"[-_]")
# what joins the parts of a heading such as "Future-Proofing & Risk Register"
_JOINER = re.compile(r"\s+(?:&|and|\+|/|\u2014|\u2013|-)\s+|\s*,\s*|\s+/|/\s+")
_LABEL_PREFIX = re.compile(r"^(?:[A-Za-z]{1,4}[-_]?\d+(?:\.\d+)*|\d+(?:\.\d+)*)[.:)]?\s+")
_NON_WORD_RUN = re.compile(r"[\W_]+")


class AnchorKey(NamedTuple):
    """The normalised parts of a section name (see the module docstring)."""

    label: str
    title: str
    full: str


def anchor_key(text: str) -> AnchorKey:
    """Normalise a heading, bold label, key path or ``§anchor`` for matching.

    Every cited file's headings go through here once per run, so each step
    is skipped when the characters it acts on are absent (the result is the
    same: ``tests/evidence/test_anchor_keys.py`` checks it against the plain
    sequence of substitutions).
    """
    t = unicodedata.normalize("NFKC", text).casefold().strip()
    if "*" in t or "`" in t or "§" in t:
        t = _MARKUP.sub("", t)
    if t.startswith("#"):
        t = _LEADING_HASHES.sub("", t)
    t = t.strip()
    while t.endswith((")", "]")):  # a trailing parenthetical ends with one (t is stripped)
        stripped = _TRAILING_PAREN.sub("", t)
        if stripped == t or not stripped.strip():
            break
        t = stripped.rstrip()
    label = ""
    title = t
    m = _LABEL.match(t) if t[:1].isalnum() else None
    if m:
        label = _LABEL_JOINERS.sub("", m.group("label")).rstrip(".")
        title = t[m.end():]
        return AnchorKey(label, _clean(title), _clean(t))
    full = _clean(t)
    return AnchorKey(label, full, full)


_SLUG_DROP = re.compile(r"[^\w\s-]")


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    t = _SLUG_DROP.sub("", unicodedata.normalize("NFKC", text).strip().lower())
    return re.sub(r"\s", "-", t)


def _clean(text: str) -> str:
    """Punctuation, underscores and whitespace runs to one space, trimmed.

    One pass: ``[\\W_]+`` is exactly a run of whitespace, punctuation and
    underscores (whitespace is not a word character).
    """
    return _NON_WORD_RUN.sub(" ", text).strip()


def matches(anchor: AnchorKey, heading: AnchorKey) -> bool:
    """The matching rule, for one pair (``AnchorTable`` applies it by lookup)."""
    if anchor.full and anchor.full == heading.full:
        return True
    if anchor.title and anchor.title == heading.title and \
            (not anchor.label or anchor.label == heading.label):
        return True
    return bool(anchor.label and anchor.label == heading.label
                and (not anchor.title or not heading.title))


class AnchorTable(Generic[T]):
    """Names of sections, indexed so that an anchor is matched in O(matches)."""

    def __init__(self) -> None:
        self._full: defaultdict[str, list[tuple[AnchorKey, int, T]]] = defaultdict(list)
        self._title: defaultdict[str, list[tuple[AnchorKey, int, T]]] = defaultdict(list)
        self._label: defaultdict[str, list[tuple[AnchorKey, int, T]]] = defaultdict(list)
        self._part: defaultdict[str, list[tuple[AnchorKey, int, T]]] = defaultdict(list)
        self._seq = 0

    def add(self, name: str, item: T, key: AnchorKey | None = None) -> None:
        """Index ``item`` under ``name`` (``key``: ``anchor_key(name)``, if known)."""
        if key is None:
            key = anchor_key(name)
        entry = (key, self._seq, item)
        self._seq += 1
        if key.full:
            self._full[key.full].append(entry)
        if key.title:
            self._title[key.title].append(entry)
        if key.label:
            self._label[key.label].append(entry)
        raw_title = _LABEL_PREFIX.sub("", name.strip().lstrip("#").strip())
        if _JOINER.search(raw_title):
            for part in _JOINER.split(raw_title):
                k = _clean(unicodedata.normalize("NFKC", part).casefold())
                if k and k != key.title:
                    self._part[k].append(entry)

    def find(self, anchor: str) -> list[T]:
        """Items whose name matches ``anchor``, in insertion order, each once.

        Falls back to whole parts of joined headings, then to the longest
        leading run of the anchor's words that matches (see the module doc).
        """
        found = self._find(anchor)
        if found:
            return found
        words = anchor.split()
        for n in range(len(words) - 1 if len(words) > 1 else 0, 0, -1):
            found = self._find(" ".join(words[:n]), whole=True)
            if found:
                return found
        return []

    def _find(self, anchor: str, whole: bool = False) -> list[T]:
        """Rules 1-4; ``whole``: only headings whose whole name is ``anchor``."""
        a = anchor_key(anchor)
        found: list[tuple[AnchorKey, int, T]] = []
        if a.full:
            found.extend(self._full.get(a.full, ()))
        if a.title:
            found.extend(e for e in self._title.get(a.title, ())
                         if not a.label or a.label == e[0].label)
        if a.label and not whole:
            found.extend(e for e in self._label.get(a.label, ())
                         if not a.title or not e[0].title)
        if whole:
            found = [e for e in found if e[0].full == a.full or e[0].title == a.full]
        if not found and a.full:
            found.extend(self._part.get(a.full, ()))
        found.sort(key=lambda e: e[1])
        out: list[T] = []
        seen: set[int] = set()
        for _key, _seq, item in found:
            if id(item) not in seen:
                seen.add(id(item))
                out.append(item)
        return out
