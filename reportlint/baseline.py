"""Fingerprints and the baseline file.

A finding's fingerprint identifies it across edits of the report and of its
sources. It hashes four things:

- the rule id;
- the report's path;
- the finding's own text in the report: the text of its span, whitespace
  collapsed (the span's first line when it covers several, such as a
  table's header row or a diagram's opening fence; the whole line for a
  zero-width span; nothing for a finding about the whole document);
- the finding's stable ``key`` when the rule gives one (``Finding.key``:
  the missing section of RL101, the number and cited path of RL306);

plus an occurrence number among findings equal in all four. It never
depends on the message, the related locations or any other file: inserting
lines above a finding, editing a cited file elsewhere, or evidence turning
up in another file keeps the fingerprint; editing the finding's own text
gives it a new one. SARIF's ``partialFingerprints`` and the baseline share
this function.

A baseline (``reportlint check --write-baseline FILE``) records today's
findings by fingerprint; ``--baseline FILE`` marks findings found in it as
``baselined``: they are still reported but no longer fail the run. Suppressed
findings and the tool's own notices (RL9xx) are never baselined.

```json
{"version": 2, "tool": "reportlint", "fingerprint": "reportlint/v2",
 "findings": {"5c0b…": {"rule": "RL211", "path": "docs/report.md",
                        "message": "placeholder \\"TODO\\" left in the text"}}}
```

Baselines of reportlint 0.1 (``"version": 1``) hashed the finding's line
and its message. They are still read, and matched with that fingerprint, so
an upgrade fails no run that passed before; ``load`` says so in ``note``,
and ``--write-baseline`` rewrites the file in the current format.
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

FINGERPRINT_KEY = "reportlint/v2"
BASELINE_VERSION = 2
LEGACY_VERSION = 1  # reportlint 0.1: line text and message (see legacy_fingerprints)
MAX_BASELINE_BYTES = 100_000_000

# line references inside messages move when lines are inserted above
_LINE_REF_RE = re.compile(r"\blines? \d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
_PATH_LINE_RE = re.compile(r"(\.[A-Za-z0-9]{1,10}):\d+(?::\d+)?(?:-\d+)?\b")
_SPACE_RE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read or does not hold a baseline."""


class Known(frozenset[str]):
    """The fingerprints of a baseline file, and the format they were written in."""

    version: int = BASELINE_VERSION
    note: str | None = None  # something to tell the user about the file

    @classmethod
    def of(cls, fingerprints: Iterable[str], version: int = BASELINE_VERSION,
           note: str | None = None) -> Known:
        known = cls(fingerprints)
        known.version, known.note = version, note
        return known


def _whole_document(finding: Finding) -> bool:
    span = finding.span
    return span.start == span.end and span.start.line == 1 and span.start.column == 1


def span_text(result: FileResult, finding: Finding) -> str:
    """The finding's own text in the report, whitespace collapsed (see the module doc)."""
    lines = result.lines
    span = finding.span
    if lines is None or _whole_document(finding) or not 1 <= span.start.line <= len(lines):
        return ""
    line = lines[span.start.line - 1]
    if span.start == span.end:
        text = line
    elif span.end.line == span.start.line:
        text = line[span.start.column - 1:span.end.column - 1]
    else:
        text = line[span.start.column - 1:]
    return _SPACE_RE.sub(" ", text).strip()


def _numbered(bases: Iterable[str]) -> list[str]:
    """A digest of each base, numbered among equal bases so that each is unique."""
    seen: dict[str, int] = {}
    out = []
    for base in bases:
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(sha256(f"{base}\0{n}".encode()).hexdigest()[:32])
    return out


def fingerprints(result: FileResult) -> list[str]:
    """The fingerprint of each finding of ``result``, in the same order."""
    return _numbered("\0".join((f.rule_id, f.path, span_text(result, f), f.key or ""))
                     for f in result.findings)


def normalize_message(message: str) -> str:
    """``message`` without line references (``line 12``, ``notes.md:12:3``); for
    ``legacy_fingerprints`` only."""
    text = _PATH_LINE_RE.sub(r"\1:#", _LINE_REF_RE.sub("line #", message))
    return _SPACE_RE.sub(" ", text).strip()


def _line_text(result: FileResult, finding: Finding) -> str:
    lines = result.lines
    line = finding.span.start.line
    if lines is None or _whole_document(finding) or not 1 <= line <= len(lines):
        return ""
    return _SPACE_RE.sub(" ", lines[line - 1]).strip()


def legacy_fingerprints(result: FileResult) -> list[str]:
    """The fingerprints of reportlint 0.1 (baseline version 1): the rule, the path, the
    finding's whole line and its message with line references blanked."""
    return _numbered("\0".join((f.rule_id, f.path, _line_text(result, f),
                                 normalize_message(f.message)))
                     for f in result.findings)


def baselinable(f: Finding) -> bool:
    return not f.suppressed and not is_notice(f.rule_id)


def build(results: Iterable[FileResult]) -> dict[str, Any]:
    entries: dict[str, dict[str, str]] = {}
    for r in results:
        for f, fp in zip(r.findings, fingerprints(r)):
            if baselinable(f):
                entries[fp] = {"rule": f.rule_id, "path": f.path, "message": f.message}
    return {"version": BASELINE_VERSION, "tool": "reportlint", "fingerprint": FINGERPRINT_KEY,
            "findings": dict(sorted(entries.items(), key=lambda kv: (
                kv[1]["path"], kv[1]["rule"], kv[0])))}


def write(path: Path, results: Iterable[FileResult]) -> int:
    """Write the baseline of ``results`` to ``path``; returns how many findings it holds."""
    data = build(results)
    write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(data["findings"])


def load(path: Path) -> Known:
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
    version = data.get("version") if isinstance(data, dict) else None
    if (version not in (BASELINE_VERSION, LEGACY_VERSION)
            or not isinstance(data.get("findings"), dict)):
        raise BaselineError(f"baseline {path}: not a reportlint baseline "
                            f"(expected {{\"version\": {BASELINE_VERSION}, \"findings\": {{…}}}})")
    note = None
    if version == LEGACY_VERSION:
        note = (f"baseline {path} has reportlint 0.1's fingerprints, which change when a "
                "message changes; it still applies: rewrite it with --write-baseline to "
                "keep findings baselined when evidence moves")
    return Known.of((str(k) for k in data["findings"]), version, note)


def apply(results: Iterable[FileResult], known: set[str] | frozenset[str]) -> int:
    """Mark findings whose fingerprint is in ``known`` as baselined; returns how many.

    A ``Known`` of a version-1 file is matched with ``legacy_fingerprints``.
    """
    legacy = getattr(known, "version", BASELINE_VERSION) == LEGACY_VERSION
    marked = 0
    for r in results:
        new = []
        for f, fp in zip(r.findings, legacy_fingerprints(r) if legacy else fingerprints(r)):
            if fp in known and baselinable(f):
                f = dataclasses.replace(f, baselined=True)
                marked += 1
            new.append(f)
        r.findings = new
    return marked
