"""The citation grammar of the field guide, form by form (table-driven).

Each row: a tag as written, and what is cited — (path, sections, line ranges, kind) per
citation, in order — with no RL301 problem unless the row says so.
"""

from __future__ import annotations

import pytest
from ev_helpers import prose

from reportlint.evidence.tags import scan_tags

F = "file"
ROWS: list[tuple[str, list[tuple[str, tuple[str, ...], tuple[tuple[int, int], ...], str]]]] = [
    # tag shapes
    ("(source: docs/tuning.md §Schedules)", [("docs/tuning.md", ("Schedules",), (), F)]),
    ("(Source: a.md)", [("a.md", (), (), F)]),
    ("(Sources: a.md; b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: `src/app/main.py`)", [("src/app/main.py", (), (), F)]),
    ("(source: src/pkg/__init__.py)", [("src/pkg/__init__.py", (), (), F)]),
    ("(source: a.md, b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: a.md + b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: a.md and b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: a.md & b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: infra/deploy.yml per docs/ops.md:40)",
     [("infra/deploy.yml", (), (), F), ("docs/ops.md", (), ((40, 40),), F)]),
    ("(source: docs/api.md:12 vs docs/api.md:30-41)",
     [("docs/api.md", (), ((12, 12),), F), ("docs/api.md", (), ((30, 41),), F)]),
    ("(source: a.md, confirmed in b.md)", [("a.md", (), (), F), ("b.md", (), (), F)]),
    ("(source: `web/src/Board.tsx` — every piece of state lives in `useReducer`)",
     [("web/src/Board.tsx", (), (), F)]),
    # lines and ranges
    ("(source: a.py:42)", [("a.py", (), ((42, 42),), F)]),
    ("(source: a.py:L42)", [("a.py", (), ((42, 42),), F)]),
    ("(source: a.py#L42)", [("a.py", (), ((42, 42),), F)]),
    ("(source: a.py line 42)", [("a.py", (), ((42, 42),), F)]),
    ("(source: a.py (L42))", [("a.py", (), ((42, 42),), F)]),
    ("(source: a.py:40-52)", [("a.py", (), ((40, 52),), F)]),
    ("(source: a.py:L40-L52)", [("a.py", (), ((40, 52),), F)]),
    ("(source: a.py#L40-L52)", [("a.py", (), ((40, 52),), F)]),
    ("(source: a.py lines 40–52)", [("a.py", (), ((40, 52),), F)]),
    ("(source: `svc/jobs.py:120-131`, `:300`, `410-415`)",
     [("svc/jobs.py", (), ((120, 131), (300, 300), (410, 415)), F)]),
    ("(Source: core/Queue.cs:L20-L41, L60-L79)",
     [("core/Queue.cs", (), ((20, 41), (60, 79)), F)]),
    # sections, folders, globs
    ("(source: a.md §9.3)", [("a.md", ("9.3",), (), F)]),
    ("(source: a.md § 9.3)", [("a.md", ("9.3",), (), F)]),
    ("(source: tunix-rt.md §M15, M16)", [("tunix-rt.md", ("M15", "M16"), (), F)]),
    ("(source: README.md#cicd-pipeline)", [("README.md", ("cicd-pipeline",), (), F)]),
    ("(source: docs/ops.md §Rollback as of March)",
     [("docs/ops.md", ("Rollback as of March",), (), F)]),
    ("(source: docs/ops.md §Rollback — see the March notes)",
     [("docs/ops.md", ("Rollback",), (), F)]),
    ("(source: build/)", [("build/", (), (), F)]),
    ("(source: build/:directory)", [("build/", (), (), F)]),
    ("(source: migrations/*.sql)", [("migrations/*.sql", (), (), F)]),
    # citations that name no file
    ("(source: review §4.2)", [("review", ("4.2",), (), "bare")]),
    ("(source: Finding 3.1)", [("", (), (), "bare")]),
    ("(source: OPS-07)", [("OPS-07", (), (), "bare")]),
    ("(source: Makefile)", [("Makefile", (), (), "bare")]),
    ("(source: https://example.org/paper.pdf)", [("https://example.org/paper.pdf", (), (),
                                                  "url")]),
]


@pytest.mark.parametrize(("tag", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_citation_grammar(tag: str, expected: list[tuple[object, ...]]) -> None:
    scan = scan_tags(prose(f"The value is 3 {tag}."))
    assert len(scan.tags) == 1, scan
    got = [(c.path, c.sections, c.ranges, c.kind) for c in scan.tags[0].citations]
    assert got == expected
    assert scan.problems == ()


@pytest.mark.parametrize(("tag", "code"), [
    ("(source: )", "empty"),
    ("(source a.md)", "missing-colon"),
    ("(source: a.md:20-10)", "lines"),
    ("(source: a.md §)", "no-section"),
])
def test_only_real_malformation_is_a_problem(tag: str, code: str) -> None:
    assert [p.code for p in scan_tags(prose(f"It is 3 {tag}.")).problems] == [code]


def test_unbalanced_tag_is_a_problem() -> None:
    (p,) = scan_tags(prose("It is 3 (source: a.md §Results and more")).problems
    assert p.code == "unbalanced"
