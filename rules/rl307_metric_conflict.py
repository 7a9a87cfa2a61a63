from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from reportlint import (
    Context,
    Document,
    Finding,
    Related,
    Rule,
    Severity,
    Span,
    normalize_text,
    opt,
)

METRICS = (
    "backend tests", "frontend tests", "end-to-end tests", "e2e tests", "unit tests",
    "integration tests", "line coverage", "branch coverage", "test coverage",
    "mypy errors", "ruff violations", "type-ignore comments", "open findings",
    "routers", "endpoints", "training steps", "judge score",
)
_MILESTONE_RE = re.compile(r"(?i)(?:^|[^a-z0-9])m(\d+)(?![0-9])")
_WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# a number of a change, a target or a limit is not a statement of the metric's value
_NOT_A_VALUE_RE = re.compile(
    r"(?i)\b(?:moved|added|adds|adding|removed|removes|deleted|migrated|merged|split|new|"
    r"more|fewer|less|another|extra|additional|total|totals|in\s+all|delta|net|"
    r"target|targets|goal|goals|budget|slo|sla|threshold|expected|expect|planned|plan|"
    r"aim|aims|objective|at\s+least|at\s+most|minimum|maximum|min|max|limit|cap|ceiling|"
    r"gate|required|requires|must|should|up\s+to|down\s+to)\b"
    r"|[+±]\d")
_SUBJECT_STOP = frozenset({
    "the", "a", "an", "our", "its", "their", "this", "that", "these", "those", "all", "has",
    "have", "had", "with", "of", "in", "on", "for", "and", "or", "to", "is", "are", "was",
    "were", "now", "total", "runs", "ran", "run", "reports", "report", "counts", "count",
    "platform", "suite", "project", "repo", "repository", "codebase", "we", "it", "there"})
_TREND_RE = re.compile(r"(?i)\b(?:trend|from|prior|previous|previously|up|down|grew|rose|"
                       r"fell|dropped|increased|decreased|was|were)\b|→|->")


class _Mention(NamedTuple):
    """A metric label and the number it states (a NamedTuple: cheaper to define than a
    dataclass at import, with the same value semantics)."""

    label: str
    value: Decimal
    text: str
    claim_index: int
    token: object
    unit: str
    subject: str = ""  # the word right before the label ("web" in "web backend tests")


class _Line:
    """A line of a source file, shaped like a claim for ``_mentions``."""

    def __init__(self, text: str, hard_numbers: tuple[Any, ...]) -> None:
        self.text = text
        self.hard_numbers = hard_numbers


def _milestone(path: str) -> int | None:
    """The milestone number of a file name (``M33_summary.md`` -> 33), if any."""
    m = _MILESTONE_RE.search(path.rsplit("/", 1)[-1])
    return int(m.group(1)) if m else None


def _stem(word: str) -> str:
    w = word.casefold()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


