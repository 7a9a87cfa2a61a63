"""The built-in executive-summary profile catches each contract defect with the right rule.

A small report that meets every contract rule of the profile (except its
length) is broken in exactly one way per case; the rule that owns the defect
must report it once, at the right line. Only the contract rules (RL1xx,
RL2xx) run: the evidence rules need cited files and are tested elsewhere.
A short report is also below the profile's word budget, so RL201 (and, in
principle, RL202) may fire besides the rule under test, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportlint.config import load_config
from reportlint.engine import Run, lint_text
from reportlint.finding import Finding
from reportlint.testing import render_findings

LENGTH_RULES = {"RL201", "RL202"}

BASE = """\
# Tunix RT — Executive Summary

## 0. Executive Snapshot (½ page, before Page 1)

- What it is: a reasoning-trace platform with a closed training loop.
- What is proven: the rehearsal run trained and was scored end to end.
- Why it is credible: tests and coverage gates run on every change.
- How it was reviewed: two audits, with their findings closed.
- What comes next: a tuning sweep and judge calibration.

**Maturity scorecard**

| Dimension | Status |
|---|---|
| CI | Green |
| Tests | Broad |
| Coverage | Gated |
| Security checks | In place |
| Reproducibility | Locked |
| Dataset readiness | Partial |

## 1. Strategic Vision & Problem Statement (Page 1)

Trace quality, not model size, is the binding constraint.

## 2. System Architecture & Engineering Maturity (Page 2)

The platform is one loop from the browser to the leaderboard.

```mermaid
flowchart LR
  FE[Frontend] --> API[API Routers]
  API --> DB[(PostgreSQL DB)]
  API --> W[Worker]
  W --> ART[Artifacts]
  ART --> EV[Evaluation]
  EV --> LB[Leaderboard]
```

## 3. Training Pipeline (JAX/Flax) & Scalability (Page 3)

### Configuration

| Config | Dataset | Device | Steps/Epochs | Primary metrics | Artifacts |
|---|---|---|---|---|---|
| m33_v1 | golden-v2 | TPU | steps | judge score | checkpoints |

## 4. Quality Guardrails, Audit Findings, and Security Posture (Page 4)

### Guardrail Matrix

| Guardrail | Mechanism | What it prevents | Where enforced (CI/local) | Source |
|---|---|---|---|---|
| Lint | ruff | style drift | CI | M31_audit.md |

### Audit Scorecard

The audit rated every area.

### Known Risks / Residual Gaps

- Single-host training. Mitigation: sharding tests in M37.
- The judge is uncalibrated; calibration is scheduled for M35.

## 5. Deployment Readiness & Roadmap (Page 5)

### Next Milestones

| Milestone | Objective | Acceptance criteria | Risk | Est. effort |
|---|---|---|---|---|
| M34 | Tuning sweep | beats the baseline | Low | one week |
| M35 | Judge calibration | agreement measured | Medium | two weeks |
| M36 | Dataset curation | larger curated set | Medium | a month |
"""


def section(text: str, number: int) -> str:
    """The text of the `## <number>.` section, up to the next `## ` heading."""
    start = text.index(f"\n## {number}. ") + 1
    nxt = text.find("\n## ", start)
    return text[start:] if nxt == -1 else text[start:nxt + 1]


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line that starts with `needle`."""
    hits = [i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith(needle)]
    return hits[occurrence - 1]


def drop_section_3(t: str) -> str:
    return t.replace(section(t, 3), "")


def swap_sections_2_and_3(t: str) -> str:
    s2, s3 = section(t, 2), section(t, 3)
    return t.replace(s2 + s3, s3 + s2)


def h4_heading(t: str) -> str:
    return t.replace("### Guardrail Matrix", "#### Guardrail Matrix")


def second_mermaid(t: str) -> str:
    diagram = t[t.index("```mermaid"):t.index("```\n", t.index("```mermaid") + 3) + 4]
    return t.replace(diagram, diagram + "\nThe same loop, again:\n\n" + diagram)


def no_leaderboard_node(t: str) -> str:
    return t.replace("  EV --> LB[Leaderboard]\n", "")


def guardrails_without_source(t: str) -> str:
    return (t.replace(" | Where enforced (CI/local) | Source |", " | Where enforced (CI/local) |")
             .replace("|---|---|---|---|---|\n| Lint", "|---|---|---|---|\n| Lint")
             .replace(" | CI | M31_audit.md |", " | CI |"))


def eight_bullets(t: str) -> str:
    extra = ("- Who runs it: one platform team.\n- Where it runs: Kaggle and local GPUs.\n"
             "- What it costs: one accelerator per run.\n")
    return t.replace("- What comes next: a tuning sweep and judge calibration.\n",
                     "- What comes next: a tuning sweep and judge calibration.\n" + extra)


