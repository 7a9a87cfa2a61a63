"""Evidence benchmark (issue 11): a realistic repository, side by side in one run.

Generates, from a fixed seed, in a temporary folder:

- ``repo/``: a repository of 2,600 files: 300 CI logs of about 90 KB each
  (27 MB; build logs are not evidence and are never searched), 1,300 JSON
  metric files and 1,000 Markdown notes, plus a ``.gitignore``;
- ``repo/docs/report.md``: a typical report citing 12 of those files (Markdown
  sections, JSON keys, log lines), about 40 hard claims, two of them wrong (a
  number not in its source, found elsewhere; an unsourced claim);
- ``numbers.md``: one line of 40,000 numbers under one tag;
- ``claims.md``: a report of 20,000 sourced claims.

Measures, as whole processes (medians of several interleaved runs, reportlint
installed from the working tree into a fresh venv as a user's ``pip install``
does, bytecode caching on):

- ``reportlint check`` on the typical report, with every evidence rule on;
- ``markdownlint-cli2`` on the same file (installed with npm into a
  temporary folder; skipped with a message when npm is unavailable);
- a bare ``python`` + ``marko`` parse of the same file;
- ``reportlint check`` on the 40,000-numbers line and the 20,000-claims report.

Targets: reportlint ≤ 0.5× markdownlint-cli2, ≤ 2.5× the bare parse, the
pathological inputs under 10 s (or an RL905 notice). A script, never a test.

Usage: ``python benchmarks/evidence_bench.py [--repeats N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from sidebyside import child_env, installed_reportlint, time_commands  # noqa: E402

CONFIG = """\
rules:
  RL301: {}
  RL302: {}
  RL303: {}
  RL304: {}
  RL305: {}
  RL306: {}
  RL307: {}
"""


def make_repo(root: Path, seed: int = 11) -> Path:
    rng = random.Random(seed)
    (root / ".git").mkdir(parents=True)
    (root / ".gitignore").write_text("build/\n*.tmp\n")
    logs = root / "ci" / "logs"
    logs.mkdir(parents=True)
    for i in range(300):
        lines = [f"[{j:05d}] job {i} step {j % 40} ok in {rng.randint(1, 900)} ms, "
                 f"{rng.randint(1, 5000)} tests, cache {rng.randint(1, 999)} MB"
                 for j in range(1500)]
        (logs / f"run-{i:04d}.log").write_text("\n".join(lines) + "\n")
    metrics = root / "metrics"
    for i in range(1300):
        d = metrics / f"batch{i // 100:02d}"
        d.mkdir(parents=True, exist_ok=True)
        data = {"run": i, "loss": round(rng.uniform(0.05, 3), 4),
                "accuracy": round(rng.uniform(50, 99), 2), "steps": rng.randint(100, 90000),
                "latency_ms": {"p50": rng.randint(5, 90), "p99": rng.randint(90, 900)}}
        (d / f"run-{i:04d}.json").write_text(json.dumps(data, indent=2) + "\n")
    notes = root / "docs" / "notes"
    for i in range(1000):
        d = notes / f"area{i // 100:02d}"
        d.mkdir(parents=True, exist_ok=True)
        body = [f"# Note {i}", ""]
        for s in range(6):
            body += [f"## Section {s}", ""]
            body += [f"Service {s} handled {rng.randint(100, 99999):,} requests with "
                     f"{rng.randint(1, 99)}% cache hits over {rng.randint(2, 60)} minutes."
                     for _ in range(4)]
            body.append("")
        (d / f"note-{i:04d}.md").write_text("\n".join(body))
    return root


def make_report(root: Path) -> Path:
    """A report citing 12 files, with numbers taken from them (two planted defects)."""
    claims = []
    cited = []
    for k in range(6):
        path = f"docs/notes/area0{k}/note-0{k}0{k}.md"
        text = (root / path).read_text().split("\n")
        line = next(x for x in text if x.startswith("Service 2 handled"))
        words = line.split()
        claims.append(f"- Service 2 handled {words[3]} requests with {words[5]} cache hits "
                      f"(source: {path} §Section 2).")
        cited.append(path)
    for k in range(4):
        path = f"metrics/batch0{k}/run-0{k}1{k}.json"
        data = json.loads((root / path).read_text())
        claims.append(f"- Run {data['run']} reached {data['accuracy']}% accuracy after "
                      f"{data['steps']:,} steps; p99 latency was {data['latency_ms']['p99']} ms "
                      f"(source: {path}).")
        cited.append(path)
    for k in range(2):
        path = f"ci/logs/run-00{k}7.log"
        line = (root / path).read_text().split("\n")[41]
        n = line.split(" in ")[1].split()[0]
        claims.append(f"- In that run, step one finished in {n} ms (source: {path}:42).")
        cited.append(path)
    claims.append(f"- The same job also finished in 99,999 ms (source: {cited[0]} §Section 1).")
    claims.append("- The platform served 1,234,567 requests last quarter.")
    prose = ("The platform team shipped the quarter's plan. This report summarises what the "
             "cited notes, metrics and CI logs say, and nothing else. ") * 6
    text = "\n".join(["# Quarterly engineering report", "", "## Summary", "", prose, "",
                      "## Evidence", "", *claims, "", "## Next steps", "", prose, ""])
    report = root / "docs" / "report.md"
    report.write_text(text)
    return report


def make_patho(folder: Path) -> tuple[Path, Path]:
    (folder / "src.md").write_text("# Src\n\n" + " ".join(str(i) for i in range(0, 200, 7))
                                   + "\n")
    numbers = folder / "numbers.md"
    numbers.write_text("# N\n\n" + " ".join(str(i * 3 + 1) for i in range(40_000))
                       + " (source: src.md)\n")
    claims = folder / "claims.md"
    claims.write_text("# C\n\n" + "".join(f"- Job {i} ran {i % 97 + 1} tests (source: src.md)\n"
                                          for i in range(20_000)))
    (folder / ".reportlint.yml").write_text(CONFIG)
    return numbers, claims


def timed(cmd: list[str], cwd: Path,
          repeats: int) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Median wall-clock of ``repeats`` runs of one command (the long inputs)."""
    times = []
    last = None
    for _ in range(repeats):
        t = time.perf_counter()
        last = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False,
                              env=child_env())
        times.append(time.perf_counter() - t)
    assert last is not None
    return statistics.median(times), last


