"""Patterns rebuilt from the cache are the patterns re.compile makes."""

from __future__ import annotations

import json
import marshal
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reportlint import cache, patterns

REPO = Path(__file__).resolve().parents[2]
SAMPLE = (REPO / "examples" / "executive-summary" / "docs"
          / "executive_summary_senior_ai_manager.md").read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: Any) -> cache.Cache:
    monkeypatch.setattr(patterns, "_known", None)
    monkeypatch.setattr(patterns, "_new", {})
    cache.configure(tmp_path / "c")
    yield cache.active()
    cache.configure(None)


def _all_patterns() -> list[tuple[str, int]]:
    """Every pattern the rules and the evidence layer compile, at import and in a run of
    the repository's own check (in a fresh process, so module-level patterns count)."""
    code = ("import sys, json, reportlint.patterns as p\n"
            "seen = []\n"
            "orig = p.compile\n"
            "def spy(pattern, flags=0):\n"
            "    seen.append((pattern, int(flags)))\n"
            "    return orig(pattern, flags)\n"
            "p.compile = spy\n"
            "from reportlint.cli import main\n"
            "sys.argv = ['reportlint', 'check', '--no-cache', '-q']\n"
            "try:\n"
            "    main()\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(json.dumps(seen), file=sys.stderr)\n")
    res = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, timeout=120)
    found = json.loads(res.stderr.strip().splitlines()[-1])
    return sorted({(p, f) for p, f in found})


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups,
                                                            b.groupindex)
    assert [m.span() for m in a.finditer(SAMPLE)] == [m.span() for m in b.finditer(SAMPLE)]
    assert [m.groups() for m in a.finditer(SAMPLE)] == [m.groups() for m in b.finditer(SAMPLE)]


def test_every_pattern_of_a_run_is_rebuilt_identically(store: cache.Cache):
    found = _all_patterns()
    assert len(found) > 50  # the rules' and the evidence layer's patterns, not a handful
    for pattern, flags in found:
        patterns.compile(pattern, flags)  # a miss: compiled by re, remembered
    patterns.save()
    assert store.get_bytes(patterns._ENTRY)
    patterns._known = None  # as a new process: read the cache file
    for pattern, flags in found:
        rebuilt = patterns.compile(pattern, flags)
        assert (pattern, flags) not in patterns._new  # a hit, not a compile
        _same(rebuilt, re.compile(pattern, flags))


def test_a_damaged_cache_file_is_ignored(store: cache.Cache):
    store.put_bytes(patterns._ENTRY, b"\x00not marshal data")
    _same(patterns.compile(r"(\d+) ms", re.I), re.compile(r"(\d+) ms", re.I))

    # an entry whose code is garbage: _sre refuses it and the pattern is compiled again
    store.put_bytes(patterns._ENTRY, marshal.dumps({(r"(\d+) s", 0): (0, [9999, 1], 0, {},
                                                                          (None,))}))
    patterns._known = None
    _same(patterns.compile(r"(\d+) s"), re.compile(r"(\d+) s"))
    # entries of another shape are dropped when the file is read
    store.put_bytes(patterns._ENTRY, marshal.dumps({(r"(\d+) h", 0): "not a pattern",
                                                    "key": (0, [], 0, {}, ())}))
    patterns._known = None
    _same(patterns.compile(r"(\d+) h"), re.compile(r"(\d+) h"))
    assert patterns._known == {}


def test_errors_are_re_errors(store: cache.Cache):
    with pytest.raises(re.error, match="missing \\)"):
        patterns.compile(r"(unclosed")


def test_without_a_cache_it_is_re_compile():
    cache.configure(None)
    assert patterns.compile(r"\bx\b") is re.compile(r"\bx\b")


def test_runs_with_and_without_the_cache_agree(tmp_path: Path):
    project = tmp_path / "p"
    shutil.copytree(REPO / "examples" / "executive-summary", project)
    (project / ".git").mkdir()
    exe = str(Path(sys.executable).parent / "reportlint")

    def check(*args: str) -> str:
        return subprocess.run([exe, "check", "-f", "json", *args,
                               "docs/executive_summary_senior_ai_manager.md"], cwd=project,
                              capture_output=True, text=True, timeout=120).stdout

    cold = check()
    assert '"rule_id": "RL306"' in cold  # the evidence rules ran
    assert list((project / ".reportlint_cache").glob("regex-*.bin"))
    assert check() == cold == check("--no-cache")


def test_early_cache_folder_reads_only_what_click_will(tmp_path: Path, monkeypatch: Any):
    from reportlint.discovery import early_cache_folder

    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / ".reportlint.yml").write_text("extends: executive-summary\n")
    other = tmp_path / "other"
    (other / ".git").mkdir(parents=True)
    (other / "cfg.yml").write_text("extends: executive-summary\n")
    monkeypatch.chdir(project / "docs")
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    assert early_cache_folder(["check", "r.md"]) == project / ".reportlint_cache"
    assert early_cache_folder(["stats"]) == project / ".reportlint_cache"
    assert early_cache_folder(["check", "--cache-dir", "x", "r.md"]) == Path("x")
    assert early_cache_folder(["check", "--cache-dir=y"]) == Path("y")
    assert early_cache_folder(["check", "-c", str(other / "cfg.yml")]) == \
        other / ".reportlint_cache"
    assert early_cache_folder(["check", f"--config={other / 'cfg.yml'}"]) == \
        other / ".reportlint_cache"
    # anything that may mean "no cache", and other commands: no cache until click decides
    assert early_cache_folder(["check", "--no-cache"]) is None
    assert early_cache_folder(["check", "--", "--no-cache"]) is None
    assert early_cache_folder(["rules"]) is None
    assert early_cache_folder([]) is None
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    assert early_cache_folder(["check"]) is None


def test_the_public_api_is_complete_and_lazy():
    code = ("import sys, reportlint\n"
            "assert 'reportlint.document' not in sys.modules\n"
            "assert sorted(reportlint.__all__) == sorted([*reportlint._WHERE, '__version__'])\n"
            "for name in reportlint.__all__:\n"
            "    assert getattr(reportlint, name) is not None, name\n"
            "from reportlint import Rule, Span\n"
            "assert Rule.__module__ == 'reportlint.rule'\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=120)
