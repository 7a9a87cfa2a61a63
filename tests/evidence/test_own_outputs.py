"""reportlint's own files are never evidence, whichever run wrote them (issues 11 and 14)."""

from __future__ import annotations

import json

import pytest

from reportlint.evidence.sources import own_output

SARIF_HEAD = ('{\n  "$schema": "https://docs.oasis-open.org/sarif/x.json",\n  "version": '
              '"2.1.0",\n  "runs": [\n    {\n      "tool": {\n        "driver": {\n'
              '          "name": "reportlint",\n          "version": "0.1.0"')


@pytest.mark.parametrize(("path", "text", "own"), [
    ("out/report.json", json.dumps({"version": 1, "tool": {"name": "reportlint",
                                                          "version": "0.1.0"},
                                    "findings": []}, indent=2), True),
    ("reportlint.sarif", SARIF_HEAD, True),
    (".reportlint-baseline.json", json.dumps({"version": 2, "tool": "reportlint",
                                              "findings": {}}, indent=2), True),
    ("docs/.reportlint.yml", "extends: sourced-report\n", True),
    (".reportlint.yaml", "rules: {}\n", True),
    # evidence that merely mentions reportlint
    ("package.json", json.dumps({"name": "reportlint", "version": "1.0.0"}), False),
    ("data/tools.json", json.dumps({"linters": [{"name": "reportlint"}]}), False),
    ("notes.md", '# Notes\n\n"tool": "reportlint" is what the baseline says.\n', False),
    ("config.yml", "tool: reportlint\n", False),
])
def test_own_output(path: str, text: str, own: bool) -> None:
    assert own_output(path, text.encode()) is own