def six_milestones(t: str) -> str:
    row = "| M36 | Dataset curation | larger curated set | Medium | a month |\n"
    extra = "".join(f"| M{n} | More | more | Low | a day |\n" for n in (37, 38, 39))
    return t.replace(row, row + extra)


def no_audit_scorecard(t: str) -> str:
    return t.replace("### Audit Scorecard\n\nThe audit rated every area.\n\n", "")


def risk_without_mitigation(t: str) -> str:
    return t.replace("- The judge is uncalibrated; calibration is scheduled for M35.",
                     "- The judge is uncalibrated.")


def five_tables(t: str) -> str:
    return t + "\n| Risk | Owner |\n|---|---|\n| Judge drift | ML lead |\n"


# (defect, rule that owns it, where it must be reported: (needle, occurrence) in the broken text)
DEFECTS: list[tuple[Callable[[str], str], str, tuple[str, int]]] = [
    (drop_section_3, "RL101", ("## 4. Quality Guardrails", 1)),
    (swap_sections_2_and_3, "RL101", ("## 2. System Architecture", 1)),
    (h4_heading, "RL102", ("#### Guardrail Matrix", 1)),
    (second_mermaid, "RL120", ("```mermaid", 2)),
    (no_leaderboard_node, "RL121", ("```mermaid", 1)),
    (guardrails_without_source, "RL111", ("| Guardrail | Mechanism |", 1)),
    (eight_bullets, "RL130", ("- ", 8)),
    (five_tables, "RL110", ("| Risk | Owner |", 1)),
    (six_milestones, "RL111", ("| M39 ", 1)),
    (no_audit_scorecard, "RL140", ("## 4. Quality Guardrails", 1)),
    (risk_without_mitigation, "RL140", ("- The judge is uncalibrated.", 1)),
]


@pytest.fixture(scope="module")
def profile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    cwd = tmp_path_factory.mktemp("profile")
    cfg, registry = load_config(profile="executive-summary", cwd=cwd)
    run = Run.create(cfg, registry, cwd)
    run.rules = [(rule, sev) for rule, sev in run.rules if rule.id.startswith(("RL1", "RL2"))]
    assert {rule.id for rule, _sev in run.rules} >= {
        "RL101", "RL102", "RL110", "RL111", "RL120", "RL121", "RL130", "RL201", "RL202"}
    return run


def lint(run: Run, text: str) -> list[Finding]:
    return lint_text(run, text, "report.md").findings


def test_profile_options_are_the_contract(profile_run: Run) -> None:
    options = {rule.id: rule.options for rule, _sev in profile_run.rules}
    assert len(options["RL101"].headings) == 6
    assert options["RL101"].levels == (2,)
    assert options["RL102"].levels == (2, 3)
    assert (options["RL110"].min, options["RL110"].max) == (2, 4)
    assert (options["RL120"].min, options["RL120"].max) == (1, 1)
    assert (options["RL201"].min, options["RL201"].max) == (2200, 2700)
    snapshot = options["RL130"].sections[0]
    assert (snapshot.min, snapshot.max) == (5, 7)


def test_base_report_meets_the_contract(profile_run: Run) -> None:
    findings = lint(profile_run, BASE)
    assert {f.rule_id for f in findings} <= LENGTH_RULES, render_findings(findings)
    # the base is short on purpose: the word-count rule must say so
    assert [f.rule_id for f in findings] == ["RL201"], render_findings(findings)


@pytest.mark.parametrize(("defect", "rule", "where"), DEFECTS,
                         ids=[d[0].__name__ for d in DEFECTS])
def test_single_defect_is_reported_by_its_rule(profile_run: Run, defect: Callable[[str], str],
                                               rule: str, where: tuple[str, int]) -> None:
    text = defect(BASE)
    assert text != BASE, "the defect did not change the report"
    findings = lint(profile_run, text)
    mine = [(f.rule_id, f.line) for f in findings if f.rule_id == rule]
    assert mine == [(rule, line_of(text, *where))], render_findings(findings)


COLLATERAL_XFAIL: dict[str, pytest.MarkDecorator] = {}


@pytest.mark.parametrize(
    "defect", [pytest.param(d, id=d.__name__, marks=COLLATERAL_XFAIL.get(d.__name__, ()))
               for d, _r, _w in DEFECTS])
def test_single_defect_fires_no_other_contract_rule(profile_run: Run,
                                                    defect: Callable[[str], str]) -> None:
    rule = next(r for d, r, _w in DEFECTS if d is defect)
    findings = lint(profile_run, defect(BASE))
    others = {f.rule_id for f in findings if f.rule_id != rule}
    assert others <= LENGTH_RULES, render_findings(findings)


def test_profile_loads_without_a_config_file(tmp_path: Path) -> None:
    cfg, _registry = load_config(profile="executive-summary", cwd=tmp_path)
    assert cfg.rules["RL101"].enabled
    assert cfg.rules["RL101"].options.levels == (2,)
