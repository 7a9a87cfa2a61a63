"""Number tokens: find the numbers a piece of prose states, and compare them exactly.

The cross-check asks "does this number occur in the source?", so two writings
of one number must compare equal and nothing else may. Every token therefore
carries ``keys``: exact ``Decimal`` magnitudes under which it is looked up
(``2,200``, ``2200`` and ``2.2k`` share the key 2200; ``70%``, ``70 %`` and
``70.0%`` share 70; ``1.0e-5`` and ``0.00001`` share 0.00001). Decimals, not
floats, so that 0.1 and 0.10 are equal and 0.1 and 0.1000001 are not.
Magnitudes, not signed values, because prose drops signs that sources keep
("the loss fell by 2.18" against ``-2.18``).

What is a number, and which numbers are *hard* (count as a claim), is decided
here once for claims and for cited files alike:

- Not numbers at all (skipped): digits inside identifiers (``M33``, ``v1.2``,
  ``m33_v1``, ``gpt-4``, ``2FA``), dates (``2025-03-01``, ``03/01/2025``,
  ``March 3``), clock times (``14:05``) and dotted versions (``1.2.3``).
- Numbers that are not hard (``hard=False`` with a ``reason``): years
  (1900-2099 written bare), references (``§3``, ``section 2``, ``line 42``,
  ``#12``, ``Python 3.11``), ordered-list and heading numbering at the start
  of a line, ordinals (``3rd``), footnote markers (``[^1]``) and the scale of
  a score (the 5 of ``4.06/5``).
- Everything else is hard: counts, percentages, sizes and durations with units,
  scores, ratios, both ends of ranges (``5-20``, ``1-2 days``) and of deltas
  (``2.26 -> 0.08``), approximations (``~900 MB``, ``>70%``, ``70%+``) and
  scientific notation.

Callers mask what must not be read (code spans, URLs, tags) with spaces before
scanning, so offsets stay those of the original text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from reportlint.options import opt
from reportlint.span import Span

#: Reasons a number is not hard. A policy may turn any of them back on.
NON_HARD_KINDS = ("year", "reference", "version", "list-marker", "ordinal",
                  "footnote", "scale")

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|"
           r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
           r"Nov|Dec)")

# Alternatives are tried left to right at each position, so dates, times and
# versions consume their digits before the plain number alternative sees them.
_TOKEN = re.compile(
    rf"""
    (?=[\d.JFMASOND])  # every token starts with a digit, a dot or a month: skip the rest fast
    (?:
    (?P<date>
        (?<![\w.])(?:19|20)\d\d-(?:0?[1-9]|1[0-2])(?:-(?:0?[1-9]|[12]\d|3[01]))?
            (?:[T\ ]\d\d?:\d\d(?::\d\d)?)?(?!\w|[.-]\d)
      | (?<![\w./])\d\d?/\d\d?/(?:\d{{4}}|\d\d)(?![\w/])
      | (?<![\w./])(?:19|20)\d\d/\d\d?/\d\d?(?![\w/])
      | (?<![\w.])\d\d?\.\d\d?\.(?:19|20)\d\d(?!\w|\.\d)
      | \b{_MONTHS}\.?\ \d\d?(?:st|nd|rd|th)?\b(?![.,]\d)
      | (?<![\w.])\d\d?(?:st|nd|rd|th)?\ {_MONTHS}\b
    )
  | (?P<time>(?<![\w.:])\d\d?:\d\d(?::\d\d)?(?:\ ?[AaPp]\.?[Mm]\b\.?)?(?![\w:]))
  | (?P<version>(?<![\w.])\d+(?:\.\d+){{2,}}(?![\w.]?\d))
  | (?P<num>
        (?<![\w.])
        (?P<mant>(?:\d{{1,3}}(?:[,\u2009\u202f]\d{{3}})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)
        (?:[eE](?P<exp>[-+\u2212]?\d{{1,3}})(?!\w|\.\d))?
    )
    )
    """,
    re.VERBOSE,
)

_DIGIT = re.compile(r"\d")

# What may follow a number: "x 10^-5", a unit (attached or after one space),
# a percent sign, a trailing "+".
_AFTER = re.compile(
    r"(?P<sci> ?[x×*] ?10\^(?P<sciexp>[-+\u2212]?\d{1,3}))?"
    r"(?P<space>[ \u00a0\u202f]?)"
    r"(?P<unit>%|‰|°[CF]?|[A-Za-zµμ_]\w*)?"
    r"(?P<plus>\+)?"
)

_SIZE_UNITS = ("B", "KB", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB",
               "bytes", "byte")
_TIME_UNITS = ("ns", "us", "µs", "μs", "ms", "s", "sec", "secs", "second", "seconds",
               "min", "mins", "minute", "minutes", "h", "hr", "hrs", "hour", "hours",
               "d", "day", "days", "wk", "week", "weeks", "month", "months", "yr", "yrs",
               "year", "years")
_OTHER_UNITS = ("x", "X", "×", "pp", "pt", "pts", "percent", "px", "fps", "rps", "qps",
                "tok", "tokens", "it", "Hz", "kHz", "MHz", "GHz", "W", "kW", "°", "°C",
                "°F", "‰", "%")
_MULTIPLIERS = {"k": 3, "K": 3, "M": 6, "B": 9, "bn": 9, "m": 6}
MULTIPLIERS = _MULTIPLIERS  # the scale of "2.2k", "1.2M": for rounding in the cross-check
# units that are read only when attached to the number ("2.2k", not "2.2 k")
_ATTACHED_ONLY = frozenset({"k", "K", "M", "m", "bn", "x", "X"})
_UNITS = frozenset(_SIZE_UNITS + _TIME_UNITS + _OTHER_UNITS) | frozenset(_MULTIPLIERS)
_ORDINALS = frozenset({"st", "nd", "rd", "th"})

_REFERENCE_WORDS = frozenset({
    "section", "sections", "chapter", "page", "pages", "figure", "table", "appendix", "part",
    "issue", "issues", "pr", "line", "lines", "row", "step", "steps", "phase", "phases",
    "milestone", "item", "rule", "footnote", "finding", "findings", "slice", "slices",
    "criterion", "criteria", "stage", "sprint", "task", "story", "epic", "ticket", "req",
    "requirement", "requirements", "check", "checks", "adr", "cve", "iteration", "round",
    "wave", "tier", "bug", "incident", "scenario", "ref", "annex", "exhibit",
    "recommendation", "risk", "objective", "workstream", "figures", "tables", "chapters",
    "paragraph", "para", "clause", "article", "level", "priority", "sev", "week", "day",
    "quarter", "http", "https", "port", "ports", "status", "code", "exit", "errno"})
# references only when abbreviated with a dot ("p. 7", "No. 5", "Fig. 2")
_REFERENCE_ABBREVIATIONS = frozenset({"p", "pp", "no", "nr", "ch", "tab", "fig", "sec", "eq"})
_VERSION_WORDS = frozenset({
    "version", "versions", "release", "rev", "python", "node", "nodejs", "java", "cuda",
    "ubuntu", "debian", "postgres", "postgresql", "gemma", "llama", "mistral", "phi", "qwen",
    "gpt", "claude", "iso", "rfc", "pep", "utf"})
_APPROX = frozenset("~≈∼<>≤≥±")
_ID_BEFORE_SLASH = re.compile(r"[A-Za-z][A-Za-z_]*-\d+/$")
_NOUN_AFTER = re.compile(r"[ \u00a0]([a-z][a-z-]{2,})\b")
_NOT_NOUNS = frozenset({
    "and", "or", "the", "of", "to", "in", "is", "are", "was", "were", "for", "per", "out",
    "vs", "from", "with", "by", "on", "at", "as", "than", "that", "this", "these", "those",
    "all", "more", "less", "fewer", "over", "under", "into", "onto", "when", "while", "but",
    "not", "new", "total", "each", "only", "about", "across", "after", "before", "during",
    "then", "now", "since", "until", "via", "which", "who", "our", "their", "its", "has",
    "have", "had", "will", "would", "can", "could", "may", "off", "left", "remain",
    "remaining", "passed", "failed", "passing", "failing", "green", "red", "also", "times",
    "plus", "minus", "items", "ones", "other", "others", "such", "some", "any", "every",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_RANGE_GAP = re.compile(r"-|\s?[\u2013\u2012]\s?")
_DELTA_GAP = re.compile(r"\s*(?:→|->|-->|=>|⇒|⟶|➜|➔|↦)\s*")
_RATIO_GAP = re.compile(r"/")
_LIST_MARK_AFTER = re.compile(r"[.)](?:\s|$)")
_HEADING_NUMBER = re.compile(r"\d+(?:\.\d+)*")
_HEADING_NUMBER_AFTER = re.compile(r"[.):]?(?:\s|$)")


class NumberToken(NamedTuple):
    """One number as written, with what the cross-check compares.

    ``start``/``end`` index the scanned text (for a claim: its ``text``),
    covering the number with its sign, approximation prefix, unit and
    percent sign. ``value`` is the signed exact value as written (scientific
    notation applied, no multiplier); ``keys`` are the exact magnitudes it is
    looked up under. ``role`` places it in a pair: ``low``/``high`` (range),
    ``before``/``after`` (delta), ``numerator``/``denominator`` (score or
    ratio). ``span`` is the exact place in the report, when known.
    """

    text: str
    start: int
    end: int
    value: Decimal
    keys: tuple[Decimal, ...]
    unit: str = ""
    approx: str = ""
    role: str = ""
    hard: bool = True
    reason: str = ""
    span: Span | None = None
    noun: str = ""  # the counted word after a unit-less number ("4 nodes"), lower case

    @property
    def percent(self) -> bool:
        return self.unit == "%"

    @property
    def key(self) -> Decimal:
        """The primary lookup key: the magnitude as written."""
        return self.keys[0]

    def shifted(self, offset: int, span: Span | None = None) -> NumberToken:
        """The same token with its offsets moved (and its report span set)."""
        return self._replace(start=self.start + offset, end=self.end + offset,
                             span=span if span is not None else self.span)


@dataclass(frozen=True)
class NumberPolicy:
    """Which numbers are hard claims: configurable.

    ``ignore`` lists the built-in non-hard kinds in force (see
    ``NON_HARD_KINDS``); drop one to make such numbers hard. ``include`` and
    ``exclude`` are regular expressions searched in the scanned text: a
    number overlapping an ``include`` match is hard whatever the built-in
    rules say, and one overlapping an ``exclude`` match is not hard
    (``exclude`` wins, because a false "unsourced" finding costs more trust
    than a missed one).
    """

    ignore: tuple[str, ...] = opt(NON_HARD_KINDS, "Kinds of numbers that are not hard: "
                                  + ", ".join(NON_HARD_KINDS) + ".")
    include: tuple[str, ...] = opt((), "Patterns: numbers they overlap are hard.")
    exclude: tuple[str, ...] = opt((), "Patterns: numbers they overlap are not hard "
                                       "(wins over include).")

    def __post_init__(self) -> None:
        unknown = sorted(set(self.ignore) - set(NON_HARD_KINDS))
        if unknown:
            raise ValueError(f"unknown number kind(s) {', '.join(unknown)}; "
                             f"known: {', '.join(NON_HARD_KINDS)}")
        _ = self.include_res, self.exclude_res

    @functools.cached_property
    def include_res(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.include, "include")

    @functools.cached_property
    def exclude_res(self) -> tuple[re.Pattern[str], ...]:
        return _compile_all(self.exclude, "exclude")


def _compile_all(sources: Iterable[str], what: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for p in sources:
        check_pattern(p, f"{what} pattern")
        try:
            out.append(re.compile(p))
        except re.error as exc:
            raise ValueError(f"invalid {what} pattern {p!r}: {exc}") from None
    return tuple(out)


def check_pattern(pattern: str, what: str) -> None:
    """Refuse a user regex that is invalid or can backtrack without end (``(a+)+``).

    The check is ``reportlint.check_regex``, shared with every rule option that
    holds a regex; ``what`` names the setting in the error.
    """
    from reportlint.regexcheck import check_regex

    problem = check_regex(pattern)
    if problem is not None:
        raise ValueError(f"{what}: {problem}")


DEFAULT_POLICY = NumberPolicy()


def canonical(value: Decimal) -> str:
    """Plain decimal notation without trailing zeros: 2200, 0.00001, 4."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def parse_decimal(text: str) -> Decimal | None:
    """The value of a plain number as written (separators, unicode minus, exponent)."""
    cleaned = (text.replace(",", "").replace("\u2009", "").replace("\u202f", "")
               .replace("\u2212", "-").strip())
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def scan(text: str, policy: NumberPolicy = DEFAULT_POLICY,
         *, heading: bool = False, verdicts: bool = True) -> list[NumberToken]:
    """All number tokens of ``text``, in order, with their hard/non-hard verdict.

    ``heading`` treats a leading ``3.``/``3.1`` as section numbering. One pass
    of one compiled expression plus constant-size look-arounds per number.
    ``verdicts=False`` is for indexing cited files, which only need where each
    number is and its keys: the context that decides whether a number is hard
    (the word before it, the start of its line) is not read, so ``hard`` and
    ``reason`` are left unset (an ordinal's reason excepted). Text, offsets,
    values, units, roles and keys are the same either way.
    """
    tokens: list[NumberToken] = []
    if _DIGIT.search(text) is None:
        return tokens  # every alternative of _TOKEN needs a digit (\d, as there)
    last_end = -1
    for m in _TOKEN.finditer(text):
        if m.lastgroup != "num" or m.start() < last_end:
            continue  # a date, time or version; or digits a token already took
        tok = _number(text, m, heading, last_end, verdicts)
        if tok is not None:
            tokens.append(tok)
            last_end = tok.end
    if len(tokens) > 1:
        _pair(text, tokens)
        _continue_references(text, tokens)
    if policy.ignore != NON_HARD_KINDS:
        kept = frozenset(policy.ignore)
        tokens = [t if t.hard or t.reason in kept else t._replace(hard=True, reason="")
                  for t in tokens]
    if tokens and (policy.include_res or policy.exclude_res):
        tokens = _apply_patterns(text, tokens, policy)
    return tokens


def _number(text: str, m: re.Match[str], heading: bool,
            prev_end: int, verdicts: bool = True) -> NumberToken | None:
    start, end = m.start(), m.end()
    mant = m.group("mant")
    value = Decimal(mant) if mant.isdigit() else parse_decimal(mant)
    if value is None:  # pragma: no cover - the expression only admits digits
        return None
    exp = m.group("exp")
    if exp is not None:
        value = value.scaleb(int(exp.replace("\u2212", "-")))
    after = _AFTER.match(text, end)
    unit = ""
    approx = ""
    reason = ""
    if after is not None:
        if after.group("sci"):
            value = value.scaleb(int(after.group("sciexp").replace("\u2212", "-")))
            end = after.end("sci")
        raw_unit = after.group("unit")
        attached = not after.group("space")
        if raw_unit:
            if attached and raw_unit in _ORDINALS and "." not in mant:
                unit, reason = raw_unit, "ordinal"
                end = after.end("unit")
            elif raw_unit in _UNITS and (attached or raw_unit not in _ATTACHED_ONLY):
                unit = "%" if raw_unit == "percent" else raw_unit
                end = after.end("unit")
            elif attached and not after.group("sci"):
                return None  # an identifier such as 2FA, 3D, 0x1F
        if after.group("plus") and (unit or not raw_unit):
            approx = "+"
            end = after.end("plus")
    if end < len(text) and text[end] == "." and end + 1 < len(text) \
            and text[end + 1].isalpha():
        return None  # "3.x", "2.py": part of a name
    # look behind: identifier hyphen, sign, approximation, reference marks
    s = start
    before = text[s - 1] if s > 0 else ""
    if before == "-" and s >= 2 and (text[s - 2].isalpha() or text[s - 2] == "_" or (
            text[s - 2].isdigit() and prev_end != s - 1)):
        return None  # gpt-4, covid-19, top-5, FY2024-25: the tail of a name
    if before == "/" and _ID_BEFORE_SLASH.search(text, max(0, s - 24), s):
        return None  # the 04 of CHECK-03/04: a second id
    if before == "_" or (before == "-" and s >= 2 and text[s - 2] == "-"):
        return None  # run_05, lr--4: parts of a name
    negative = False
    if before in ("-", "\u2212") and (s < 2 or not (text[s - 2].isalnum() or text[s - 2] in ".)")):
        negative = True
        s -= 1
    elif before == "+" and (s < 2 or not text[s - 2].isalnum()):
        s -= 1
    # one optional space between an approximation mark and the number
    j = s - 1
    if j >= 0 and text[j] == " " and j >= 1 and text[j - 1] in _APPROX:
        j -= 1
    if j >= 0 and text[j] in _APPROX and not (j >= 1 and text[j - 1] in "-=" and text[j] == ">"):
        approx = text[j] + approx if approx else text[j]
        s = j
    if negative:
        value = -value
    if verdicts:
        mark = text[start - 2] if before == " " and start >= 2 else before
        if mark and mark in "§#^":
            reason = "footnote" if mark == "^" else "reference"
        elif not reason:
            reason = _context_reason(text, start, end, mant, exp, unit, approx, heading)
    if not unit and s > 0:
        unit = _unit_of_key(text, s)
    keys = _keys(value, unit)
    noun = "" if unit and unit not in _MULTIPLIERS else _noun_after(text, end)
    return NumberToken(text[s:end], s, end, value, keys, unit, approx, "",
                       not reason, reason, None, noun)


def _context_reason(text: str, start: int, end: int, mant: str, exp: str | None,
                    unit: str, approx: str, heading: bool) -> str:
    word, dot = _word_before(text, start)
    if word:
        if (word in _REFERENCE_WORDS and not dot) or (word in _REFERENCE_ABBREVIATIONS and dot):
            return "reference"
        if word in _VERSION_WORDS and not dot:
            return "version"
    if _at_line_start(text, start):
        if heading and not unit and _HEADING_NUMBER.fullmatch(mant) \
                and _HEADING_NUMBER_AFTER.match(text, end):
            return "list-marker"
        if mant.isdigit() and _LIST_MARK_AFTER.match(text, end):
            return "list-marker"
    if (len(mant) == 4 and mant.isdigit() and mant[:2] in ("19", "20") and not exp
            and not unit and not approx):
        return "year"
    return ""


def _word_before(text: str, start: int) -> tuple[str, bool]:
    """The word just before a number (lower case), and whether a dot ends it.

    A hand-written backward scan: this runs for every number of every cited
    file, and is several times cheaper than a regular expression anchored at
    the number.
    """
    lo = max(0, start - 24)
    j = start
    while j > lo and text[j - 1] in " \t#":
        j -= 1
    dot = j > lo and text[j - 1] == "."
    if dot:
        j -= 1
    k = j
    while k > lo and text[k - 1].isalpha():
        k -= 1
    if k == j or (k > 0 and (text[k - 1].isalnum() or text[k - 1] in "._")):
        return "", False
    return text[k:j].lower(), dot


def _at_line_start(text: str, start: int) -> bool:
    """Only blanks or quote marks between the line start and ``start``."""
    lo = max(0, start - 12)
    j = start
    while j > lo and text[j - 1] in " \t>":
        j -= 1
    return j == 0 or text[j - 1] == "\n"


# a key or constant whose name ends with a unit: TIMEOUT_MS = 2500, "latency_ms": 41,
# duration_s: 95, size-mb: 12
_KEY_UNIT = re.compile(
    r"[A-Za-z][A-Za-z0-9]*[_-](?P<u>ms|s|sec|secs|seconds|min|mins|minutes|h|hrs|hours|"
    r"d|days|kb|mb|gb|tb|bytes|pct|percent)[\"']?\s*[:=]\s*[\"']?$", re.IGNORECASE)
_KEY_UNITS = {"ms": "ms", "s": "s", "sec": "s", "secs": "s", "seconds": "s", "min": "min",
              "mins": "min", "minutes": "min", "h": "h", "hrs": "h", "hours": "h", "d": "d",
              "days": "d", "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "bytes": "B",
              "pct": "%", "percent": "%"}


def _unit_of_key(text: str, start: int) -> str:
    """The unit a key or constant's name gives its value (``TIMEOUT_MS = 2500``), or ''.

    Only right after ``=`` or ``:``, so prose is untouched.
    """
    j = start - 1
    while j >= 0 and text[j] in " \t\"'":
        j -= 1
    if j < 0 or text[j] not in "=:":
        return ""
    m = _KEY_UNIT.search(text, max(0, start - 48), start)
    return _KEY_UNITS[m.group("u").lower()] if m else ""


def _noun_after(text: str, end: int) -> str:
    """The counted word right after a unit-less number ("4 nodes" -> "nodes"), or ''.

    Only a lower-case word of three letters or more that is not a function word:
    ``4 of 5`` counts nothing, ``12 engineers`` counts engineers.
    """
    m = _NOUN_AFTER.match(text, end)
    if m is None:
        return ""
    word = m.group(1)
    return "" if word in _NOT_NOUNS else word


# ----------------------------------------------------------------------------- units
#: Unit families and scales. A number matches its source only with a compatible unit:
#: the same family (and, where the family converts, the same magnitude in a common
#: scale: 1.5 GB = 1,500 MB), or a unit-less value on either side.
_SCALES: dict[str, tuple[str, Decimal | None]] = {}


def _family(name: str, scale: dict[str, int | str | None]) -> None:
    for unit, factor in scale.items():
        _SCALES[unit] = (name, None if factor is None else Decimal(str(factor)))


_family("size", {"B": 1, "byte": 1, "bytes": 1, "KB": 1000, "kB": 1000, "MB": 10**6,
                 "GB": 10**9, "TB": 10**12, "PB": 10**15, "KiB": 2**10, "MiB": 2**20,
                 "GiB": 2**30, "TiB": 2**40})
_family("time", {"ns": "1e-9", "us": "1e-6", "µs": "1e-6", "μs": "1e-6", "ms": "0.001",
                 "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1, "min": 60,
                 "mins": 60, "minute": 60, "minutes": 60, "h": 3600, "hr": 3600,
                 "hrs": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400,
                 "days": 86400, "wk": 604800, "week": 604800, "weeks": 604800})
_family("month", {"month": None, "months": None})
_family("year", {"yr": None, "yrs": None, "year": None, "years": None})
_family("percent", {"%": None})
_family("points", {"pp": None, "pt": None, "pts": None})
_family("permille", {"‰": None})
_family("ratio", {"x": None, "X": None, "×": None})
_family("frequency", {"Hz": 1, "kHz": 1000, "MHz": 10**6, "GHz": 10**9})
_family("power", {"W": 1, "kW": 1000})
_family("temperature", {"°": None, "°C": None, "°F": None})


def unit_family(unit: str) -> tuple[str, Decimal | None] | None:
    """(family, scale to the family's base) of a unit; None for no unit or a multiplier."""
    if not unit or unit in _MULTIPLIERS:
        return None
    return _SCALES.get(unit, (unit, None))


def units_compatible(report: NumberToken, unit: str, noun: str, value: Decimal | None,
                     ) -> bool:
    """Whether a source number (``unit``, ``noun``, ``value``: its magnitude as
    written) can be the report's ``report`` number.

    - the same magnitude, both units unit-less or of one family (``70%`` =
      ``70 %`` = ``70 percent``; ``2 h`` = ``2 hours``), or a unit-less source
      value (YAML, JSON, a code constant) for any report unit: a match;
    - a unit on one side and a counted word on the other (``4%`` against
      ``4 nodes``, ``12 engineers`` against ``12%``): no match;
    - two units of one convertible family and equal magnitudes once scaled
      (``1.5 GB`` = ``1,500 MB``): a match; other families never match
      (``90 seconds`` is not ``90 minutes``, ``3.2 GB`` is not ``3.2 TB``).
    """
    mine = unit_family(report.unit)
    theirs = unit_family(unit)
    if value is not None and value != abs(report.value):
        if value in report.keys:  # 70% as 0.7, 2.2k as 2200: a bare value in the source
            return theirs is None
        # found under a converted magnitude: only the same value in another scale
        return (mine is not None and theirs is not None and mine[0] == theirs[0]
                and mine[1] is not None and theirs[1] is not None
                and abs(report.value) * mine[1] == value * theirs[1])
    if mine is None and theirs is None:
        return True
    if mine is None:
        return not report.noun or report.unit in _MULTIPLIERS
    if theirs is None:
        return not noun
    if mine[0] != theirs[0]:
        return False
    if value is None or mine[1] is None or theirs[1] is None:
        return mine[1] == theirs[1] or mine[1] is None or theirs[1] is None
    return abs(report.value) * mine[1] == value * theirs[1]


def converted_keys(token: NumberToken) -> tuple[Decimal, ...]:
    """The token's magnitude in the other units of its family (1.5 GB -> 1500 for MB…).

    For looking a number up where the source writes it in another scale;
    ``units_compatible`` decides whether an occurrence found so is the same value.
    """
    fam = unit_family(token.unit)
    if fam is None or fam[1] is None:
        return ()
    base = abs(token.value) * fam[1]
    out = []
    for name, factor in _SCALES.values():
        if name != fam[0] or factor is None or factor == fam[1]:
            continue
        v = (base / factor).normalize()
        exponent = v.as_tuple().exponent
        if v != v.to_integral_value() and isinstance(exponent, int) and -exponent > 6:
            continue  # no one writes 90 s as 0.025 h
        if v not in out and v not in token.keys:
            out.append(v)
    return tuple(out)


def _keys(value: Decimal, unit: str) -> tuple[Decimal, ...]:
    mag = abs(value)
    keys = [mag]
    if unit == "%":
        keys.append(mag.scaleb(-2))  # 70% is stored as 0.7 in many JSON files
    elif unit in _MULTIPLIERS:
        keys.append(mag.scaleb(_MULTIPLIERS[unit]))
    return tuple(keys)


def _pair(text: str, tokens: list[NumberToken]) -> None:
    """Mark ranges, deltas and scores between neighbouring tokens (in place)."""
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        gap = text[a.end:b.start]
        if _RANGE_GAP.fullmatch(gap) and not b.value.is_signed():
            ra, rb = "low", "high"
        elif gap == "" and b.text.startswith("-") and not b.approx:
            # "5%-20%" arrives as 5% and -20%: the hyphen is the range's, not a sign
            ra, rb = "low", "high"
            b = b._replace(value=-b.value, text=b.text[1:], start=b.start + 1)
        elif _DELTA_GAP.fullmatch(gap):
            ra, rb = "before", "after"
        elif _RATIO_GAP.fullmatch(gap) and not a.unit:
            ra, rb = "numerator", "denominator"
        else:
            continue
        if a.role:
            ra = a.role
        unit = b.unit if ra == "low" and not a.unit else a.unit
        a = a._replace(role=ra, unit=unit, keys=_keys(a.value, unit))
        reason_b = b.reason
        # "lines 183-205", "2024-25": the second end shares the first's nature
        if ra == "low" and a.reason in ("reference", "version", "year") and not b.unit and (
                a.reason != "year" or len(b.text) == 2 or b.reason == "year"):
            reason_b = a.reason
        if rb == "denominator" and "." in a.text and b.value in (5, 10, 100):
            reason_b = "scale"  # the 5 of 4.06/5 is a scale, not a measurement
        b = b._replace(role=rb, reason=reason_b, hard=not reason_b)
        tokens[i], tokens[i + 1] = a, b


_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|,\s*and)\s*")


