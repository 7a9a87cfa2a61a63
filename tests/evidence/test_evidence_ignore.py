"""What the sources root holds as evidence: .gitignore (git semantics), excludes, own files."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.evidence.resolve import FileTree, Ignore, Status
from reportlint.evidence.sources import Sources


@pytest.fixture
def root(tmp_path: Path) -> Path:
    files = {
        ".gitignore": "build/\n*.log\n!keep.log\n",
        "docs/.gitignore": "drafts/\n",
        "docs/a.md": "1\n", "docs/drafts/b.md": "2\n", "build/out.md": "3\n",
        "ci/run.log": "4\n", "ci/keep.log": "5\n", "vendor/lib/x.md": "6\n",
        "report.sarif": "{}\n", ".reportlint.yml": "rules: {}\n", ".git/config": "x\n",
        "out/report.json": "{}\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


@pytest.mark.parametrize(("rel", "is_dir", "why"), [
    ("docs/a.md", False, ""),
    ("ci/keep.log", False, ""),  # re-included by a negation
    ("ci/run.log", False, "the repository ignores it (.gitignore)"),
    ("build", True, "the repository ignores it (.gitignore)"),
    ("build/out.md", False, "the repository ignores it (.gitignore)"),
    ("docs/drafts/b.md", False, "the repository ignores it (docs/.gitignore)"),
    ("vendor/lib/x.md", False, "it matches the evidence.exclude patterns (vendored or "
                               "generated)"),
    ("report.sarif", False, "it matches the evidence.exclude patterns (vendored or "
                            "generated)"),
    (".reportlint.yml", False, "it matches the evidence.exclude patterns (vendored or "
                               "generated)"),
    (".git/config", False, "it is inside a version-control folder"),
    ("out/report.json", False, "it is an output, baseline or configuration of this "
                               "reportlint run"),
])
def test_what_is_not_evidence(root: Path, rel: str, is_dir: bool, why: str) -> None:
    from reportlint.evidence.settings import DEFAULT_EXCLUDE

    ignore = Ignore(str(root.resolve()), DEFAULT_EXCLUDE, ("out/report.json",))
    assert ignore.reason(rel, is_dir) == why


def test_the_listing_and_resolution_follow_it(root: Path) -> None:
    sources = Sources(root, excluded=[str(root / "out" / "report.json")])
    assert "docs/a.md" in sources.tree.files and "ci/keep.log" in sources.tree.files
    for gone in ("ci/run.log", "build/out.md", "docs/drafts/b.md", "vendor/lib/x.md"):
        assert gone not in sources.tree.files
        assert sources.resolve(gone).status is Status.IGNORED
    assert sources.resolve("out/report.json").status is Status.IGNORED
    assert FileTree(root).files  # the listing works without settings too