class MetricConflict(Rule):
    """
    ## What it does
    Reports the same metric stated with different values in one report,
    unless a trend note mentions both values. The prompt's rule: "If a
    metric differs across sources, report the most recent and note the prior
    value in a short trend bullet."

    The heuristic prefers precision to recall:

    - only the metric labels in `metrics` are considered (defaults such as
      "backend tests", "line coverage", "branch coverage");
    - a label is mentioned when its words appear in order, at most
      `window` words apart, in one sentence, list item or table row, not
      across a cell, a comma, a semicolon or a parenthesis; the
      label's value is the number inside the label ("backend suite has 1,204
      tests"), else right after it with at most two linking words ("line
      coverage is 84.2%"), else right before it ("1,318 backend tests");
      a label with no such number is not a mention;
    - two mentions conflict when their values differ (after normalisation:
      1,318 = 1318) and their units are the same;
    - a conflict is forgiven when some claim unit of the report contains
      both values and a trend word ("trend", "from", "prior", "→", "grew"…);
    - a number that is not the metric's value is no mention: either end of a
      before/after delta (`2.41 → 1.37`), a change or a count of moved items
      ("moved 5 routers … a total of 11 routers": `moved`, `added`, `new`,
      `more`, `total`…), a target, budget or limit ("84.2% against a target
      of 90%": `target`, `goal`, `SLO`, `threshold`, `at least`, `max`…), in
      the same clause;
    - two mentions whose labels are qualified by different words ("web
      backend tests" and "billing backend tests") are two components, not a
      conflict.

    When a conflict is reported, the message says why it is suspected (the
    same label and unit, no trend wording) and, when only one mention names
    a component, that it is no conflict if that word names another one: the
    rule stays a warning because it cannot always be sure.

    The finding sits on the later value, with the earlier mention as a
    related location.

    With `newer-sources`, a value is also compared with the *newer* sources
    the report cites: a cited file is newer when its name carries a higher
    milestone number (`M33_summary.md` is newer than `M31_summary.md`). When
    a value cited from `M31_summary.md` is stated differently for the same
    label (same unit) in a cited `M33_summary.md`, the finding names the
    newer file's line, unless a trend note mentions both values.

    ## Why is this bad?
    Two different "backend tests" counts in one packet make a reader doubt
    every other number; the reader needs the latest value and, if it
    matters, the prior one labelled as such.

    ## Example
    This fails:
    ```markdown
    - The platform has 1,318 backend tests (source: M33_summary.md §Evidence).
    - The backend suite has 1,204 tests (source: M31_summary.md §Testing).
    ```

    Use instead:
    ```markdown
    - The platform has 1,318 backend tests (source: M33_summary.md §Evidence).
    - Trend: backend tests grew from 1,204 (M31) to 1,318 (M33)
      (source: M31_summary.md §Testing; M33_summary.md §Evidence).
    ```

    ## Options
    - `metrics`: the metric labels compared.
    - `extra-metrics`: labels added to `metrics`.
    - `window`: how many words may separate two words of a label.
    - `newer-sources`: also compare each value with newer cited sources.
    """

    id = "RL307"
    name = "metric-conflict"
    summary = "One metric is not stated with different values without a trend note."
    default_severity = Severity.WARNING
    tags = ("evidence",)
    precision = "medium"

    @dataclass(frozen=True)
    class Options:
        """The options of `metric-conflict`, documented in the rule's docstring."""

        metrics: tuple[str, ...] = opt(METRICS, "Metric labels compared.")
        extra_metrics: tuple[str, ...] = opt((), "Labels added to `metrics`.")
        window: int = opt(3, "Words allowed between two words of a label.")
        newer_sources: bool = opt(True, "Also compare with newer cited sources (a higher "
                                        "milestone number in the file name).")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        claims = ctx.evidence.claims(doc).hard
        names = {}
        labels = []
        for m in (*self.options.metrics, *self.options.extra_metrics):
            lab = [_stem(w) for w in _WORD_RE.findall(m)]
            if lab:
                labels.append(lab)
                names[" ".join(lab)] = m
        mentions: list[_Mention] = []
        keysets: list[set[Decimal]] = []
        trend: list[bool] = []
        stems: dict[str, str] = {}
        for ci, claim in enumerate(claims):
            keysets.append({k for t in claim.hard_numbers for k in t.keys})
            trend.append(bool(_TREND_RE.search(claim.text)))
            mentions.extend(self._mentions(claim, ci, labels, stems))
        first: dict[str, _Mention] = {}
        reported: set[int] = set()
        for m in mentions:
            seen = first.get(m.label)
            if seen is None:
                first[m.label] = m
                continue
            if seen.value == m.value or seen.unit != m.unit:
                continue  # a different unit is a different quantity ("tests" vs "test run")
            if seen.subject and m.subject and seen.subject != m.subject:
                continue  # "web backend tests" and "billing backend tests": two components
            if any(seen.value in ks and m.value in ks and tr for ks, tr in zip(keysets, trend)):
                continue
            span = getattr(m.token, "span", None) or claims[m.claim_index].span
            earlier = getattr(seen.token, "span", None) or claims[seen.claim_index].span
            label = names.get(m.label, m.label)
            reported.add(id(m))
            why = "the same label and unit, and no trend wording in either place"
            if seen.subject != m.subject:
                who = m.subject or seen.subject
                why += f"; if \"{who}\" names another component, this is not a conflict"
            yield self.finding(
                span, f'"{label}" is {m.text} here but {seen.text} at line {earlier.line} '
                      f"({why}); report the most recent value and note the prior one in a "
                      "trend bullet",
                [Related(earlier, f'"{label}" stated as {seen.text} here')])
        if self.options.newer_sources:
            yield from self._against_newer(doc, ctx, claims, mentions, labels, names,
                                           keysets, trend, reported)

    def _against_newer(self, doc: Document, ctx: Context, claims: tuple[Any, ...],
                       mentions: list[_Mention], labels: list[list[str]],
                       names: dict[str, str], keysets: list[set[Decimal]], trend: list[bool],
                       reported: set[int]) -> Iterator[Finding]:
        """Mentions whose value a newer cited source (a higher milestone) contradicts."""
        from reportlint import Status  # the evidence layer loads only when a rule runs

        ev = ctx.evidence
        sources = ev.sources
        # every citation of the report counts as a cited source, not only hard claims'
        resolved = {rc.citation.path: rc.resolution.path
                    if rc.resolution.status is Status.RESOLVED else ""
                    for rc in ev.citations(doc)}
        cited = {p: _milestone(p) for p in resolved.values() if p}
        for m in mentions:
            if id(m) in reported:
                continue
            own = [resolved.get(c.path, "") for c in claims[m.claim_index].citations]
            levels = [lvl for p in own if p and (lvl := cited.get(p)) is not None]
            if not levels:
                continue
            base = max(levels)
            newer = sorted((lvl, p) for p, lvl in cited.items()
                           if lvl is not None and lvl > base)
            for _lvl, path in reversed(newer):  # the newest first
                hit = next((sm for sm in self._source_mentions(ctx, sources, path, labels)
                            if sm.label == m.label and sm.unit == m.unit
                            and sm.value != m.value), None)
                if hit is None:
                    continue
                if any(m.value in ks and hit.value in ks and tr for ks, tr in zip(keysets, trend)):
                    break
                label = names.get(m.label, m.label)
                span = getattr(m.token, "span", None) or claims[m.claim_index].span
                yield self.finding(
                    span, f'"{label}" is {m.text} here, but {path}, a newer source, says '
                          f"{hit.text}; report the most recent value and note the prior one "
                          "in a trend bullet",
                    [Related(hit.token if isinstance(hit.token, Span) else span,
                             f'"{label}" is {hit.text} in this newer source')])
                break

    def _source_mentions(self, ctx: Context, sources: Any, path: str,
                         labels: list[list[str]]) -> list[_Mention]:
        """Metric mentions in a cited file, line by line, read once per run."""
        key = f"RL307.mentions.{path}.{labels!r}"
        found = ctx.shared.get(key)
        if isinstance(found, list):
            return found
        from reportlint import scan_numbers

        out: list[_Mention] = []
        text = normalize_text(sources.text(path) or "")
        firsts = {lab[0][:4] for lab in labels}
        for number, line in enumerate(text.split("\n"), 1):
            low = line.casefold()
            if not any(f in low for f in firsts):
                continue
            tokens = tuple(t for t in scan_numbers(line) if t.hard)
            fake = _Line(line, tokens)
            for m in self._mentions(fake, 0, labels):
                t = m.token
                span = Span.at(number, t.start + 1, number, t.end + 1, path)  # type: ignore[attr-defined]
                out.append(m._replace(token=span))
        ctx.shared[key] = out
        return out

    def _mentions(self, claim: object, ci: int, labels: list[list[str]],
                  stems: dict[str, str] | None = None) -> list[_Mention]:
        """Mentions of ``labels`` in a claim. ``stems`` memoises ``_stem`` across calls."""
        text: str = claim.text  # type: ignore[attr-defined]
        numbers = claim.hard_numbers  # type: ignore[attr-defined]
        if not numbers:
            return []
        # A label starts with a word whose stem is its first part, so the text holds that
        # part's first four letters once case-folded (casefold maps each character on
        # its own): text without any first part names no metric.
        low = text.casefold()
        if not any(lab[0][:4] in low for lab in labels):
            return []
        if stems is None:
            stems = {}
        words = []
        for m in _WORD_RE.finditer(text):
            w = m.group(0)
            if w[0].isdigit():
                continue
            st = stems.get(w)
            if st is None:
                st = stems[w] = _stem(w)
            words.append((m.start(), m.end(), st))
        window = self.options.window
        # number index -> (label length, label, index of its first word)
        best: dict[int, tuple[int, str, int]] = {}
        where: dict[str, list[int]] = {}  # word -> its indexes in words, in order
        for i, (_s, _e, w) in enumerate(words):
            where.setdefault(w, []).append(i)
        index = _Numbers(text, numbers)
        for lab in labels:
            for i in where.get(lab[0], ()):
                ls = words[i][0]
                j, ok = i, True
                for part in lab[1:]:
                    nxt = next((k for k in range(j + 1, min(len(words), j + 2 + window))
                                if words[k][2] == part
                                and not _BREAK_RE.search(text[words[j][1]:words[k][0]])), None)
                    if nxt is None:
                        ok = False
                        break
                    j = nxt
                if not ok:
                    continue
                n = _value_of(index, ls, words[j][1])
                if n is not None and len(lab) > best.get(n, (0, "", 0))[0]:
                    best[n] = (len(lab), " ".join(lab), i)
        out = []
        for n, (_l, name, i) in sorted(best.items()):
            t = numbers[n]
            if t.role in ("before", "after") or _NOT_A_VALUE_RE.search(_clause(text, t.start)):
                continue  # a delta, a change, a target or a limit: not the metric's value
            subject = ""
            if i > 0 and not text[words[i - 1][1]:words[i][0]].strip():
                w = text[words[i - 1][0]:words[i - 1][1]].casefold()
                if w not in _SUBJECT_STOP:
                    subject = w
            out.append(_Mention(name, t.keys[0], t.text, ci, t, t.unit, subject))
        return out