def _continue_references(text: str, tokens: list[NumberToken]) -> None:
    """``Slice 2 and 5``, ``steps 3, 4 and 7``: later ids of one list are ids too; and
    ``24/7`` is a phrase, not a ratio."""
    for i in range(1, len(tokens)):
        prev, tok = tokens[i - 1], tokens[i]
        if prev.text == "24" and tok.text == "7" and text[prev.end:tok.start] == "/":
            tokens[i - 1] = prev._replace(hard=False, reason="reference")
            tokens[i] = tok._replace(hard=False, reason="reference")
    for i in range(1, len(tokens)):
        prev, tok = tokens[i - 1], tokens[i]
        if prev.reason == "reference" and tok.hard and not tok.unit and not tok.noun \
                and _LIST_GAP.fullmatch(text, prev.end, tok.start):
            tokens[i] = tok._replace(hard=False, reason="reference")


def _apply_patterns(text: str, tokens: list[NumberToken],
                    policy: NumberPolicy) -> list[NumberToken]:
    include = _merged(text, policy.include_res)
    exclude = _merged(text, policy.exclude_res)
    out = []
    for tok in tokens:
        if exclude and _overlaps(exclude, tok):
            tok = tok._replace(hard=False, reason="excluded")
        elif include and not tok.hard and _overlaps(include, tok):
            tok = tok._replace(hard=True, reason="")
        out.append(tok)
    return out


def _merged(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    """Match ranges of all ``patterns`` in ``text``, merged into sorted disjoint runs."""
    ranges = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text)
                    if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _overlaps(runs: list[tuple[int, int]], tok: NumberToken) -> bool:
    k = bisect.bisect_left(runs, (tok.end, -1)) - 1
    return k >= 0 and runs[k][1] > tok.start
