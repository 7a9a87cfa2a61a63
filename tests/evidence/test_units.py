"""Units are part of the value: the field guide's table, case by case (table-driven)."""

from __future__ import annotations

import pytest

from reportlint.evidence.numbers import scan
from reportlint.evidence.sources import SourceIndex, compatible

# (report text, source text, match?)
CASES = [
    ("90 seconds", "90 minutes", False),
    ("4%", "4 nodes", False),
    ("3.2 GB", "3.2 TB", False),
    ("12 engineers", "12%", False),
    ("70%", "70 %", True),
    ("70%", "70 percent", True),
    ("2,200", "2200", True),
    ("1.0e-5", "0.00001", True),
    ("~240 MB", "240 MB", True),
    ("190+ tests", "190 tests", True),
    ("≥ 80%", "80%", True),
    ("1.5 GB", "1,500 MB", True),
    ("90 seconds", "1.5 min", True),
    ("2 hours", "120 minutes", True),
    ("1,200 steps", "max_steps: 1200", True),  # a unit-less source value matches any unit
    ("70%", "ratio: 0.7", True),
    ("412 tests", "412 passed", True),  # counted words are not compared with each other
    ("5 ms", "5 s", False),
    ("1.5 GB", "1500", False),  # found only through a conversion: the source needs a unit
    ("2 weeks", "14 days", True),
    ("3 months", "3 years", False),
    # a key or constant named with its unit gives the value that unit
    ("2.5 s", "TIMEOUT_MS = 2500", True),
    ("41 ms", '"latency_ms": 41', True),
    ("95 minutes", "duration_s: 95", False),
    ("2500 requests", "TIMEOUT_MS = 2500", False),
]


@pytest.mark.parametrize(("report", "source", "match"), CASES)
def test_unit_rules(report: str, source: str, match: bool) -> None:
    (tok,) = [t for t in scan(report) if t.hard]
    index = SourceIndex.from_text("s.txt", source + "\n")
    found = [loc for loc in index.find_number(tok) if compatible(tok, loc)]
    assert bool(found) is match, (report, source, index.find_number(tok))
