"""reportlint performance benchmark (issue 6): `make bench`.

Generates deterministic fixtures in a temporary folder, measures everything in
one run (medians of several repeats) and prints the five ratios of issue 6
and the comparison with markdownlint-cli2 of issue 10, with their targets, the
machine, the absolute times, and the outcome and time of the pathological
inputs of issue 5. A script, not a timed test: it is
never part of `make test`. It takes a few minutes on a 2-core machine.

Fixtures (all generated from fixed seeds, so every run lints the same bytes):

- ``sources/``: 12 cited Markdown files of 5-30 KB, with headings, prose,
  lists and tables full of numbers;
- ``typical.md``: an executive summary with the profile's six sections, four
  tables and a Mermaid diagram, about 2,500 prose words and about 40
  ``(source: FILE.md §Section)`` tags whose numbers occur in the cited section;
- ``large.md``: the same kind of report at about 50,000 prose words;
- ``corpus/``: 300 shorter reports (1,200-2,000 words) citing the same sources;
- ``patho/``: the pathological inputs of issue 5.

The configuration is the built-in ``executive-summary`` profile with
``sources.root: sources`` and the generated files as required sources: every
rule runs. Whole-process commands run reportlint installed from the working
tree into a fresh venv (as a user's ``pip install`` does; dependencies from
``.venv/wheelhouse``, no network), with bytecode caching on, and are
interleaved, so the load of a shared machine weighs on both sides of a ratio
alike; CPU-time ratios are printed beside the wall-clock ones.

(f) times ``reportlint check`` and ``markdownlint-cli2`` on the bundled example
report side by side; markdownlint-cli2 is installed with npm into a temporary
folder, and the pair is skipped, with the reason, when npm is not available.

Usage: ``python benchmarks/bench.py [--quick] [--keep DIR] [--skip-patho]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside import child_env, installed_reportlint, measure, npm_tool, time_commands

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "executive-summary" / "docs" / \
    "executive_summary_senior_ai_manager.md"
PATHO_TIMEOUT = 60.0  # seconds; a case that runs longer counts as a hang

# --------------------------------------------------------------------------- fixtures

def _vocabulary(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _vocabulary(
    "pipeline trace dataset model judge score evaluation worker router frontend database "
    "artifact manifest checkpoint optimizer schedule gradient batch shard device runner "
    "regression baseline release milestone audit coverage gate lint build cache queue "
    "latency throughput memory budget rollout review owner contract policy guardrail "
    "validator schema migration index snapshot replay sampler tokenizer adapter config "
    "service endpoint request response retry timeout quota metric dashboard alert "
    "incident runbook backlog roadmap risk effort criterion acceptance decision scope"
)
LINKS = ("the", "a", "each", "every", "this", "our", "that", "its")
VERBS = ("keeps", "tracks", "records", "checks", "feeds", "limits", "covers", "reports",
         "replaces", "extends", "reduces", "supports", "exposes", "validates", "schedules")
GLUE = ("and", "while", "because", "so", "before", "after", "when", "until")
UNITS = ("tests", "traces", "steps", "minutes", "files", "checks", "runs", "findings",
         "examples", "requests", "jobs", "samples")
TOPICS = (
    "Overview", "Architecture", "Data Flow", "Training", "Evaluation", "Judge Calibration",
    "Checkpointing", "Scheduling", "Dataset Curation", "Validation", "Coverage", "CI Gates",
    "Static Analysis", "Security", "Dependencies", "SBOM", "Secrets", "Observability",
    "Metrics", "Alerting", "Incidents", "Runbooks", "Performance", "Latency", "Throughput",
    "Memory", "Cost", "Capacity", "Rollout", "Release Process", "Migrations", "Backups",
    "Reproducibility", "Evidence Lock", "Leaderboard", "Frontend", "API Routers", "Workers",
    "Artifacts", "Storage", "Caching", "Queues", "Retries", "Timeouts", "Quotas", "Tokenizer",
    "Sampling", "Optimizer", "Learning Rate", "Batching", "Sharding", "Devices", "Profiling",
    "Audit Findings", "Remediation", "Risks", "Roadmap", "Open Questions", "Decisions",
    "Glossary",
)
SOURCE_NAMES = ("overview", "architecture", "training", "evaluation", "audit", "security",
                "observability", "ci", "dataset", "roadmap", "runbook", "changelog")
SECTIONS = (
    "0. Executive Snapshot",
    "1. Strategic Vision & Problem Statement",
    "2. System Architecture & Engineering Maturity",
    "3. Training Pipeline (JAX/Flax) & Scalability",
    "4. Quality Guardrails, Audit Findings, and Security Posture",
    "5. Deployment Readiness & Roadmap",
)
WORDS_PER_TAG = 52  # the issue's typical report: ~2,500 words, ~40 tags


@dataclass
class Fact:
    """A section of a source file and the numbers written in it."""

    file: str
    section: str
    numbers: list[str]


@dataclass
class Fixtures:
    root: Path
    typical: Path
    large: Path
    corpus: Path
    corpus_files: int
    sources: list[Path]
    patho: dict[str, Path] = field(default_factory=dict)


def _number(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.randrange(1000, 99999):,}"
    if kind == 1:
        return f"{rng.randrange(10, 999) / 10:.1f}%"
    if kind == 2:
        return f"{rng.randrange(100, 9999) / 100:.2f}"
    return str(rng.randrange(2, 999))


def _sentence(rng: random.Random, lo: int = 10, hi: int = 20) -> str:
    n = rng.randrange(lo, hi)
    out = [rng.choice(LINKS), rng.choice(WORDS), rng.choice(VERBS)]
    while len(out) < n:
        out.append(rng.choice(WORDS) if rng.random() < 0.7 else rng.choice(LINKS + GLUE))
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _source_file(rng: random.Random, name: str, size: int) -> tuple[str, list[Fact]]:
    topics = list(TOPICS)
    rng.shuffle(topics)
    parts = [f"# {name.split('.')[0].replace('_', ' ')}\n\n{_sentence(rng)} {_sentence(rng)}\n"]
    facts: list[Fact] = []
    length = len(parts[0])
    k = 0
    while length < size and k < len(topics):
        title = topics[k]
        k += 1
        level = "##" if k % 4 else "###"
        nums = [_number(rng) for _ in range(6)]
        body = [f"{level} {title}", ""]
        body.append(f"{_sentence(rng)} The {rng.choice(WORDS)} reached {nums[0]} "
                    f"{rng.choice(UNITS)} against {nums[1]} before. {_sentence(rng)}")
        body.append("")
        for n in nums[2:4]:
            body.append(f"- {_sentence(rng, 6, 12)[:-1]}: {n} {rng.choice(UNITS)}.")
        body.append("")
        body.append("| Metric | Value | Note |")
        body.append("|---|---|---|")
        for n in nums[4:]:
            body.append(f"| {rng.choice(WORDS)} {rng.choice(UNITS)} | {n} | "
                        f"{_sentence(rng, 4, 8)} |")
        body.append("")
        body.append(f"{_sentence(rng)} {_sentence(rng)} {_sentence(rng)}")
        text = "\n".join(body) + "\n"
        parts.append(text)
        length += len(text) + 1
        facts.append(Fact(name, title, nums))
    return "\n".join(parts), facts


class ReportWriter:
    """An executive summary that follows the executive-summary profile's contract."""

    def __init__(self, rng: random.Random, facts: list[Fact]) -> None:
        self.rng = rng
        self.facts = facts
        self.words = 0
        self.tags = 0
        self.since_tag = 0

    def sentence(self, lo: int = 10, hi: int = 20) -> str:
        """Prose; about every WORDS_PER_TAG words, a claim with a source tag."""
        if self.since_tag >= WORDS_PER_TAG:
            self.since_tag = 0
            return self.claim()
        s = _sentence(self.rng, lo, hi)
        self.count(s)
        return s

    def claim(self) -> str:
        fact = self.rng.choice(self.facts)
        a, b = self.rng.sample(fact.numbers, 2)
        s = (f"The {self.rng.choice(WORDS)} {self.rng.choice(VERBS)} {a} "
             f"{self.rng.choice(UNITS)} and {b} {self.rng.choice(UNITS)} "
             f"(source: {fact.file} §{fact.section}).")
        self.tags += 1
        self.count(s)
        return s

    def count(self, text: str) -> None:
        n = len(text.split())
        self.words += n
        self.since_tag += n

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randrange(3, 6)))

    def bullets(self, n: int) -> str:
        return "\n".join(f"- {self.sentence(8, 16)}" for _ in range(n))

    def table(self, columns: Sequence[str], rows: Sequence[str], tag_last: bool) -> str:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for first in rows:
            cells = [first]
            for i in range(1, len(columns)):
                if tag_last and i == len(columns) - 1:
                    fact = self.rng.choice(self.facts)
                    cells.append(f"{fact.file} §{fact.section}")
                else:
                    cells.append(" ".join(self.rng.choice(WORDS) for _ in range(3)))
            lines.append("| " + " | ".join(cells) + " |")
        self.count(" ".join(lines))
        return "\n".join(lines)

    def body(self, target: int) -> list[str]:
        out: list[str] = []
        start = self.words
        topics = list(TOPICS)
        self.rng.shuffle(topics)
        k = 0
        while self.words - start < target:
            out.append(f"### {topics[k % len(topics)]}"
                       + (f" {k // len(topics) + 1}" if k >= len(topics) else ""))
            k += 1
            out.append(self.paragraph())
            if k % 3 == 0 and self.words - start < target:
                out.append(self.bullets(self.rng.randrange(3, 6)))
            if self.words - start < target:
                out.append(self.paragraph())
        return out

    def report(self, words: int) -> str:
        out = ["# Project Atlas — Executive Summary", "", self.paragraph(), ""]
        out += [f"## {SECTIONS[0]}", "", self.bullets(6), "", "**Maturity scorecard**", ""]
        out.append(self.table(("Dimension", "Status", "Evidence"),
                              ("CI", "Tests", "Coverage", "Security checks", "Reproducibility",
                               "Dataset readiness"), True))
        share = max(0, (words - self.words - 5 * 60) // 5)  # 60: each section's first paragraph
        for i, title in enumerate(SECTIONS[1:], 1):
            out += ["", f"## {title}", "", self.paragraph()]
            if i == 2:
                out += ["", "```mermaid", "flowchart LR",
                        "  FE[Frontend] --> API[API Routers] --> DB[(Database)]",
                        "  API --> W[Worker] --> A[Artifacts] --> E[Evaluation]",
                        "  E --> LB[Leaderboard]", "```"]
            elif i == 3:
                out += ["", self.table(("Config", "Dataset", "Device", "Steps/Epochs",
                                        "Primary metrics", "Artifacts"),
                                       ("m33_v1", "m34_sweep"), False)]
            elif i == 4:
                out += ["", "**Guardrail Matrix**", "",
                        self.table(("Guardrail", "Mechanism", "What it prevents",
                                    "Where enforced (CI/local)", "Source"),
                                   ("Lint", "Tests", "Coverage", "Secrets"), True)]
            elif i == 5:
                out += ["", "**Next Milestones**", "",
                        self.table(("Milestone", "Objective", "Acceptance criteria", "Risk",
                                    "Est. effort"), ("M34", "M35", "M36"), False)]
            out.append("")
            out += [b + "\n" for b in self.body(share)]
        return "\n".join(out).rstrip() + "\n"


def make_report(seed: int, facts: list[Fact], words: int) -> str:
    """A report of about ``words`` words (``str.split`` words, markup included)."""
    aim = words
    for _ in range(4):  # deterministic: the same seed and aim give the same text
        text = ReportWriter(random.Random(seed), facts).report(aim)
        aim += words - len(text.split())
    return text


def make_fixtures(root: Path, corpus_size: int) -> Fixtures:
    rng = random.Random(20240606)
    src = root / "sources"
    src.mkdir(parents=True)
    facts: list[Fact] = []
    sources: list[Path] = []
    for i, stem in enumerate(SOURCE_NAMES):
        name = f"S{i + 1:02d}_{stem}.md"
        size = (5 + round(25 * i / (len(SOURCE_NAMES) - 1))) * 1024
        text, file_facts = _source_file(random.Random(1000 + i), name, size)
        (src / name).write_text(text, encoding="utf-8")
        facts += file_facts
        sources.append(src / name)
    (root / ".reportlint.yml").write_text(
        "extends: executive-summary\nsources:\n  root: sources\nrules:\n"
        "  required-sources:\n    required: [S01_overview.md, S02_architecture.md]\n"
        "    optional: ['S1*.md']\n", encoding="utf-8")
    typical = root / "typical.md"
    # words of text; about 5 in 6 are prose words as reportlint counts them (no tables, tags)
    typical.write_text(make_report(1, facts, 2_900), encoding="utf-8")
    large = root / "large.md"
    large.write_text(make_report(2, facts, 60_000), encoding="utf-8")
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(corpus_size):
        text = make_report(100 + i, facts, rng.randrange(1_200, 2_000))
        (corpus / f"report_{i:03d}.md").write_text(text, encoding="utf-8")
    fx = Fixtures(root, typical, large, corpus, corpus_size, sources)
    fx.patho = make_pathological(root / "patho", facts, typical.read_text(encoding="utf-8"))
    return fx


def make_pathological(folder: Path, facts: list[Fact], typical: str) -> dict[str, Path]:
    """The inputs of issue 5 §2 that must complete or end with an RL905 notice."""
    folder.mkdir()
    rng = random.Random(5)
    cases: dict[str, str] = {}
    reps = 10 * 1024 * 1024 // len(typical.encode()) + 1
    cases["10 MB report"] = typical * reps
    cols = 10_000
    cases["table, 10,000 columns"] = "\n".join((
        "# Wide", "",
        "| " + " | ".join(f"c{i}" for i in range(cols)) + " |",
        "|" + "---|" * cols,
        *("| " + " | ".join(str(rng.randrange(1000)) for _ in range(cols)) + " |"
          for _ in range(3)), ""))
    line: list[str] = []
    size = 0
    while size < 1024 * 1024:
        w = rng.choice(WORDS) if rng.random() < 0.95 else _number(rng)
        line.append(w)
        size += len(w) + 1
    cases["1 MB single line"] = " ".join(line) + "\n"
    paras = []
    for i in range(10_000):
        fact = facts[i % len(facts)]
        paras.append(f"Metric {rng.choice(WORDS)} is {fact.numbers[i % 6]} "
                     f"(source: {fact.file} §{fact.section}).")
    cases["10,000 source tags"] = "# Tags\n\n" + "\n\n".join(
        " ".join(paras[i:i + 5]) for i in range(0, len(paras), 5)) + "\n"
    cases["'> ' x 30 + 'a'"] = "> " * 30 + "a\n"
    cases["'[' x 10,000 + 'a' + ']' x 10,000"] = "[" * 10_000 + "a" + "]" * 10_000 + "\n"
    cases["'[a](' x 10,000"] = "[a](" * 10_000 + "\n"
    out = {}
    for i, (label, text) in enumerate(cases.items()):
        path = folder / f"case{i}.md"
        path.write_text(text, encoding="utf-8")
        out[label] = path
    return out


# --------------------------------------------------------------------------- timing
# (measure, time_commands and npm_tool live in sidebyside.py, for other benchmarks too)


def reportlint_cmd() -> list[str]:
    exe = BIN / "reportlint"
    return [str(exe)] if exe.exists() else [str(BIN / "python"), "-m", "reportlint"]


def run_process(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=child_env())
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n"
                         f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc


def check_help() -> str:
    return subprocess.run([*reportlint_cmd(), "check", "--help"], capture_output=True,
                          text=True, timeout=60, env=child_env()).stdout


# --------------------------------------------------------------------------- measures


@dataclass
class Ratio:
    key: str
    label: str
    value: float | None
    target: float
    detail: str
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        return "PASS" if self.value <= self.target else "FAIL"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


def words_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split())