#: How far a clause reaches on each side of its number, at most (a sentence of a
#: megabyte must not make every mention read all of it)
_CLAUSE_REACH = 120


def _clause(text: str, at: int) -> str:
    """The clause of ``text`` around offset ``at``: between , ; | ( ), within reach."""
    lo_bound = max(0, at - _CLAUSE_REACH)
    hi_bound = min(len(text), at + _CLAUSE_REACH)
    lo = max(text.rfind(ch, lo_bound, at) for ch in ",;|()")
    his = [i for i in (text.find(ch, at, hi_bound) for ch in ",;|()") if i != -1]
    return text[max(lo + 1, lo_bound):min(his) if his else hi_bound]


# a label does not run across cells, clauses or parentheses
_BREAK_RE = re.compile(r"[|;()\[\]]|[,.](?!\d)")
# the text allowed between a label and its number: at most two linking words
_LINK = (r"[\s:=]*(?:(?:is|are|was|were|of|at|has|have|reached|stands|now|"
         r"total|totals|count|to)[\s:=]+){0,2}")


# every character a linking text (_LINK) can hold is in [\s:=], an ASCII letter or
# one of the letters re.IGNORECASE equates with an ASCII letter (İ ı ſ K)
_NOT_LINKING_RE = re.compile("[^\\s:=A-Za-z\u0130\u0131\u017f\u212a]")
_LINKING_RE = re.compile(_LINK, re.IGNORECASE)  # for fullmatch(text, i, j)


