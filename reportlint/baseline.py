"""Fingerprints and the baseline file.

A finding's fingerprint identifies it across edits of the report: it hashes
the rule id, the file's path, the text of the finding's line (whitespace
collapsed) and its message with line references blanked, plus an occurrence
number among identical findings of the file. It leaves out the line and
column numbers, so inserting or deleting lines above a finding keeps its
fingerprint; editing the finding's own line gives it a new one. SARIF's
``partialFingerprints`` and the baseline share this function.

A baseline (``reportlint check --write-baseline FILE``) records today's
findings by fingerprint; ``--baseline FILE`` marks findings found in it as
``baselined``: they are still reported but no longer fail the run. Suppressed
findings and the tool's own notices (RL9xx) are never baselined.

```json
{"version": 1, "tool": "reportlint",
 "findings": {"5c0b…": {"rule": "RL211", "path": "docs/report.md",
                        "message": "placeholder \\"TODO\\" left in the text"}}}
```
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportlint.engine import FileResult

try:  # CPython's own SHA-256: hashlib first loads OpenSSL (~4 ms); the digests are equal
    from _sha256 import sha256  # 3.10, 3.11
except ImportError:  # pragma: no cover - 3.12+ names it _sha2; other Pythons have hashlib
    try:
        from _sha2 import sha256
    except ImportError:
        from hashlib import sha256
from reportlint.finding import Finding
from reportlint.notices import is_notice
from reportlint.outputs import write_atomic
from reportlint.safeio import Refused, read_regular

FINGERPRINT_KEY = "reportlint/v1"
BASELINE_VERSION = 1
MAX_BASELINE_BYTES = 100_000_000

# line references inside messages move when lines are inserted above
_LINE_REF_RE = re.compile(r"\blines? \d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
_PATH_LINE_RE = re.compile(r"(\.[A-Za-z0-9]{1,10}):\d+(?::\d+)?(?:-\d+)?\b")
_SPACE_RE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read or does not hold a baseline."""


def normalize_message(message: str) -> str:
    """``message`` without line references (``line 12``, ``notes.md:12:3``)."""
    text = _PATH_LINE_RE.sub(r"\1:#", _LINE_REF_RE.sub("line #", message))
    return _SPACE_RE.sub(" ", text).strip()


def _line_text(result: FileResult, finding: Finding) -> str:
    lines = result.lines
    span = finding.span
    if lines is None or (span.start == span.end and span.start.line == 1
                         and span.start.column == 1):
        return ""  # no text, or a finding about the whole document
    if not 1 <= span.start.line <= len(lines):
        return ""
    return _SPACE_RE.sub(" ", lines[span.start.line - 1]).strip()


def fingerprints(result: FileResult) -> list[str]:
    """The fingerprint of each finding of ``result``, in the same order."""
    seen: dict[str, int] = {}
    out = []
    for f in result.findings:
        base = "\0".join((f.rule_id, f.path, _line_text(result, f),
                          normalize_message(f.message)))
        n = seen.get(base, 0)
        seen[base] = n + 1
        digest = sha256(f"{base}\0{n}".encode()).hexdigest()
        out.append(digest[:32])
    return out


def baselinable(f: Finding) -> bool:
    return not f.suppressed and not is_notice(f.rule_id)


def build(results: Iterable[FileResult]) -> dict[str, Any]:
    entries: dict[str, dict[str, str]] = {}
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r)):
            if baselinable(f):
                entries[fp] = {"rule": f.rule_id, "path": f.path, "message": f.message}
    return {"version": BASELINE_VERSION, "tool": "reportlint",
            "findings": dict(sorted(entries.items(), key=lambda kv: (
                kv[1]["path"], kv[1]["rule"], kv[0])))}


def write(path: Path, results: Iterable[FileResult]) -> int:
    """Write the baseline of ``results`` to ``path``; returns how many findings it holds."""
    data = build(results)
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(data["findings"])


def load(path: Path) -> set[str]:
    """The fingerprints recorded in the baseline file ``path``."""
    try:
        raw = read_regular(path, MAX_BASELINE_BYTES)  # stat first: a pipe would block
        data = json.loads(raw.decode("utf-8"))
    except Refused as exc:
        what = (f"{exc.size:,} bytes; a baseline may hold at most {MAX_BASELINE_BYTES:,}"
                if exc.size is not None else f"{exc.reason}; not read")
        raise BaselineError(f"baseline {path}: {what}") from None
    except FileNotFoundError:
        raise BaselineError(f"baseline {path}: no such file "
                            "(create it with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"baseline {path}: cannot read: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"baseline {path}: not a JSON file: {exc}") from None
    except RecursionError:
        raise BaselineError(f"baseline {path}: not a reportlint baseline (JSON nested too "
                            "deep)") from None
    if (not isinstance(data, dict) or data.get("version") != BASELINE_VERSION
            or not isinstance(data.get("findings"), dict)):
        raise BaselineError(f"baseline {path}: not a reportlint baseline "
                            f"(expected {{\"version\": {BASELINE_VERSION}, \"findings\": {{…}}}})")
    return {str(k) for k in data["findings"]}


def apply(results: Iterable[FileResult], known: set[str]) -> int:
    """Mark findings whose fingerprint is in ``known`` as baselined; returns how many."""
    marked = 0
    for r in results:
        new = []
        for f, fp in zip(r.findings, fingerprints(r)):
            if fp in known and baselinable(f):
                f = dataclasses.replace(f, baselined=True)
                marked += 1
            new.append(f)
        r.findings = new
    return marked
