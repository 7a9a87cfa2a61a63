from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, check_regex, opt, prose_blocks

FLUFF = (
    "world-class", "best-in-class", "cutting-edge", "bleeding-edge", "game-changing",
    "game changer", "revolutionary", "groundbreaking", "unparalleled", "unprecedented",
    "next-generation", "seamless", "seamlessly", "blazing fast", "blazingly fast",
    "supercharge", "synergy", "industry-leading", "mission-critical excellence",
    "rock-solid", "bulletproof", "effortless", "effortlessly", "magical",
)


_MASK = frozenset({"code", "url", "html"})
# characters that re.IGNORECASE equates with an ASCII letter but str.lower() does not map
# to it (found by trying every code point): dotted and dotless i, long s
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _phrase_re(phrase: str) -> str:
    # a hyphen or a space in a phrase matches either ("world class" = "world-class")
    parts = [re.escape(p) for p in re.split(r"[\s-]+", phrase.strip())]
    return r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])"


def _hint(phrase: str) -> str | None:
    """A word every match of ``phrase`` contains once folded (None: no usable word)."""
    word = max(re.split(r"[\s-]+", phrase.strip()), key=len).lower()
    return word if word and word.isascii() else None


def _fold(text: str) -> str:
    # str.translate looks every character up in a dict (about 80 ns each): only
    # call it when one of the three characters it maps is there
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        text = text.translate(_FOLD)
    return text.lower()


class BannedPhrases(Rule):
    """
    ## What it does
    Reports configured phrases — by default marketing fluff such as
    "world-class", "cutting-edge" or "game-changing" — wherever they occur
    in prose: headings, paragraphs, list items, block quotes and table
    cells, not in code. Matching is case-insensitive, on whole words, and a
    space or hyphen in a phrase matches either. `patterns` adds regular
    expressions. Each occurrence is reported at its exact span.

    ## Why is this bad?
    "Tone: professional engineering. No marketing fluff." Superlatives carry
    no information for an engineering reader and make the numbers beside
    them look less trustworthy.

    ## Example
    This fails:
    ```markdown
    Tunix RT has a world-class evaluation harness.
    ```

    Use instead:
    ```markdown
    The evaluation harness scores every run against a fixed judge rubric.
    ```

    ## Options
    - `phrases`: phrases to report (replaces the default list).
    - `extra-phrases`: phrases added to `phrases`.
    - `patterns`: regular expressions to report.
    """

    id = "RL210"
    name = "banned-phrases"
    summary = "No marketing fluff or other banned phrases."
    default_severity = Severity.WARNING
    tags = ("style",)
    _compiled: tuple[re.Pattern[str] | None, tuple[str, ...] | None] | None = None

    @dataclass(frozen=True)
    class Options:
        """The options of `banned-phrases`, documented in the rule's docstring."""

        phrases: tuple[str, ...] = opt(FLUFF, "Banned phrases.")
        extra_phrases: tuple[str, ...] = opt((), "Phrases added to `phrases`.")
        patterns: tuple[str, ...] = opt((), "Banned regular expressions (case-insensitive).")

        def __post_init__(self) -> None:
            for p in self.patterns:
                problem = check_regex(p, re.IGNORECASE)
                if problem:
                    raise ValueError(f"patterns: {problem}")

    def _compile(self) -> tuple[re.Pattern[str] | None, tuple[str, ...] | None]:
        """The phrase pattern and the hint words, built on first use (in ``check``, so
        a pattern that does not combine is this rule's crash, not the run's).

        A case-insensitive alternation that starts with a look-behind is slow to
        scan (about 0.7 µs a character); a substring test on folded text is not.
        Text without any phrase's hint word cannot match, so it is not scanned.
        Free regexes (`patterns`) have no hint: then every text is scanned.
        """
        if self._compiled is None:
            o = self.options
            phrases = [p for p in (*o.phrases, *o.extra_phrases) if p.strip()]
            alts = [_phrase_re(p) for p in phrases] + [f"(?:{p})" for p in o.patterns]
            hints = [_hint(p) for p in phrases]
            self._compiled = (
                re.compile("|".join(alts), re.IGNORECASE) if alts else None,
                None if o.patterns or None in hints
                else tuple(sorted({h for h in hints if h is not None})))
        return self._compiled

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        pattern, hints = self._compile()
        if pattern is None:
            return
        texts = [(prose, prose.masked(_MASK)) for _block, prose in prose_blocks(doc)]
        if hints is not None:
            everything = _fold("\0".join(t for _p, t in texts))
            hints = tuple(h for h in hints if h in everything)
            if not hints:
                return
            texts = [(p, t) for p, t in texts if any(h in _fold(t) for h in hints)]
        for prose, text in texts:
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                yield self.finding(prose.span(m.start(), m.end()),
                                   f'banned phrase "{" ".join(m.group(0).split())}"')


RULES = [BannedPhrases]
