"""RL306's stable key (baseline fingerprints): the number and the cited path, not the message."""

from __future__ import annotations

from pathlib import Path

from reportlint.testing import lint_string


def test_the_key_is_the_number_and_the_cited_path(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\n12 tests\n")
    (f,) = lint_string("x 2,200 tests (source: a.md)\n", {"RL306": None}, root=tmp_path)
    assert f.key == "2200\x1fa.md"
    # what the cited place says changes the message, never the key
    (tmp_path / "a.md").write_text("# A\n\n2,250 tests\n")
    (g,) = lint_string("x 2200 tests (source: a.md)\n", {"RL306": None}, root=tmp_path)
    assert "says 2,250" in g.message and g.key == f.key
