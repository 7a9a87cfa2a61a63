"""Fast paths of the text rules find exactly what the plain scans find.

RL210 and RL211 skip text that cannot match (a substring test instead of a
slow case-insensitive regex scan); RL307 finds a label's number by bisection
instead of trying every number of the claim. Each test compares the rule with
the straightforward implementation on generated text full of near misses:
case variants, the letters re.IGNORECASE folds specially (ſ, ı, İ), comments
inside placeholders, code spans and URLs.
"""

from __future__ import annotations

import importlib
import random
import re
import time
from pathlib import Path

import pytest

from reportlint.document import Document
from reportlint.headings import prose_blocks
from reportlint.rule import Context
from reportlint.span import Span

rl210 = importlib.import_module("reportlint.rules.rl210_banned_phrases")
rl211 = importlib.import_module("reportlint.rules.rl211_placeholders")
rl307 = importlib.import_module("reportlint.rules.rl307_metric_conflict")

TOKENS = [
    "World", "-class", " class", "WORLD-CLASS", "ſeamleſs", "seamleſs", "İndustry-leading",
    "ındustry", "game", " changer", "Lorem", " ipsum", "LOREM IPSUM", "lorem ipſum",
    "lorem<!-- c -->ipsum", "TODO", "todo", "TBD", "FIXME", "XXX", "(source: )",
    "(Sources: TBD)", "(ſource: ?)", "(source:<!-- x -->)", "[citation needed]",
    "[Insert number]", "{{slot}}", "<insert x>", "???", "??", " ", "\n", "- ", "`code TODO`",
    "http://world-class.com", "**", "_", "é", "—", "§", "|", "magical", "x", "1", ".", "(", ")",
]


def ctx() -> Context:
    return Context(Path("."), "x.md")


def plain_banned(rule: object, doc: Document) -> list[tuple[Span, str]]:
    o = rule.options  # type: ignore[attr-defined]
    alts = [rl210._phrase_re(p) for p in (*o.phrases, *o.extra_phrases) if p.strip()]
    alts += [f"(?:{p})" for p in o.patterns]
    pattern = re.compile("|".join(alts), re.IGNORECASE)
    return [(prose.span(m.start(), m.end()), " ".join(m.group(0).split()))
            for _b, prose in prose_blocks(doc)
            for m in pattern.finditer(prose.masked(frozenset({"code", "url", "html"})))
            if m.end() > m.start()]


def plain_placeholders(rule: object, doc: Document) -> list[tuple[Span, str]]:
    o = rule.options  # type: ignore[attr-defined]
    pattern = re.compile("|".join(f"(?:{p})" for p in o.patterns))
    out = []
    for _b, prose in prose_blocks(doc):
        text = rl211._COMMENT_RE.sub(lambda m: " " * len(m.group(0)),
                                     prose.masked(frozenset({"code", "url"})))
        out += [(prose.span(m.start(), m.end()), " ".join(m.group(0).split()))
                for m in pattern.finditer(text) if m.end() > m.start()]
    return out


@pytest.mark.parametrize("seed", range(2))
def test_text_rules_find_what_a_full_scan_finds(seed: int) -> None:
    rng = random.Random(seed)
    checks = [(rl210.BannedPhrases(), plain_banned),
              (rl211.Placeholders(), plain_placeholders)]
    found = 0
    for _ in range(500):
        doc = Document("".join(rng.choice(TOKENS) for _ in range(rng.randrange(1, 40))))
        for rule, plain in checks:
            got = [(f.span, f.message.split('"')[1]) for f in rule.check(doc, ctx())]
            assert got == plain(rule, doc)
            found += len(got)
    assert found > 500  # the generator does produce matches


@pytest.mark.parametrize(("rule", "text", "match"), [
    ("RL210", "A ſeamleſs rollout.", "ſeamleſs"),
    ("RL210", "An İndustry-leading harness.", "İndustry-leading"),
    ("RL210", "A WORLD CLASS team.", "WORLD CLASS"),
    ("RL211", "Coverage is 81% (source:<!-- later -->).", "(source: )"),
    ("RL211", "Lorem ipſum dolor.", "Lorem ipſum"),
])
def test_folded_letters_and_comments_are_still_found(rule: str, text: str, match: str) -> None:
    check = rl210.BannedPhrases() if rule == "RL210" else rl211.Placeholders()
    messages = [f.message for f in check.check(Document(text), ctx())]
    assert len(messages) == 1 and match in messages[0]


def test_metric_labels_find_their_number_in_one_long_sentence() -> None:
    # thousands of labels and numbers in one claim: each label used to try every number,
    # slicing the text each time (cubic: 4,000 pairs took two minutes, this one longer)
    text = "- " + " ".join(f"the routers count {i} and {i + 1} endpoints" for i in
                           range(1, 5_000)) + "\n"
    doc = Document(text)
    started = time.perf_counter()
    findings = list(rl307.MetricConflict().check(doc, ctx()))
    assert time.perf_counter() - started < 10  # about 0.3 s
    assert findings and all(f.rule_id == "RL307" for f in findings)


METRIC_WORDS = ["backend", "Backend", "BACKEND", "tests", "test", "Tests", "routers", "Router",
                "line", "coverage", "Coverage", "is", "at", "of", "reached", "e2e", "E2E",
                "end-to-end", "type-ignore", "comments", "judge", "score", "ſcore", "İ", "K",
                "1,318", "84.2%", "12", "3.5", "→", "was", "|", ";", "(", ")", ",", ".", " "]


@pytest.mark.parametrize("seed", range(3))
def test_metric_mentions_skip_only_texts_without_a_label(seed: int) -> None:
    """RL307 returns early when no label's first four letters are in the folded text;
    with a label that every text passes (an empty first part matches no word), the
    full search must find the same mentions."""
    from reportlint.evidence import scan_numbers

    rng = random.Random(seed)
    rule = rl307.MetricConflict()
    labels = [[rl307._stem(w) for w in rl307._WORD_RE.findall(m)]
              for m in rule.options.metrics]
    found = 0
    for _ in range(400):
        text = " ".join(rng.choice(METRIC_WORDS) for _ in range(rng.randrange(1, 16)))
        line = rl307._Line(text, tuple(t for t in scan_numbers(text) if t.hard))
        got = rule._mentions(line, 0, labels)
        assert got == rule._mentions(line, 0, [*labels, [""]])
        found += len(got)
    assert found > 50