def markdownlint(tmp: Path) -> list[str] | None:
    npm = shutil.which("npm")
    if npm is None:
        print("markdownlint-cli2: skipped (npm is not available)")
        return None
    prefix = tmp / "npm"
    r = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                        str(prefix), "markdownlint-cli2"], capture_output=True, text=True,
                       check=False)
    binary = prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    if r.returncode != 0 or not binary.exists():
        print(f"markdownlint-cli2: skipped (npm install failed: {r.stderr.strip()[:200]})")
        return None
    return [str(binary)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reportlint-evbench-"))
    try:
        repo = make_repo(tmp / "repo")
        make_report(repo)
        (repo / ".reportlint.yml").write_text(CONFIG)
        patho = tmp / "patho"  # a repository of its own: the inputs alone are measured
        (patho / ".git").mkdir(parents=True)
        numbers, claims = make_patho(patho)
        files = sum(1 for _ in repo.rglob("*") if _.is_file())
        size = sum(p.stat().st_size for p in repo.rglob("*") if p.is_file())
        logs = sum(p.stat().st_size for p in (repo / "ci").rglob("*.log"))
        print(f"repository: {files:,} files, {size / 1e6:.1f} MB ({logs / 1e6:.1f} MB of CI "
              "logs); the report cites 12 of them")
        bindir, how = installed_reportlint(tmp)
        print(f"measured: {how}")
        exe = str(bindir / "reportlint")
        rl = [exe, "check", "docs/report.md"]
        out = subprocess.run(rl, cwd=repo, capture_output=True, text=True, check=False,
                             env=child_env())
        bare = [str(bindir / "python"), "-c",
                "import marko, sys; marko.parse(open(sys.argv[1]).read())", "docs/report.md"]
        commands = {"reportlint": rl, "start-up": [*rl, "--select", "RL120"], "bare": bare}
        mdl = markdownlint(tmp)
        if mdl is not None:
            commands["markdownlint"] = [*mdl, "docs/report.md"]
        s = time_commands(commands, repo, args.repeats, env=child_env())
        t_rl = s["reportlint"].wall
        print(f"reportlint check:          {t_rl * 1000:7.0f} ms  (exit {out.returncode}; "
              f"medians of {args.repeats} interleaved runs)")
        for line in out.stdout.splitlines():
            print(f"    {line}")
        print(f"  of which start-up:       {s['start-up'].wall * 1000:7.0f} ms  (the same check "
              "with one non-evidence rule: the evidence layer costs the difference)")
        t_bare = s["bare"].wall
        print(f"python + marko parse:      {t_bare * 1000:7.0f} ms  -> ratio "
              f"{t_rl / t_bare:.2f} (target <= 2.5)")
        if mdl is not None:
            t_mdl = s["markdownlint"].wall
            print(f"markdownlint-cli2:         {t_mdl * 1000:7.0f} ms  -> ratio "
                  f"{t_rl / t_mdl:.2f} (target <= 0.5)")
        for name, path in (("40,000 numbers on a line", numbers), ("20,000 claims", claims)):
            t, r = timed([exe, "check", path.name], patho, 1)
            notices = [ln for ln in r.stdout.splitlines() if "RL905" in ln or "RL903" in ln]
            print(f"{name + ':':26} {t:7.2f} s   (exit {r.returncode}; target < 10 s or "
                  f"RL905){' ' + notices[0] if notices else ''}")
        if args.keep:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
