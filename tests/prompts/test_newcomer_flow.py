"""A newcomer's flow, end to end, with the installed command, on a repository unlike tunix-rt.

A team has a prompt for its incident postmortems and one draft. It runs
`reportlint init --from-prompt`, then `reportlint check`, reads the findings,
fixes the draft, and checks again, from inside the repository and from
elsewhere.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.reporters.support import reportlint_exe

PROMPT = """\
# Postmortem prompt

Write the postmortem of the incident in between 20 and 400 words.
Save it as `postmortems/2024-06-outage.md`. Cite facts as `(source: path)`.

## Inputs (must use all)
- `logs/timeline.md`

## Structure
1. **Summary** — one paragraph.
2. **Timeline** — a table with columns: Time, Event.
3. **Action items** — 2–4 bullets.
"""

DRAFT = """\
# June outage

## 1. Summary

The API was down for 42 minutes (source: logs/timeline.md).

## 2. Timeline

| Time | Event |
|---|---|
| 10:02 | Alerts fire |
| 10:44 | Service restored |

## 3. Follow-ups

- Add a canary for the config service.
"""

FIXED = DRAFT.replace("## 3. Follow-ups", "## 3. Action items") + \
    "- Page the owning team, not the platform rota.\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    return subprocess.run([reportlint_exe(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_newcomer_flow(tmp_path: Path) -> None:
    repo = tmp_path / "ops-handbook"
    (repo / ".git").mkdir(parents=True)
    (repo / "logs").mkdir()
    (repo / "logs" / "timeline.md").write_text(
        "# Timeline\n\nThe API was down for 42 minutes, from 10:02 to 10:44.\n")
    (repo / "postmortems").mkdir()
    report = repo / "postmortems" / "2024-06-outage.md"
    report.write_text(DRAFT)
    (repo / "prompt.md").write_text(PROMPT)

    init = _run("init", "--from-prompt", "prompt.md", cwd=repo)
    assert init.returncode == 0, init.stderr
    assert init.stdout.splitlines()[1:] == ["documents (the prompt's output path):",
                                            "  postmortems/2024-06-outage.md"]

    check = _run("check", cwd=repo)
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.splitlines() == [
        'postmortems/2024-06-outage.md:7:1: RL101 [error] missing required section '
        '"## 3. Action items" (expected after "2. Timeline")',
        'postmortems/2024-06-outage.md:14:1: RL101 [error] unexpected heading "3. Follow-ups" '
        "(not in the required template)",
        "Found 2 problems (2 errors) in 1 of 1 file.",
    ], check.stdout
    assert "RL130" not in check.stdout  # the renamed section is RL101's, not a list count

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    outside = _run("check", str(report), cwd=elsewhere)
    assert outside.stdout == _run("check", "postmortems/2024-06-outage.md", cwd=repo).stdout

    report.write_text(FIXED)
    done = _run("check", cwd=repo)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == "No problems in 1 file."
