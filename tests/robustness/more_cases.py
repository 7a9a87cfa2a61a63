"""Bad configuration, confinement and output injection: the cases and what they show.

Each case runs the installed command in a fresh project and returns the observed
outcome as one line; the test asserts it equals ``outcome`` word for word, and
``docs/robustness.md`` renders this table.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlint.registry import NO_PLUGINS_ENV

EXE = str(Path(sys.executable).parent / "reportlint")
REPORT = "## Intro\n\nA world-class tool.\n"


@dataclass(frozen=True)
class Check:
    id: str
    input: str
    outcome: str  # the observed result, word for word
    run: Callable[[Path], str]


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], cwd=folder, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", NO_PLUGINS_ENV: "1"})


def _config_error(config: str, extra: dict[str, str] | None = None,
                  args: tuple[str, ...] = ()) -> Callable[[Path], str]:
    def run(folder: Path) -> str:
        (folder / ".reportlint.yml").write_text(config)
        for name, text in (extra or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        (folder / "r.md").write_text(REPORT)
        r = _cli(folder, "check", "r.md", *args)
        assert "Traceback" not in r.stderr and r.stdout == "", (r.stdout, r.stderr)
        return f"exit {r.returncode}: {r.stderr.strip()}"
    return run


def _outside(folder: Path) -> str:
    outside = folder.parent / f"{folder.name}-outside.md"
    outside.write_text("## Secret\n\nThe secret number is 987654.\n")
    (folder / "link.md").symlink_to(outside)
    (folder / "r.md").write_text(
        "## A\n\n- Revenue was 987654 (source: ../" + outside.name + ").\n"
        "- Revenue was 987654 (source: link.md).\n"
        "- Revenue was 987654 (source: /etc/hostname).\n")
    r = _cli(folder, "check", "r.md", "--select", "RL303,RL306,RL302", "-f", "json")
    data = json.loads(r.stdout)
    assert "secret" not in r.stdout.lower()
    rows = sorted({(f["rule_id"], f["line"]) for f in data["findings"]})
    return f"exit {r.returncode}: " + ", ".join(f"{rule} at line {line}" for rule, line in rows)


def runner_view(text: str) -> tuple[list[str], list[str]]:
    """(commands, bare lines) as the Actions runner reads ``text``: lines split at CR and
    LF, a command is ``::`` after leading whitespace, nothing inside a
    ``::stop-commands::TOKEN`` … ``::TOKEN::`` block is processed."""
    commands: list[str] = []
    bare: list[str] = []
    token = None
    for line in re.split(r"\r\n|\r|\n", text.rstrip("\n")):
        trimmed = line.strip()
        if token is not None:
            if trimmed == f"::{token}::":
                token = None
            continue
        if trimmed.startswith("::"):
            commands.append(trimmed)
            if trimmed.startswith("::stop-commands::"):
                token = trimmed[len("::stop-commands::"):]
        elif line:
            bare.append(line)
    assert token is None, "commands were never resumed"
    return commands, bare


_PROP = r"(?:file|line|col|endColumn|endLine|title)=[^,:\r\n]*"
# what reportlint builds: properties escaped (no raw "," or ":"), a hex stop token
_OWN_COMMAND = re.compile(rf"::(?:error|warning|notice)(?: {_PROP}(?:,{_PROP})*)?::.*"
                          r"|::stop-commands::[0-9a-f]{32}")


def forged(stdout: str, stderr: str) -> list[str]:
    """Lines on either stream that the runner would take as a command reportlint did not
    build, and lines on standard error outside a command or a stop-commands block."""
    bad = []
    for stream, text in (("stdout", stdout), ("stderr", stderr)):
        commands, bare = runner_view(text)
        bad += [f"{stream}: {c}" for c in commands if not _OWN_COMMAND.fullmatch(c)]
        bad += [f"{stream}: {line}" for line in bare]  # every line is a command or inert
    return bad


def _github_injection(folder: Path) -> str:
    (folder / "r.md").write_text("## A\n\nworld-class\n%0A::error file=x::forged\r\n"
                                 "::set-output name=x::y world-class\n")
    r = _cli(folder, "check", "r.md", "--select", "RL210", "-f", "github")
    commands, _bare = runner_view(r.stdout)
    starts = sorted({c[2:].split("::")[0].split(" ")[0] for c in commands})
    bad = forged(r.stdout, r.stderr)
    return f"exit {r.returncode}: workflow commands {starts}; forged {len(bad)}"


CHECKS: list[Check] = [
    Check("config-yaml-syntax", "a `.reportlint.yml` that is not YAML",
          "exit 2: .reportlint.yml:2: invalid YAML, column 1: did not find expected ',' or ']'",
          _config_error("rules: [a\n")),
    Check("config-wrong-type", "`min: many` for an integer option",
          "exit 2: .reportlint.yml:3: rules.word-count.min: expected an integer, got 'many'",
          _config_error("rules:\n  word-count:\n    min: many\n")),
    Check("config-unknown-key", "a misspelt top-level key",
          "exit 2: .reportlint.yml:1: unknown key 'rule' (did you mean 'rules'?); known keys: "
          "extends, documents, sources, rules, rules_dirs, evidence, limits, overrides",
          _config_error("rule: {}\n")),
    Check("config-extends-cycle", "two files extending each other",
          "exit 2: b.yml:1: extends cycle: .reportlint.yml -> b.yml -> .reportlint.yml",
          _config_error("extends: b.yml\n", {"b.yml": "extends: .reportlint.yml\n"})),
    Check("config-extends-missing", "`extends` naming a file that does not exist",
          "exit 2: .reportlint.yml:1: extends: file not found: base.yml",
          _config_error("extends: base.yml\n")),
    Check("rules-dir-syntax-error", "a local rule module with a syntax error",
          "exit 2: lint/bad.py:2: syntax error: invalid syntax",
          _config_error("rules_dirs: [lint]\n", {"lint/bad.py": "x = 1\ndef f(:\n"},
                        ("--allow-local-rules",))),
    Check("rules-dir-import-error", "a local rule module that raises on import",
          "exit 2: lint/boom.py: error while importing: RuntimeError: no",
          _config_error("rules_dirs: [lint]\n", {"lint/boom.py": "raise RuntimeError('no')\n"},
                        ("--allow-local-rules",))),
    Check("citations-outside-root", "citations of `../file`, a symbolic link leaving the "
          "root and `/etc/hostname`, whose numbers are in those files",
          "exit 1: RL303 at line 3, RL303 at line 4, RL303 at line 5", _outside),
    Check("github-injection", "report text with `%0A::error`, a CR and `::set-output`, "
          "formatted for GitHub",
          "exit 0: workflow commands ['stop-commands', 'warning']; forged 0",
          _github_injection),
]


def render_checks(checks: list[Check]) -> str:
    rows = ["| case | input | observed |", "|---|---|---|"]
    for c in checks:
        rows.append(f"| `{c.id}` | {c.input} | {c.outcome.replace('|', '/')} |")
    return "\n".join(rows) + "\n"
