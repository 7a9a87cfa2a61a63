from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Heading, Rule, Severity, Span, opt, split_level
from reportlint import normalize_heading as _norm

WILDCARDS = ("*", "+", "?")


class RequiredHeadings(Rule):
    """
    ## What it does
    Checks the report's headings against an ordered template, in the spirit of
    markdownlint's MD043, and reports *every* difference instead of stopping at
    the first: each missing section, each renamed one (a heading in the right
    place whose text is close to, but not, the required one), each misplaced
    one (present, but out of order), each unexpected extra heading, and each
    required heading at the wrong level.

    Template entries are heading texts, optionally with their level
    (`## Results`), and wildcards: `*` any number of other headings, `+` one
    or more, `?` exactly one. Between two required entries with no wildcard,
    no other heading may appear.

    Comparison uses a normalised form: case-folded, quotes, dashes and
    whitespace unified, trailing punctuation dropped, and a trailing
    parenthetical of author guidance that mentions a page removed, so
    `## 0. Executive Snapshot (½ page, before Page 1)` and
    `## 0. Executive Snapshot` both match the template entry
    `## 0. Executive Snapshot (½ page, before Page 1)`. With `numbering: false`
    leading section numbers (`3.`, `M27:`) are ignored as well.

    With `levels`, only headings of those levels are compared with the
    template (e.g. `[2]`: `###` subsections and the `#` title are free).
    Without `levels`, the document's title (a single `#` heading that comes
    first) is still not a section unless the template names it: an entry
    `# …`, or an entry without a level whose text is the title's.

    A missing section is reported where it belongs: at the next section of
    the template that is present (or present under another name), else after
    the previous one. Consecutive missing sections that belong at the same
    place are one finding that names them in the template's order.

    ## Generic default
    With no `headings` the rule checks nothing: the sections are the
    contract's, and the contract lives in a profile (`executive-summary`)
    or your configuration.

    ## Why is this bad?
    A report contract names its sections so readers find the same answers in
    the same place; a missing or renamed section usually means missing work,
    and a reviewer should not have to diff headings by hand.

    ## Example
    With `headings: ["## Summary", "## Results", "## Next steps"]`, this fails
    (`Results` is renamed to `Results so far`, `Next steps` is missing):
    ```markdown
    ## Summary
    ## Results so far
    ```

    Use instead:
    ```markdown
    ## Summary
    ## Results
    ## Next steps
    ```

    ## Options
    - `headings`: the ordered template.
    - `levels`: heading levels the template applies to (empty: all).
    - `numbering`: whether leading section numbers must match.
    - `rename-cutoff`: similarity (0–1) above which a wrong heading is reported as renamed.
    """

    id = "RL101"
    name = "required-headings"
    summary = "Required sections are present, in order, at the right level."
    default_severity = Severity.ERROR
    tags = ("structure",)

    @dataclass(frozen=True)
    class Options:
        """The options of `required-headings`, documented in the rule's docstring."""

        headings: tuple[str, ...] = opt((), "Ordered template: heading texts (optionally with "
                                            "`#` level) and wildcards `*`, `+`, `?`.")
        levels: tuple[int, ...] = opt((), "Only headings of these levels are compared "
                                          "(empty: all levels).")
        numbering: bool = opt(True, "Leading section numbers (`3.`) must match too.")
        rename_cutoff: float = opt(0.6, "Similarity ratio from which an unmatched heading "
                                        "counts as a renamed required one.")

        def __post_init__(self) -> None:
            if not 0 < self.rename_cutoff <= 1:
                raise ValueError("rename-cutoff must be between 0 and 1")
            for lv in self.levels:
                if not 1 <= lv <= 6:
                    raise ValueError(f"levels: {lv} is not a heading level (1-6)")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        if not o.headings:
            return
        # template: literals (level, text, key) and, per gap, its wildcards
        literals: list[tuple[int | None, str, str]] = []
        gaps: list[list[str]] = [[]]
        for entry in o.headings:
            if entry.strip() in WILDCARDS:
                gaps[-1].append(entry.strip())
                continue
            level, text = split_level(entry)
            literals.append((level, text, _norm(text, numbering=o.numbering)))
            gaps.append([])
        heads = [h for h in doc.headings if not o.levels or h.level in o.levels]
        title = _title(doc)
        if title is not None and title in heads and not any(
                lv == 1 or k == _norm(title.text, numbering=o.numbering)
                for lv, _t, k in literals):
            heads.remove(title)  # the title is not a section unless the template names it
        keys = [_norm(h.text, numbering=o.numbering) for h in heads]
        pairs = _lcs([k for _l, _t, k in literals], keys)
        matched_t = {t: d for t, d in pairs}
        matched_d = {d for _t, d in pairs}

        def label(i: int) -> str:
            lv, text, _k = literals[i]
            return ("#" * lv + " " if lv else "") + text

        def gap_of(ti: int) -> tuple[int, int]:
            """Range of heading indexes between the matched neighbours of literal ti."""
            lo = max((matched_t[j] for j in range(ti) if j in matched_t), default=-1)
            hi = min((matched_t[j] for j in range(ti + 1, len(literals)) if j in matched_t),
                     default=len(heads))
            return lo, hi

        used: set[int] = set(matched_d)
        # (template index, finding): sorted by place, then template order
        findings: list[tuple[int, Finding]] = []
        # levels of matched literals
        for ti, di in pairs:
            lv = literals[ti][0]
            if lv is not None and heads[di].level != lv:
                findings.append((ti, self.finding(
                    heads[di].span, f'heading "{heads[di].text}" is level {heads[di].level}; '
                    f'the template requires {"#" * lv} (level {lv})', key="level")))
        # first pass: each unmatched literal is misplaced, renamed or missing
        renamed: dict[int, int] = {}  # literal -> the heading that stands in for it
        misplaced: dict[int, int] = {}
        missing: list[int] = []
        for ti in range(len(literals)):
            if ti in matched_t:
                continue
            key = literals[ti][2]
            d_mis = next((d for d, k in enumerate(keys) if k == key and d not in used), None)
            if d_mis is not None:
                used.add(d_mis)
                misplaced[ti] = d_mis
                continue
            lo, hi = gap_of(ti)
            best, ratio = None, 0.0
            for d in range(lo + 1, hi):
                if d in used:
                    continue
                r = difflib.SequenceMatcher(None, keys[d], key).ratio()
                if r > ratio:
                    best, ratio = d, r
            if best is not None and ratio >= o.rename_cutoff:
                used.add(best)
                renamed[ti] = best
                continue
            missing.append(ti)
        # where each literal stands in the document: matched or renamed headings
        placed = {**matched_t, **renamed}

        def anchor(ti: int) -> tuple[Span, str]:
            """Where literal ti belongs: before the next placed literal, else after the last."""
            for j in range(ti + 1, len(literals)):
                if j in placed:
                    h = heads[placed[j]]
                    return h.span, f' (expected before "{h.text}")'
            for j in range(ti - 1, -1, -1):
                if j in placed:
                    h = heads[placed[j]]
                    return h.span, f' (expected after "{h.text}")'
            return doc.start, ""

        for ti, d in misplaced.items():
            _span, where = anchor(ti)
            findings.append((ti, self.finding(
                heads[d].span, f'section "{heads[d].text}" is out of order{where}',
                key="order")))
        for ti, d in renamed.items():
            findings.append((ti, self.finding(
                heads[d].span, f'heading "{heads[d].text}" does not match the required '
                f'"{label(ti)}"', fix=f"rename to: {label(ti)}", key=("rename", label(ti)))))
        # consecutive missing sections that belong at one place: one finding, in template order
        groups: list[list[int]] = []
        for ti in missing:
            if groups and groups[-1][-1] == ti - 1 and anchor(ti) == anchor(groups[-1][0]):
                groups[-1].append(ti)
            else:
                groups.append([ti])
        for group in groups:
            span, where = anchor(group[0])
            names = ", ".join(f'"{label(t)}"' for t in group)
            plural = "s" if len(group) > 1 else ""
            # missing sections share an anchor: the first one missing is the identity
            findings.append((group[0], self.finding(
                span, f"missing required section{plural} {names}{where}",
                key=("missing", label(group[0])))))
        extras = [(len(literals), f) for f in self._extras(heads, pairs, gaps, used, doc)]
        findings.extend(extras)
        findings.sort(key=lambda tf: (tf[1].span.start, tf[0], tf[1].message))
        yield from (f for _t, f in findings)

    def _extras(self, heads: list[Heading], pairs: list[tuple[int, int]],
                gaps: list[list[str]], used: set[int], doc: Document) -> Iterator[Finding]:
        """Unexpected headings, and gaps with fewer headings than `+`/`?` demand."""
        bounds = [(-1, -1), *pairs, (len(gaps) - 1, len(heads))]
        # a gap is identified by the literal index before it (gap g lies after literal g-1)
        for (t_lo, d_lo), (t_hi, d_hi) in itertools.pairwise(bounds):
            wild: list[str] = []
            for g in range(t_lo + 1, t_hi + 1):
                wild.extend(gaps[g])
            inside = [d for d in range(d_lo + 1, d_hi) if d not in used]
            minimum = sum(1 for w in wild if w in "+?")
            maximum = None if ("*" in wild or "+" in wild) else wild.count("?")
            if maximum is not None:
                for d in inside[maximum:]:
                    yield self.finding(heads[d].span,
                                       f'unexpected heading "{heads[d].text}" '
                                       "(not in the required template)", key="unexpected")
            present = len([d for d in range(d_lo + 1, d_hi)])
            if present < minimum:
                at = (heads[d_hi].span if d_hi < len(heads)
                      else heads[-1].span if heads else doc.start)
                yield self.finding(at, f"expected at least {minimum} heading"
                                       f"{'s' if minimum != 1 else ''} here, found {present}",
                                   key="too-few")


def _title(doc: Document) -> Heading | None:
    """The document's title: the first heading, of level 1, the only one of that level."""
    if not doc.headings or doc.headings[0].level != 1:
        return None
    if sum(1 for h in doc.headings if h.level == 1) != 1:
        return None
    return doc.headings[0]


def _lcs(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of ``a`` and ``b``."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, nxt = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = nxt[j + 1] + 1 if a[i] == b[j] else max(nxt[j], row[j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


RULES = [RequiredHeadings]
