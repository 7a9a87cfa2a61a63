"""The project's own files under attack: configs, outputs, links, pipes and CI channels.

A pull request controls the tree reportlint runs in: its configuration, the
files named as reports, baselines and outputs, and the names of all of them.
Each case builds such a tree in a fresh project, runs the installed command,
and returns what it observed as one line; ``test_hostile_cases.py`` asserts it
word for word, and ``docs/robustness.md`` renders this table. Outside files
live beside the project (``folder.parent``); a case that reads or writes one
says so in its observed line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.robustness.more_cases import Check, forged

EXE = str(Path(sys.executable).parent / "reportlint")
REPORT = "## Intro\n\nA world-class tool.\n"
SECRET = "root:x:0:0:SECRET-7d1c:/root:/bin/bash\ndaemon:x:1:1:SECOND-LINE:/usr/sbin\n"
ENV = {"PATH": "/usr/bin:/bin"}


def _cli(folder: Path, *args: str, env: dict[str, str] | None = None,
         timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], cwd=folder, capture_output=True, text=True,
                          timeout=timeout, env={**ENV, **(env or {})})


def _line(r: subprocess.CompletedProcess[str]) -> str:
    """``exit N: stderr`` — stderr must be one line, without a traceback or a secret."""
    err = r.stderr.strip()
    assert "Traceback" not in r.stderr, r.stderr
    assert "SECRET" not in r.stdout + r.stderr and "SECOND-LINE" not in r.stderr, r.stderr
    assert "\n" not in err, err
    return f"exit {r.returncode}: {err}"


def _outside(folder: Path, name: str = "outside.txt", text: str = SECRET) -> Path:
    path = folder.parent / name
    path.write_text(text)
    return path


def _report(folder: Path) -> None:
    (folder / "r.md").write_text(REPORT)


# ------------------------------------------------------------------------- writes


def _write_target(make: Callable[[Path], Path], flag: str,
                  command: tuple[str, ...] = ("check", "r.md", "--select", "RL210")
                  ) -> Callable[[Path], str]:
    """Run with ``flag TARGET`` (TARGET made by ``make``); report the message and whether
    anything outside the project changed."""
    def run(folder: Path) -> str:
        _report(folder)
        outside = _outside(folder)
        target = make(folder)
        r = _cli(folder, *command, flag, target.name)
        kept = "unchanged" if outside.read_text() == SECRET else "CHANGED"
        what = ("still a link" if target.is_symlink() else
                "still not a regular file" if target.exists() and not target.is_file()
                else "a regular file" if target.is_file() else "absent")
        return f"{_line(r)}; outside file {kept}; target {what}"
    return run


def _link_to_outside(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).symlink_to(folder.parent / "outside.txt")
        return folder / name
    return make


def _link_to(name: str, target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        (folder / name).symlink_to(target)
        return folder / name
    return make


def _fifo(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        os.mkfifo(folder / name)
        return folder / name
    return make


def _device(name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        # a character device like /dev/null, made in the project (root may mknod)
        os.mknod(folder / name, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return folder / name
    return make


def _init_over_link(folder: Path) -> str:
    outside = _outside(folder)
    (folder / ".reportlint.yml").symlink_to(outside)
    r = _cli(folder, "init", "--force")
    kept = "unchanged" if outside.read_text() == SECRET else "CHANGED"
    return f"{_line(r)}; outside file {kept}"


def _docs_over_link(folder: Path) -> str:
    outside = _outside(folder)
    (folder / "pages").mkdir()
    (folder / "pages" / "README.md").symlink_to(outside)
    r = _cli(folder, "docs", "--out", "pages")
    kept = "unchanged" if outside.read_text() == SECRET else "CHANGED"
    return f"exit {r.returncode}: {r.stderr.strip()}; outside file {kept}"


def _output_through_linked_folder(folder: Path) -> str:
    _report(folder)
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    (folder / "reports").symlink_to(elsewhere)
    r = _cli(folder, "check", "r.md", "--select", "RL210", "-o", "json:reports/out.json")
    return f"{_line(r)}; files written outside: {len(list(elsewhere.iterdir()))}"


def _stale_temporary(folder: Path) -> str:
    _report(folder)
    stale = folder / ".out.json.0123456789ab.tmp"
    stale.write_text("half a file from a killed run")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = folder / ".out.json.ba9876543210.tmp"  # a concurrent run's: left alone
    fresh.write_text("being written")
    r = _cli(folder, "check", "r.md", "--select", "RL210", "-o", "json:out.json")
    left = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    return f"exit {r.returncode}; temporary files left: {left}"


def _summary(make: Callable[[Path], Path]) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        _report(folder)
        outside = _outside(folder)
        target = make(folder)
        r = _cli(folder, "check", "r.md", "--select", "RL210", "-f", "github",
                 env={"GITHUB_STEP_SUMMARY": target.name}, timeout=20)
        assert forged(r.stdout, r.stderr) == [], (r.stdout, r.stderr)
        kept = "unchanged" if outside.read_text() == SECRET else "CHANGED"
        said = " ".join(line for line in r.stderr.splitlines() if not line.startswith("::"))
        return f"exit {r.returncode}: {said}; outside file {kept}"
    return run


def _planted_cache(folder: Path) -> str:
    """A cache folder from reportlint 0.1 planted by a pull request, links and all."""
    _report(folder)
    outside = _outside(folder)
    elsewhere = folder.parent / "cache-elsewhere"
    elsewhere.mkdir()
    cache = folder / ".reportlint_cache"
    cache.mkdir()
    (cache / "CACHEDIR.TAG").symlink_to(outside)
    (cache / "patterns").symlink_to(elsewhere)
    (cache / "v1").mkdir()
    (cache / "v1" / "entry.json").write_text('{"poisoned": true}')

    def snapshot() -> list[tuple[str, float, int]]:
        return sorted((str(p.relative_to(folder)), p.lstat().st_mtime, p.lstat().st_size)
                      for p in cache.rglob("*"))

    before = snapshot()
    codes = []
    for extra in ((), ("--no-cache",), ("--cache-dir", ".reportlint_cache")):
        r = _cli(folder, "check", "r.md", "--select", "RL210", *extra)
        codes.append(r.returncode)
    touched = snapshot() != before or outside.read_text() != SECRET or any(elsewhere.iterdir())
    return f"exits {codes}; cache folder touched: {touched}"


# ------------------------------------------------------------------------- reads


def _config(text: str | bytes, args: tuple[str, ...] = ("check", "r.md"),
            name: str = ".reportlint.yml", report: str = REPORT,
            timeout: float = 30) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
        (folder / "r.md").write_text(report)
        return _line(_cli(folder, *args, timeout=timeout))
    return run


def _config_link_outside(folder: Path) -> str:
    (folder / ".reportlint.yml").symlink_to(_outside(folder, "passwd"))
    _report(folder)
    return _line(_cli(folder, "check", "r.md"))


def _extends_outside(folder: Path) -> str:
    (folder / ".reportlint.yml").write_text("extends: /etc/passwd\n")
    _report(folder)
    r = _cli(folder, "check", "r.md")
    assert "root:" not in r.stderr, r.stderr
    return _line(r)


def _findings(folder: Path, *args: str, timeout: float = 30) -> str:
    r = _cli(folder, "check", *args, "--select", "RL210", "-f", "json", timeout=timeout)
    assert "Traceback" not in r.stderr, r.stderr
    data = json.loads(r.stdout)
    assert "SECRET" not in r.stdout
    rows = [f"{f['rule_id']} {f['message']}" for f in data["findings"]]
    return _up(f"exit {r.returncode}: " + "; ".join(rows))


def _up(text: str) -> str:
    """``../../../dev/zero`` as ``…/dev/zero``: the depth of the temporary folder varies."""
    return re.sub(r"(?:\.\./)+", "…/", text)


def _report_link_outside(folder: Path) -> str:
    (folder / "leak.md").symlink_to(_outside(folder, "outside.md", "## S\n\nworld-class "
                                             "SECRET\n"))
    return _findings(folder, "leak.md")


def _report_link_loop(folder: Path) -> str:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    _report(folder)
    return _findings(folder, ".")


def _report_dev_zero(folder: Path) -> str:
    (folder / "zero.md").symlink_to("/dev/zero")
    _report(folder)
    return _findings(folder, "zero.md", "r.md", timeout=20)


def _report_device_named(folder: Path) -> str:
    return _findings(folder, "/dev/zero", timeout=20)


def _report_fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.md")
    _report(folder)
    return _findings(folder, ".", timeout=20)


def _init_fifo_report(folder: Path) -> str:
    os.mkfifo(folder / "pipe.md")
    (folder / "r.md").write_text("Latency is 42 ms (source: perf.md).\n")
    r = _cli(folder, "init", timeout=20)
    assert "Traceback" not in r.stderr, r.stderr
    return f"exit {r.returncode}: " + " / ".join(r.stdout.strip().splitlines())


def _init_fifo_prompt(folder: Path) -> str:
    os.mkfifo(folder / "prompt.md")
    return _line(_cli(folder, "init", "--from-prompt", "prompt.md", timeout=20))


def _documents_outside(folder: Path) -> str:
    (folder / ".reportlint.yml").write_text("documents: [/etc/passwd, r.md]\n")
    _report(folder)
    r = _cli(folder, "check", "--select", "RL210", "-f", "json")
    data = json.loads(r.stdout)
    rows = sorted({f"{f['path']}: {f['rule_id']}" for f in data["findings"]})
    assert "root:" not in r.stdout
    return _up(f"exit {r.returncode}: " + ", ".join(rows))


def _sources_root_cli(folder: Path) -> str:
    (folder / ".reportlint.yml").write_text("sources:\n  root: ..\n")
    _report(folder)
    r = _cli(folder, "check", "r.md", "--select", "RL210", "--sources-root", "..")
    return f"exit {r.returncode}"


# ------------------------------------------------------------------------- hangs


def _alias_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _deep_yaml() -> str:
    return "rules:\n  word-count: " + "[" * 250 + "]" * 250 + "\n"


def _extends_chain(folder: Path) -> str:
    for i in range(500):
        (folder / f"c{i}.yml").write_text(f"extends: c{i + 1}.yml\n" if i < 499 else "{}\n")
    (folder / ".reportlint.yml").write_text("extends: c0.yml\n")
    _report(folder)
    return _line(_cli(folder, "check", "r.md"))


def _fifo_option(option: str) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        os.mkfifo(folder / "pipe.json")
        _report(folder)
        return _line(_cli(folder, "check", "r.md", option, "pipe.json", timeout=20))
    return run


def _deep_baseline(folder: Path) -> str:
    (folder / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    _report(folder)
    return _line(_cli(folder, "check", "r.md", "--baseline", "base.json"))


def _stdout_full(folder: Path) -> str:
    _report(folder)
    with open("/dev/full", "w") as full:
        r = subprocess.run([EXE, "check", "r.md", "--select", "RL210"], cwd=folder,
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=30, env=ENV)
    assert "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    return f"exit {r.returncode}: {r.stderr.strip()}"


# ------------------------------------------------------------------------- CI channels


def _github_stderr(setup: Callable[[Path], tuple[str, ...]]) -> Callable[[Path], str]:
    """Run with --format github; report the exit and what the runner would take as
    commands on standard error."""
    def run(folder: Path) -> str:
        _report(folder)
        args = setup(folder)
        r = _cli(folder, "check", *args, "-f", "github")
        assert "Traceback" not in r.stderr, r.stderr
        bad = forged(r.stdout, r.stderr)
        names = sorted({line.split("::")[1].split(" ")[0] for line in r.stderr.splitlines()
                        if line.startswith("::")})
        return f"exit {r.returncode}: stderr commands {names}; forged {len(bad)}"
    return run


def _text_forged_name(folder: Path) -> str:
    """Text output (not --format github) inside GitHub Actions, of a report whose file
    name starts with ``::``: no line may start a workflow command."""
    (folder / "::error file=r.md::forged.md").write_text(REPORT)
    r = _cli(folder, "check", ".", "--select", "RL210", "-f", "text",
             env={"GITHUB_ACTIONS": "true"})
    starts = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.lstrip().startswith("::")]
    return f"exit {r.returncode}: lines starting with '::': {len(starts)}; " \
        f"{r.stdout.splitlines()[0]}"


def _extends_newline(folder: Path) -> tuple[str, ...]:
    (folder / ".reportlint.yml").write_text(
        'extends: "base\\n::error file=r.md,line=1::forged.yml"\n')
    return ("r.md",)


def _rules_dir_name(folder: Path) -> tuple[str, ...]:
    lint = folder / "lint"
    lint.mkdir()
    (lint / "x\n::error file=r.md::forged.py").write_text("def f(:\n")
    (folder / ".reportlint.yml").write_text("rules_dirs: [lint]\n")
    return ("r.md", "--allow-local-rules")


def _config_file_name(folder: Path) -> tuple[str, ...]:
    name = "c\n::warning file=r.md::forged.yml"
    (folder / name).write_text("rule: {}\n")
    return ("r.md", "--config", name)


def _text_marks(folder: Path) -> str:
    marks = "\u200e\u200f\u061c\u2028\u2029"
    name = f"r{marks}.md"  # the path is printed with every finding
    (folder / name).write_text(REPORT)
    r = _cli(folder, "check", name, "--select", "RL210")
    assert "world-class" in r.stdout, r.stdout
    left = [f"U+{ord(c):04X}" for c in marks if c in r.stdout]
    return f"exit {r.returncode}: marks left in the text output: {left}"


CHECKS: list[Check] = [
    # writes
    Check("output-link-outside", "`-o json:out.json` where `out.json` is a symbolic link to "
          "a file outside the project", "", _write_target(_link_to_outside("out.json"), "-o")),
    Check("output-proc-fd", "`--sarif-file` naming a symbolic link to `/proc/self/fd/1`", "",
          _write_target(_link_to("out.sarif", "/proc/self/fd/1"), "--sarif-file")),
    Check("output-device", "`-o` naming a character device (made with mknod in the project)",
          "", _write_target(_device("out.txt"), "-o")),
    Check("output-fifo", "`--write-baseline` naming a named pipe", "",
          _write_target(_fifo("base.json"), "--write-baseline")),
    Check("output-linked-folder", "`-o json:reports/out.json` where `reports` is a symbolic "
          "link to a folder outside the project", "", _output_through_linked_folder),
    Check("write-baseline-link", "`--write-baseline` naming a symbolic link to a file "
          "outside", "", _write_target(_link_to_outside("base.json"), "--write-baseline")),
    Check("init-over-link", "`init --force` where `.reportlint.yml` is a symbolic link to a "
          "file outside", "", _init_over_link),
    Check("docs-over-link", "`docs --out pages` where `pages/README.md` is a symbolic link "
          "to a file outside", "", _docs_over_link),
    Check("stale-temporary", "a temporary file of `out.json` an hour old (a killed run) and "
          "a fresh one (a concurrent run)", "", _stale_temporary),
    Check("summary-fifo", "`GITHUB_STEP_SUMMARY` naming a named pipe", "",
          _summary(_fifo("summary.md"))),
    Check("summary-link", "`GITHUB_STEP_SUMMARY` naming a symbolic link to a file outside",
          "", _summary(_link_to_outside("summary.md"))),
    Check("planted-cache", "a `.reportlint_cache/` whose `CACHEDIR.TAG` links to a file "
          "outside and whose `patterns` links to a folder outside; run plain, with "
          "`--no-cache` and with `--cache-dir`", "", _planted_cache),
    # reads
    Check("extends-etc-passwd", "`extends: /etc/passwd`", "",
          _extends_outside),
    Check("config-link-outside", "`.reportlint.yml` is a symbolic link to a passwd-like "
          "file outside", "", _config_link_outside),
    Check("config-plain-text", "a `.reportlint.yml` holding two lines of text (it parses "
          "as one string)", "", _config(SECRET.replace(":", " "))),
    Check("sources-root-outside", "`sources: {root: /}` in the configuration", "",
          _config("sources:\n  root: /\n")),
    Check("sources-root-option", "`sources.root: ..` in the configuration, with "
          "`--sources-root ..` on the command line (the documented way)", "",
          _sources_root_cli),
    Check("report-link-outside", "a report that is a symbolic link to a file outside", "",
          _report_link_outside),
    Check("report-link-loop", "two reports linking to each other, and a good one", "",
          _report_link_loop),
    Check("report-dev-zero", "a report that is a symbolic link to `/dev/zero`, and a good "
          "one", "", _report_dev_zero),
    Check("report-device", "`/dev/zero` named on the command line", "", _report_device_named),
    Check("report-fifo", "a named pipe `pipe.md` in the linted folder", "", _report_fifo),
    Check("documents-outside", "`documents: [/etc/passwd, r.md]`", "", _documents_outside),
    Check("init-fifo-report", "`init` in a tree holding a named pipe `pipe.md` beside a "
          "report", "", _init_fifo_report),
    Check("init-fifo-prompt", "`init --from-prompt` naming a named pipe", "",
          _init_fifo_prompt),
    # hangs and blow-ups
    Check("config-alias-bomb", "a 350-byte YAML alias bomb (9 levels of 9 aliases)", "",
          _config(_alias_bomb(), timeout=20)),
    Check("config-alias-loop", "an alias inside its own anchor (`x: &a [*a]`)", "",
          _config("x: &a [1, *a]\n")),
    Check("config-too-large", "a 2 MB `.reportlint.yml`", "",
          _config("rules: {}\n" + "# padding\n" * 200_000)),
    Check("config-deep-yaml", "a rule option nested 250 levels deep", "",
          _config(_deep_yaml())),
    Check("extends-chain", "an `extends` chain of 500 files", "", _extends_chain),
    Check("config-fifo", "`--config` naming a named pipe", "", _fifo_option("--config")),
    Check("baseline-fifo", "`--baseline` naming a named pipe", "", _fifo_option("--baseline")),
    Check("baseline-deep-json", "`--baseline` holding JSON nested 100,000 levels", "",
          _deep_baseline),
    Check("parse-seconds-inf", "`limits.parse-seconds: .inf`", "",
          _config("limits:\n  parse-seconds: .inf\n")),
    Check("parse-seconds-nan", "`limits.parse-seconds: .nan`", "",
          _config("limits:\n  parse-seconds: .nan\n")),
    Check("regex-nested-quantifier", "`banned-phrases: {patterns: ['(a+)+$']}` and a report "
          "line of 40 `a`s and a `!`", "",
          _config("rules:\n  banned-phrases:\n    patterns: ['(a+)+$']\n",
                  ("check", "r.md", "--select", "RL210"), report="## A\n\n" + "a" * 40 + "!\n",
                  timeout=20)),
    # tracebacks
    Check("pyproject-tool-string", "`--config pyproject.toml` holding `tool = \"x\"`", "",
          _config('tool = "x"\n', ("check", "r.md", "--config", "pyproject.toml"),
                  "pyproject.toml")),
    Check("pyproject-tool-int", "`--config pyproject.toml` holding `tool = {reportlint = 5}`",
          "", _config("tool = {reportlint = 5}\n", ("check", "r.md", "--config",
                                                    "pyproject.toml"), "pyproject.toml")),
    Check("pyproject-array", "a `pyproject.toml` with `[[tool.reportlint]]`", "",
          _config("[[tool.reportlint]]\nrules = {}\n", name="pyproject.toml")),
    Check("pyproject-not-utf8", "a `pyproject.toml` with `[tool.reportlint]` in Latin-1", "",
          _config(b"[tool.reportlint]\n# caf\xe9\n", name="pyproject.toml")),
    Check("config-dev-zero", "`--config /dev/zero`", "",
          _config("{}\n", ("check", "r.md", "--config", "/dev/zero"), "unused.yml",
                  timeout=20)),
    Check("stdout-dev-full", "standard output redirected to `/dev/full`", "", _stdout_full),
    # CI channels
    Check("text-forged-file-name", "text output inside GitHub Actions of a report named "
          "`::error file=r.md::forged.md`", "", _text_forged_name),
    Check("github-extends-newline", "an `extends:` value with a newline and `::error "
          "file=…::`, with `--format github`", "", _github_stderr(_extends_newline)),
    Check("github-rules-dir-name", "a `rules_dirs` module whose file name holds a newline "
          "and `::error`, with `--format github`", "", _github_stderr(_rules_dir_name)),
    Check("github-config-name", "a config file whose own name holds a newline and "
          "`::warning`, with `--format github`", "", _github_stderr(_config_file_name)),
    Check("text-bidi-marks", "a report whose file name holds U+200E, U+200F, U+061C, U+2028 "
          "and U+2029 (printed with each finding)", "", _text_marks),
]


#: what each case shows, word for word (the test asserts it; the table prints it)
OUTCOMES: dict[str, str] = {
    "output-link-outside":
        "exit 2: cannot write out.json: it is a symbolic link; reportlint writes "
        "only regular files (remove the link or name its target); outside file "
        "unchanged; target still a link",
    "output-proc-fd":
        "exit 2: cannot write out.sarif: it is a symbolic link; reportlint writes "
        "only regular files (remove the link or name its target); outside file "
        "unchanged; target still a link",
    "output-device":
        "exit 2: cannot write out.txt: not a regular file (a character device); "
        "reportlint writes only regular files; outside file unchanged; target "
        "still not a regular file",
    "output-fifo":
        "exit 2: cannot write base.json: not a regular file (a named pipe); "
        "reportlint writes only regular files; outside file unchanged; target "
        "still not a regular file",
    "output-linked-folder":
        "exit 2: cannot write reports/out.json: a symbolic link on the way leads "
        "outside the project; files written outside: 0",
    "write-baseline-link":
        "exit 2: cannot write base.json: it is a symbolic link; reportlint writes "
        "only regular files (remove the link or name its target); outside file "
        "unchanged; target still a link",
    "init-over-link":
        "exit 2: cannot write .reportlint.yml: it is a symbolic link; reportlint "
        "writes only regular files (remove the link or name its target); outside "
        "file unchanged",
    "docs-over-link":
        "exit 2: cannot write pages/README.md: it is a symbolic link; reportlint "
        "writes only regular files (remove the link or name its target); outside "
        "file unchanged",
    "stale-temporary":
        "exit 0; temporary files left: ['.out.json.ba9876543210.tmp']",
    "summary-fifo":
        "exit 0: reportlint: warning: cannot write the job summary to summary.md: "
        "not a regular file (a named pipe); outside file unchanged",
    "summary-link":
        "exit 0: reportlint: warning: cannot write the job summary to summary.md: "
        "not a regular file (a symbolic link); outside file unchanged",
    "planted-cache":
        "exits [0, 0, 0]; cache folder touched: False",
    "extends-etc-passwd":
        "exit 2: .reportlint.yml:1: extends: '/etc/passwd' is outside the project "
        "and not a .yml or .yaml file; not read",
    "config-link-outside":
        "exit 2: .reportlint.yml: is a symbolic link to a file outside the "
        "project that is not a .yml or .yaml file; not read",
    "config-plain-text":
        "exit 2: .reportlint.yml:1: expected a mapping at the top level, got a "
        "string",
    "sources-root-outside":
        "exit 2: .reportlint.yml:2: sources.root: / is outside the project; pass "
        "--sources-root on the command line to read sources there",
    "sources-root-option":
        "exit 0",
    "report-link-outside":
        "exit 2: RL904 leak.md: a symbolic link that leads outside the project "
        "and the sources root; not read",
    "report-link-loop":
        "exit 2: RL904 a.md: a symbolic link loop (or a chain of too many links); "
        "not read; RL904 b.md: a symbolic link loop (or a chain of too many "
        'links); not read; RL210 banned phrase "world-class"',
    "report-dev-zero":
        'exit 2: RL210 banned phrase "world-class"; RL904 zero.md: a symbolic '
        "link that leads outside the project and the sources root; not read",
    "report-device":
        "exit 2: RL904 zero: not a regular file (a character device); not read",
    "text-forged-file-name":
        "exit 0: lines starting with '::': 0; ./::error file=r.md::forged.md:3:3: RL210 "
        "[warning] banned phrase \"world-class\"",
    "init-fifo-report":
        "exit 0: wrote .reportlint.yml: profile sourced-report (source tags and placeholders) "
        "/ documents (Markdown files with source tags): /   r.md",
    "init-fifo-prompt":
        "exit 2: prompt.md: cannot read the prompt: not a regular file (a named pipe)",
    "report-fifo":
        "exit 2: RL904 pipe.md: not a regular file (a named pipe); not read; "
        'RL210 banned phrase "world-class"',
    "documents-outside":
        "exit 2: …/etc/passwd: RL904, r.md: RL210",
    "config-alias-bomb":
        "exit 2: .reportlint.yml:6: invalid YAML, column 4: aliases expand to "
        "more than 100,000 values",
    "config-alias-loop":
        "exit 2: .reportlint.yml:1: invalid YAML, column 4: an alias refers to "
        "the value that contains it",
    "config-too-large":
        "exit 2: .reportlint.yml: 2,000,010 bytes; a configuration file may hold "
        "at most 1,000,000",
    "config-deep-yaml":
        "exit 2: .reportlint.yml:2: invalid YAML, column 63: nested deeper than "
        "50 levels",
    "extends-chain":
        "exit 2: c30.yml:1: extends: a chain of more than 32 files",
    "config-fifo":
        "exit 2: pipe.json: not a regular file (a named pipe); not read",
    "baseline-fifo":
        "exit 2: baseline pipe.json: not a regular file (a named pipe); not read",
    "baseline-deep-json":
        "exit 2: baseline base.json: not a reportlint baseline (JSON nested too "
        "deep)",
    "parse-seconds-inf":
        "exit 2: .reportlint.yml:2: limits: parse-seconds must be a number of "
        "seconds from 0 to 3600, got inf",
    "parse-seconds-nan":
        "exit 2: .reportlint.yml:2: limits: parse-seconds must be a number of "
        "seconds from 0 to 3600, got nan",
    "regex-nested-quantifier":
        "exit 2: .reportlint.yml:2: rules.banned-phrases: patterns: regular "
        "expression '(a+)+$' repeats a part that itself repeats (a nested "
        "quantifier such as (a+)+), which can take exponential time; rewrite it "
        "without the nesting",
    "pyproject-tool-string":
        "exit 2: pyproject.toml:1: tool: expected a table, got a string",
    "pyproject-tool-int":
        "exit 2: pyproject.toml:1: tool.reportlint: expected a table, got an "
        "integer",
    "pyproject-array":
        "exit 2: pyproject.toml:1: tool.reportlint: expected a table, got a list",
    "pyproject-not-utf8":
        "exit 2: pyproject.toml: not UTF-8 (byte offset 23)",
    "config-dev-zero":
        "exit 2: /dev/zero: not a regular file (a character device); not read",
    "stdout-dev-full":
        "exit 2: cannot write to standard output: No space left on device",
    "github-extends-newline":
        "exit 2: stderr commands ['error']; forged 0",
    "github-rules-dir-name":
        "exit 2: stderr commands ['error']; forged 0",
    "github-config-name":
        "exit 2: stderr commands ['error']; forged 0",
    "text-bidi-marks":
        "exit 0: marks left in the text output: []",
}

CHECKS = [dataclasses.replace(c, outcome=OUTCOMES[c.id]) for c in CHECKS]
