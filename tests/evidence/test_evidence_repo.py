"""Sources: run-wide caching, reverse lookups and suggestions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from ev_helpers import at

from reportlint.document import Document
from reportlint.evidence import Sources, extract
from reportlint.evidence.numbers import scan
from reportlint.evidence.resolve import Status
from reportlint.evidence.settings import EvidenceSettings
from reportlint.rule import Context

REPORT = "reports/summary.md"


@pytest.fixture(scope="module")
def sources(repo: Path) -> Sources:
    return Sources(repo)


def test_index_built_once_per_file(repo: Path, audit: list[tuple[str, str]]) -> None:
    fresh = Sources(repo)

    def opens() -> list[str]:
        return [p for e, p in audit if e == "open" and p.endswith("M31_audit.md")]

    first = fresh.index("docs/M31_audit.md")
    assert len(opens()) == 1
    assert fresh.index("docs/M31_audit.md") is first
    assert fresh.index_for(fresh.resolve("M31_audit.md")) is first
    assert len(opens()) == 1


def test_index_for_resolution(sources: Sources) -> None:
    r = sources.resolve("M31_audit.md", REPORT)
    idx = sources.index_for(r)
    assert idx is not None and idx.path == "docs/M31_audit.md"
    assert sources.index_for(sources.resolve("docs/")) is None
    assert sources.index_for(sources.resolve("CHANGELOG.md")) is None


def test_too_large_source_is_skipped_by_setting(repo: Path) -> None:
    small = Sources(repo, EvidenceSettings(max_file_bytes=100))
    assert small.index("tunix-rt.md").skipped == \
        "it is larger than evidence.max-file-bytes (569 > 100 bytes)"
    assert small.index("logs/ci.txt").skipped == ""


def test_occurrences_across_the_root(sources: Sources) -> None:
    locs = sources.occurrences(scan("2,200")[0], exclude=[REPORT])
    assert [(loc.path, loc.line) for loc in locs] == [
        ("configs/train.yaml", 8), ("logs/ci.txt", 1), ("tunix-rt.md", 3), ("tunix-rt.md", 32)]
    # a search reads lines, not key paths: the place is the line of the value
    assert locs[0].text == "2,200"
    assert sources.occurrences(Decimal(2200), exclude=[REPORT], limit=1) == locs[:1]


def test_occurrences_skip_non_evidence_and_skipped_folders(sources: Sources) -> None:
    paths = {loc.path for loc in sources.occurrences(2200)}
    assert "reports/summary.md" in paths
    assert not any(p.startswith(("build/", "node_modules/", "myenv/", ".venv/")) for p in paths)


def test_suggest_where_numbers_occur_together(sources: Sources) -> None:
    wanted = [scan("2,200")[0], scan("70%")[0]]
    (best, *rest) = sources.suggest(wanted, exclude=[REPORT])
    assert best.path == "tunix-rt.md"
    # from the 2200 to the 70 % of the "## Testing" section
    assert best.span == at(32, 16, 41, "tunix-rt.md")
    assert best.values == (Decimal(70), Decimal(2200))
    assert [loc.text for loc in best.locations] == ["2200", "70 %"]
    # no other file holds both numbers in one section
    assert rest == []


def test_suggest_ranks_and_limits(sources: Sources) -> None:
    wanted = [Decimal("2.26"), Decimal("0.08"), Decimal(3)]
    found = sources.suggest(wanted, exclude=[REPORT])
    assert [(s.path, s.span.start.line, len(s.values)) for s in found] == [
        ("docs/M31_audit.md", 11, 3), ("tunix-rt.md", 15, 2)]
    assert len(sources.suggest(wanted, limit=1, exclude=[REPORT])) == 1


def test_suggest_single_number(sources: Sources) -> None:
    found = sources.suggest([Decimal(150)], exclude=[REPORT])
    assert [(s.path, s.span) for s in found] == [("logs/ci.txt", at(2, 24, 27, "logs/ci.txt"))]
    assert sources.suggest([]) == []


def test_sources_for_shares_one_instance_per_run(repo: Path) -> None:
    shared: dict[str, object] = {}
    a = Context(repo, "reports/summary.md", shared).evidence.sources
    b = Context(repo, "reports/local.md", shared).evidence.sources
    assert a is b
    assert a.resolve("tunix-rt.md").status is Status.RESOLVED
    raw = {"max-file-bytes": 10}
    other = Context(repo, "x.md", shared, evidence_config=raw).evidence.sources
    assert other is not a
    assert other.settings == EvidenceSettings(max_file_bytes=10)


def test_fixture_report_cross_check_pipeline(repo: Path, sources: Sources) -> None:
    """What RL305/RL306 will do, end to end: numbers written differently still match."""
    doc = Document((repo / REPORT).read_text(), REPORT)
    verdicts = []
    for claim in extract(doc).hard:
        for tok in claim.hard_numbers:
            places = []
            for cite in claim.citations:
                if cite.external:
                    continue
                idx = sources.index_for(sources.resolve(cite.path, REPORT))
                assert idx is not None, cite.path
                sections = [s for name in cite.sections for s in idx.find_section(name)]
                missing = [name for name in cite.sections if not idx.find_section(name)]
                inside = [loc for s in sections for loc in idx.find_number(tok, s.lines)]
                anywhere = idx.find_number(tok)
                where = "section" if inside else "file" if anywhere else "nowhere"
                places.append(where + "".join(f" !§{m}" for m in missing))
            verdicts.append((tok.text, places))
    assert verdicts == [
        ("2,200", ["section"]),                    # 2200 under "## Testing"
        ("70%", ["section"]),                      # "70%" at metrics.coverage_pct
        ("300", ["section"]), ("12", ["section"]),  # §M15, M16
        ("1.0e-5", ["section"]),                   # 1.0e-5 in YAML, also 1e-5 / 0.00001 elsewhere
        ("2.26", ["section"]), ("0.08", ["section"]), ("3", ["section"]),  # label **M27**
        ("4.06", ["file"]),                        # under **M28**, not the cited §M27
        ("2200", ["file"]),                        # Source column: logs/ci.txt (no section)
        ("1,024", ["file"]),                       # `local.md`, found beside the report
        ("151", []),                               # unsourced row
        ("4", []),                                 # external citation only
        ("999 ms", []),                            # unsourced sentence
        ("150", ["nowhere"]),                      # invented for tunix-rt.md ...
        ("2,300", ["nowhere"]),                    # ... and really invented
        ("180 ms", ["file !§Load"]),               # §Load is no heading ("Load Testing ...")
    ]
    # where the misattributed number really is: the likely right source
    assert [(loc.path, loc.line) for loc in sources.occurrences(150, exclude=[REPORT])] == [
        ("logs/ci.txt", 2)]
    assert sources.occurrences(2300, exclude=[REPORT]) == []


def test_check_names_the_occurrence_written_with_the_same_unit(tmp_path: Path) -> None:
    # regression: numbers match by magnitude, so "5 hours" also matches the 5 of "4.06/5";
    # the note said the number was on that line instead of where "5 hours" is written
    from reportlint.evidence.verify import check_claim

    (tmp_path / "log.md").write_text("# Log\n\n## M28\n\nJudge: 4.06/5.\n\n## M26\n\n"
                                     "The first run took 5 hours.\n\n## M29\n\nNothing.\n")
    doc = Document("# R\n\nThe first run took 5 hours (source: log.md §M29).\n")
    (claim,) = extract(doc).hard
    sources = Sources(tmp_path)
    resolved = {id(c): sources.resolve(c.path, tmp_path / "r.md") for c in claim.citations}
    check = check_claim(claim, sources, resolved)
    (n,) = check.numbers
    assert n.status == "file"
    assert [(loc.line, loc.text) for loc in n.found] == [(9, "5 hours"), (5, "5")]
