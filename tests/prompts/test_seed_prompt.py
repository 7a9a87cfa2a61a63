"""The profile derived from the seed prompt agrees with the built-in executive-summary one.

`init --from-prompt ../shared/spec/executive-summary-prompt.md` must give the
same findings as `extends: executive-summary` on the bundled example (a draft
with planted problems) and on the clean full-length report (none), and the
same file every time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.config import load_config
from reportlint.engine import Run, lint_paths
from reportlint.prompt import profile_from_prompt

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "spec" / "executive-summary-prompt.md"
EXAMPLE = REPO / "examples" / "executive-summary"
DRAFT = EXAMPLE / "docs" / "executive_summary_senior_ai_manager.md"
CLEAN = REPO / "tests" / "fixtures" / "clean" / "executive_summary_clean.md"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/spec is not beside the "
                                                           "checkout")


def _findings(cfg_file: Path | None, profile: str | None, report: Path,
              cwd: Path) -> list[tuple[str, int, int, str]]:
    cfg, registry = load_config(cfg_file, profile, cwd=cwd)
    run = Run.create(cfg, registry, REPO, EXAMPLE)
    (result,) = lint_paths(run, [str(report)])
    return [(f.rule_id, f.line, f.column, f.message) for f in result.findings]


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("derived")
    path = folder / ".reportlint.yml"
    path.write_text(profile_from_prompt(SEED.read_text(encoding="utf-8"), SEED.name),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("report", [DRAFT, CLEAN], ids=["draft", "clean"])
def test_derived_profile_finds_what_the_builtin_finds(derived: Path, report: Path) -> None:
    builtin = _findings(None, "executive-summary", report, derived.parent)
    mine = _findings(derived, None, report, derived.parent)
    assert mine == builtin
    if report == DRAFT:
        assert len(builtin) == 10  # the planted problems, evidence and contract alike
    else:
        assert builtin == []


def test_derivation_is_deterministic() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert profile_from_prompt(text, SEED.name) == profile_from_prompt(text, SEED.name)


def test_every_entry_quotes_its_prompt_line(derived: Path) -> None:
    text = derived.read_text(encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8").splitlines()
    quoted = [ln for ln in text.splitlines() if "# prompt line " in ln]
    assert len(quoted) >= 20
    for ln in quoted:
        number = int(ln.split("# prompt line ")[1].split(":")[0])
        quote = ln.split(': "', 1)[1].rstrip('"').rstrip("…")
        words = quote.replace("**", "").split()[:3]
        assert " ".join(words) in " ".join(seed[number - 1].replace("**", "").split()), ln
    assert "# ---------------------------------------------------------------- not checked" \
        in text
    assert '#   line 12: "`M33` rehearsal summary/evidence notes (if present in repo)"' in text
