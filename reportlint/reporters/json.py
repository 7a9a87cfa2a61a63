"""JSON: a stable, documented object for scripts.

```json
{"version": 1, "tool": {"name": "reportlint", "version": "0.1.0"},
 "findings": [{"rule_id": "RL306", "rule_name": "claim-not-in-source",
   "severity": "error", "path": "docs/report.md", "line": 12, "column": 40,
   "end_line": 12, "end_column": 43, "message": "...",
   "related": [{"path": "M31_audit.md", "line": 7, "column": 1, "end_line": 7,
                "end_column": 30, "message": "..."}],
   "fix": null, "suppressed": false, "suppression_reason": null,
   "baselined": false}],
 "summary": {"files": 1, "error": 1, "warning": 0, "note": 0,
             "suppressed": 0, "baselined": 0}}
```

Keys never change meaning within ``version`` 1; findings are sorted by path,
line, column, rule; suppressed findings are included with ``suppressed``.
"""

from __future__ import annotations

import json
from typing import Any

from reportlint.engine import FileResult
from reportlint.finding import Finding
from reportlint.reporters import ReportInfo, counts
from reportlint.span import Span


def _span(span: Span) -> dict[str, Any]:
    return {"path": span.path, "line": span.start.line, "column": span.start.column,
            "end_line": span.end.line, "end_column": span.end.column}


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"rule_id": f.rule_id, "rule_name": f.rule_name,
                           "severity": f.severity.value}
    out.update(_span(f.span))
    out["message"] = f.message
    out["related"] = [{**_span(r.span), "message": r.message} for r in f.related]
    out["fix"] = f.fix
    out["suppressed"] = f.suppressed
    out["suppression_reason"] = f.suppression_reason
    out["baselined"] = f.baselined
    return out


def render(results: list[FileResult], info: ReportInfo) -> str:
    findings = [finding_dict(f) for r in results for f in r.findings]
    summary = {"files": len(results), **counts(results)}
    doc = {"version": 1, "tool": {"name": "reportlint", "version": info.version},
           "findings": findings, "summary": summary}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