class _Numbers:
    """A claim's numbers by start and by end, so that ``_value_of`` finds the few
    candidates near a label by bisection instead of trying every number of the
    claim (a one-sentence megabyte of text has thousands of numbers and labels)."""

    def __init__(self, text: str, numbers: tuple[object, ...]) -> None:
        self.text = text
        spans = [(t.start, t.end) for t in numbers]  # type: ignore[attr-defined]
        self.by_start = sorted((s, n) for n, (s, _e) in enumerate(spans))
        self.starts = [s for s, _n in self.by_start]
        self.by_end = sorted((e, n) for n, (_s, e) in enumerate(spans))
        self.ends = [e for e, _n in self.by_end]
        self._stops: list[int] | None = None

    def stop(self, pos: int) -> int:
        """The first position from ``pos`` of a character no linking text holds."""
        if self._stops is None:
            self._stops = [m.start() for m in _NOT_LINKING_RE.finditer(self.text)]
        k = bisect.bisect_left(self._stops, pos)
        return self._stops[k] if k < len(self._stops) else len(self.text)


def _value_of(index: _Numbers, ls: int, le: int) -> int | None:
    """The number a label at ``text[ls:le]`` states, by position; None when unclear.

    Inside the label ("backend suite has 1,204 tests") first, then right after
    it with at most two linking words ("line coverage is 84.2%"), then right
    before it ("1,318 backend tests"). Among several, the first number of the
    claim inside or after the label, the last one before it.
    """
    text, starts, ends = index.text, index.starts, index.ends
    lo, hi = bisect.bisect_right(starts, ls), bisect.bisect_left(starts, le)
    if lo < hi:  # starts strictly inside the label
        return min(n for _s, n in index.by_start[lo:hi])
    # after: only text a linking pattern can match may lie between label and number
    lo, hi = bisect.bisect_left(starts, le), bisect.bisect_right(starts, index.stop(le))
    for start, n in sorted(index.by_start[lo:hi], key=lambda sn: sn[1]):
        if _LINKING_RE.fullmatch(text, le, start):
            return n
    # before: nothing but white space between the number's end and the label
    gap = ls
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    lo, hi = bisect.bisect_left(ends, gap), bisect.bisect_right(ends, ls)
    if lo < hi:
        return max(n for _e, n in index.by_end[lo:hi])
    return None


RULES = [MetricConflict]
