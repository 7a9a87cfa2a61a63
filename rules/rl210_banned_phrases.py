from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import Context, Document, Finding, Rule, Severity, opt, prose_blocks

FLUFF = (
    "world-class", "best-in-class", "cutting-edge", "bleeding-edge", "game-changing",
    "game changer", "revolutionary", "groundbreaking", "unparalleled", "unprecedented",
    "next-generation", "seamless", "seamlessly", "blazing fast", "blazingly fast",
    "supercharge", "synergy", "industry-leading", "mission-critical excellence",
    "rock-solid", "bulletproof", "effortless", "effortlessly", "magical",
)


def _phrase_re(phrase: str) -> str:
    # a hyphen or a space in a phrase matches either ("world class" = "world-class")
    parts = [re.escape(p) for p in re.split(r"[\s-]+", phrase.strip())]
    return r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])"


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

    @dataclass(frozen=True)
    class Options:
        phrases: tuple[str, ...] = opt(FLUFF, "Banned phrases.")
        extra_phrases: tuple[str, ...] = opt((), "Phrases added to `phrases`.")
        patterns: tuple[str, ...] = opt((), "Banned regular expressions (case-insensitive).")

        def __post_init__(self) -> None:
            for p in self.patterns:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise ValueError(f"patterns: invalid regular expression {p!r}: {exc}"
                                     ) from None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        o = self.options
        alts = [_phrase_re(p) for p in (*o.phrases, *o.extra_phrases) if p.strip()]
        alts += [f"(?:{p})" for p in o.patterns]
        if not alts:
            return
        pattern = re.compile("|".join(alts), re.IGNORECASE)
        for _block, prose in prose_blocks(doc):
            text = prose.masked(frozenset({"code", "url", "html"}))
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                yield self.finding(prose.span(m.start(), m.end()),
                                   f'banned phrase "{" ".join(m.group(0).split())}"')


RULES = [BannedPhrases]