def prose_words(path: Path) -> int:
    """Words as RL201 counts them (prose only: no tables, code or source tags)."""
    from reportlint.document import Document
    from reportlint.words import WordCounter

    return WordCounter().document(Document(path.read_text(encoding="utf-8"))).prose


def in_process(fx: Fixtures, repeats: int) -> tuple[Ratio, Ratio]:
    """(a) and (d): lint with every rule vs a bare marko GFM parse, in this process."""
    import marko

    from reportlint.config import load_config
    from reportlint.engine import Run, lint_text

    cfg, registry = load_config(fx.root / ".reportlint.yml", cwd=fx.root)
    run = Run.create(cfg, registry, fx.root)
    parser = marko.Markdown(extensions=["gfm"])
    typical = fx.typical.read_text(encoding="utf-8")
    large = fx.large.read_text(encoding="utf-8")

    def lint(text: str, name: str, cold: bool) -> Callable[[], object]:
        def go() -> object:
            if cold:
                run.shared.clear()  # a run indexes its cited files once: count that
            result = lint_text(run, text, name)
            fatal = [f for f in result.findings if f.rule_id in ("RL903", "RL904", "RL905")]
            if fatal:
                raise SystemExit(f"bench: {name}: {fatal[0].message}")
            return result
        return go

    s = measure({"parse": lambda: parser.parse(typical),
                 "cold": lint(typical, "typical.md", True),
                 "warm": lint(typical, "typical.md", False)}, repeats)
    lint_text(run, large, "large.md")  # sources indexed: (d) compares the reports alone
    big = measure({"large": lint(large, "large.md", False),
                   "typical": lint(typical, "typical.md", False)}, max(3, repeats // 4))
    w_typ, w_large = words_of(fx.typical), words_of(fx.large)
    per_typ, per_large = big["typical"].wall / w_typ, big["large"].wall / w_large
    a = Ratio("a", "in-process lint, every rule / bare marko GFM parse",
              s["cold"].wall / s["parse"].wall, 1.3,
              f"{ms(s['cold'].wall)} / {ms(s['parse'].wall)} (CPU time: "
              f"{s['cold'].cpu / s['parse'].cpu:.2f})",
              [f"rules: {' '.join(r.id for r, _s in run.rules)}",
               f"with the {len(fx.sources)} cited files already indexed (a warm run): "
               f"{ms(s['warm'].wall)}, ratio {s['warm'].wall / s['parse'].wall:.2f}"])
    d = Ratio("d", "per-word cost, large / typical report", per_large / per_typ, 1.2,
              f"{per_large * 1e6:.1f} / {per_typ * 1e6:.1f} µs a word",
              [f"{ms(big['large'].wall)} for {w_large:,} words, {ms(big['typical'].wall)} for "
               f"{w_typ:,} (cited files indexed beforehand, so a fixed cost does not hide "
               "growth)"])
    return a, d


def whole_process(fx: Fixtures, repeats: int, help_text: str) -> tuple[Ratio, Ratio]:
    """(b) and (c): `reportlint check` as a user runs it, vs python + marko."""
    rel = fx.typical.name
    bare = [str(BIN / "python"), "-c",
            "import sys, marko; marko.Markdown(extensions=['gfm']).parse("
            "open(sys.argv[1], encoding='utf-8').read())", rel]
    text_cmd = [*reportlint_cmd(), "check", "--format", "text", rel]
    sarif = fx.root / "out.sarif"
    sarif_cmd = [*reportlint_cmd(), "check", "--format", "text", "-o", f"sarif:{sarif}", rel]
    has_sarif = "sarif" in help_text
    fns: dict[str, Callable[[], object]] = {
        "bare": lambda: run_process(bare, fx.root),
        "text": lambda: run_process(text_cmd, fx.root)}
    if has_sarif:
        fns["sarif"] = lambda: run_process(sarif_cmd, fx.root)
    s = measure(fns, repeats, warmup=2)
    notes: list[str] = []
    b = Ratio("b", "whole-process `reportlint check` (text) / python+marko parse",
              s["text"].wall / s["bare"].wall, 1.5,
              f"{ms(s['text'].wall)} / {ms(s['bare'].wall)} (CPU time: "
              f"{s['text'].cpu / s['bare'].cpu:.2f})", notes)
    if not has_sarif or not sarif.exists():
        return b, Ratio("c", "whole-process with SARIF output / text only", None, 1.3,
                        "n/a (no sarif format)")
    c = Ratio("c", "whole-process with SARIF output / text only",
              s["sarif"].wall / s["text"].wall, 1.3,
              f"{ms(s['sarif'].wall)} / {ms(s['text'].wall)} (CPU time: "
              f"{s['sarif'].cpu / s['text'].cpu:.2f})")
    return b, c


def corpus(fx: Fixtures, repeats: int, help_text: str) -> Ratio:
    """(e): the corpus with two jobs / with one."""
    label = f"corpus of {fx.corpus_files} reports, --jobs 2 / --jobs 1"
    outputs: dict[int, object] = {}
    if "--jobs" in help_text:
        def cli(jobs: int) -> Callable[[], object]:
            def go() -> object:
                proc = run_process([*reportlint_cmd(), "check", "--jobs", str(jobs),
                                    "--format", "json", fx.corpus.name], fx.root)
                outputs[jobs] = json.loads(proc.stdout)["findings"]
                return proc
            return go

        s = measure({"1": cli(1), "2": cli(2)}, repeats, warmup=0)
        how = "whole process: `reportlint check --jobs N corpus`"
    else:
        from reportlint.config import load_config
        from reportlint.engine import Run, lint_paths

        cfg, registry = load_config(fx.root / ".reportlint.yml", cwd=fx.root)

        def engine(jobs: int) -> Callable[[], object]:
            def go() -> object:
                run = Run.create(cfg, registry, fx.root)  # fresh run-wide caches
                results = lint_paths(run, [str(fx.corpus)], jobs=jobs, keep_documents=False)
                outputs[jobs] = [(r.path, r.findings) for r in results]
                return results
            return go

        s = measure({"1": engine(1), "2": engine(2)}, repeats, warmup=0)
        how = "in process: engine.lint_paths(jobs=N) (no --jobs option yet)"
    same = outputs.get(1) == outputs.get(2)
    return Ratio("e", label, s["2"].wall / s["1"].wall, 0.6,
                 f"{ms(s['2'].wall)} / {ms(s['1'].wall)}",
                 [f"{how}; identical output with 1 and 2 jobs: {'yes' if same else 'NO'}",
                  f"CPU time, all processes: {s['2'].cpu:.2f} s / {s['1'].cpu:.2f} s = "
                  f"{s['2'].cpu / s['1'].cpu:.2f} (the work two jobs add; the rest of the "
                  "gap to 0.5 is cores the machine did not give)"])


def versus_markdownlint(repeats: int) -> Ratio:
    """(f): `reportlint check` on the bundled example / markdownlint-cli2 on the same file."""
    label = "whole-process `reportlint check` / markdownlint-cli2, bundled example"
    rel = str(EXAMPLE.relative_to(REPO))
    with tempfile.TemporaryDirectory(prefix="reportlint-npm-") as tmp:
        tool, version = npm_tool("markdownlint-cli2", Path(tmp))
        if tool is None:
            print(f"(f) skipped: {version}", flush=True)
            return Ratio("f", label, None, 0.6, f"skipped: {version}")
        # the repository's .reportlint.yml: every rule, citations resolved in the example
        s = time_commands({"reportlint": [*reportlint_cmd(), "check", "--format", "text", rel],
                           "markdownlint": [*tool, rel]}, REPO, repeats, env=child_env())
    return Ratio("f", label, s["reportlint"].wall / s["markdownlint"].wall, 0.6,
                 f"{ms(s['reportlint'].wall)} / {ms(s['markdownlint'].wall)} (CPU time: "
                 f"{s['reportlint'].cpu / s['markdownlint'].cpu:.2f})",
                 [f"markdownlint-cli2 {version} (npm, default rules) and reportlint with the "
                  f"repository's configuration, both on {rel}, interleaved"])


@dataclass
class Outcome:
    label: str
    size: int
    seconds: float
    outcome: str
    ok: bool


def pathological(fx: Fixtures) -> list[Outcome]:
    out = []
    for label, path in fx.patho.items():
        cmd = [*reportlint_cmd(), "check", "--format", "json", "--fail-on", "never",
               str(path.relative_to(fx.root))]
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=fx.root, capture_output=True, text=True,
                                  timeout=PATHO_TIMEOUT, env=child_env())
        except subprocess.TimeoutExpired:
            out.append(Outcome(label, path.stat().st_size, time.perf_counter() - t0,
                               f"HANG (killed after {PATHO_TIMEOUT:g} s)", False))
            continue
        seconds = time.perf_counter() - t0
        out.append(Outcome(label, path.stat().st_size, seconds, *_judge(proc)))
    return out


def _judge(proc: subprocess.CompletedProcess[str]) -> tuple[str, bool]:
    if "Traceback" in proc.stderr:
        return "TRACEBACK: " + proc.stderr.strip().splitlines()[-1][:120], False
    try:
        findings = json.loads(proc.stdout)["findings"]
    except (ValueError, KeyError):
        return f"exit {proc.returncode}, no JSON: {proc.stderr.strip()[:120]}", False
    limit = [f for f in findings if f["rule_id"] == "RL905"]
    if limit:
        message = limit[0]["message"].split(": not linted: ")[-1]
        return f"RL905: {message[:110]}", True
    crashed = [f for f in findings if f["rule_id"] in ("RL903", "RL904")]
    if crashed:
        return f"{crashed[0]['rule_id']}: {crashed[0]['message'][:110]}", False
    return f"completed, {len(findings)} findings", True


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    try:
        from importlib.metadata import version

        marko_version = version("marko")
    except Exception:
        marko_version = "?"
    return (f"{os.cpu_count()} CPUs ({usable} usable){', ' + cpu if cpu else ''}; "
            f"{platform.python_implementation()} {platform.python_version()}; "
            f"marko {marko_version}; {platform.system()} {platform.release()}")


def load() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    ap.add_argument("--keep", metavar="DIR", help="generate the fixtures into DIR and keep them")
    ap.add_argument("--skip-patho", action="store_true", help="skip the pathological inputs")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    scale = 3 if args.quick else 1
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    if args.keep and folder.exists():
        shutil.rmtree(folder)
    try:
        print(f"reportlint benchmark — {machine()}; {load()}", flush=True)
        fx = make_fixtures(folder, 300)
        typ = fx.typical.read_text(encoding="utf-8")
        print(f"fixtures in {folder}: typical report {prose_words(fx.typical):,} prose words "
              f"({words_of(fx.typical):,} with tables and tags), "
              f"{typ.count('(source:')} source tags, {len(typ.encode()) / 1024:.1f} KB; "
              f"large {prose_words(fx.large):,} prose words, "
              f"{fx.large.stat().st_size / 1024:.0f} KB; "
              f"corpus {fx.corpus_files} reports, "
              f"{sum(p.stat().st_size for p in fx.corpus.iterdir()) / 1024:,.0f} KB; "
              f"{len(fx.sources)} cited files of "
              f"{min(p.stat().st_size for p in fx.sources) / 1024:.0f}–"
              f"{max(p.stat().st_size for p in fx.sources) / 1024:.0f} KB", flush=True)
        global BIN
        BIN, how = installed_reportlint(folder)
        print(f"measured: {how}", flush=True)
        help_text = check_help()
        a, d = in_process(fx, max(5, 15 // scale))
        b, c = whole_process(fx, max(3, 11 // scale), help_text)
        e = corpus(fx, max(1, 3 // scale), help_text)
        f = versus_markdownlint(max(3, 11 // scale))
        ratios = [a, b, c, d, e, f]
        print(f"\nmedians of interleaved repeats, wall-clock; {load()}")
        print(f"    {'ratio':<62}{'value':>6}  {'target':<8}{'result':<7}times")
        for r in ratios:
            value = f"{r.value:.2f}" if r.value is not None else "n/a"
            print(f"({r.key}) {r.label:<62}{value:>6}  ≤ {r.target:<6}{r.verdict:<7}{r.detail}")
            for note in r.notes:
                print(f"{'':8}{note}")
        missed = [f"({r.key})" for r in ratios if r.verdict == "FAIL"]
        if not args.skip_patho:
            print("\npathological inputs (issue 5): each must complete or end with RL905")
            outcomes = pathological(fx)
            for o in outcomes:
                print(f"  {o.label:<36}{o.size / 1024:>9,.0f} KB {ms(o.seconds):>11}  "
                      f"{'ok  ' if o.ok else 'FAIL'} {o.outcome}")
            missed += [o.label for o in outcomes if not o.ok]
        met = sum(r.verdict == "PASS" for r in ratios)
        skipped = [f"({r.key})" for r in ratios if r.verdict == "n/a"]
        print(f"\n{met}/{len(ratios) - len(skipped)} ratios meet their target"
              + (f" ({', '.join(skipped)} skipped)" if skipped else "")
              + (f"; missed: {', '.join(missed)}" if missed else "; every target met")
              + f" ({time.perf_counter() - started:.0f} s)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
