"""The cache of parsed configuration files: same results warm or cold, safe to lose."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import cache
from reportlint.yamlload import LineDict, LineList, cached_load, decode, encode, load

REPORT = "# Report\n\n## Results\n\nTODO: fill in.\n"
CONFIG = """\
extends: executive-summary
rules:
  placeholders:
    severity: warning
"""


def _same(a: Any, b: Any) -> None:
    """Equal values, equal types (1 is not True) and equal lines, all the way down."""
    assert type(a) is type(b)
    if isinstance(a, LineDict):
        assert list(a) == list(b) and a.lines == b.lines
        for k in a:
            assert type(k) is type(next(x for x in b if x == k))
            _same(a[k], b[k])
    elif isinstance(a, LineList):
        assert len(a) == len(b) and a.lines == b.lines
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b)
    else:
        assert a == b


_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                     st.floats(allow_nan=True, allow_infinity=True))
_keys = st.one_of(st.text(min_size=1, max_size=8), st.integers(), st.booleans())
_trees = st.recursive(_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(_keys, children, max_size=4)), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(tree=st.dictionaries(_keys, _trees, max_size=5))
def test_encoded_tree_round_trips_with_types_and_lines(tree: dict[Any, Any]):
    text = yaml.safe_dump(tree, allow_unicode=True)
    loaded = load(text)
    again = decode(json.loads(json.dumps(encode(loaded))))
    _same(loaded, again)


def test_cached_load_hits_return_the_parsed_tree(tmp_path: Path):
    text = "rules:\n  word-count:\n    min: 10  # a comment\n    max: 20\nlist: [a, b]\n"
    cache.configure(tmp_path / "c")
    try:
        cold = cached_load(text)
        entries = list((tmp_path / "c").glob("yaml-*.json"))
        assert len(entries) == 1
        warm = cached_load(text)
        _same(cold, warm)
        assert warm["rules"].lines == {"word-count": 2} and warm["list"].lines == [5, 5]
        entries[0].write_text("{not json", encoding="utf-8")  # damaged: a miss, then rewritten
        _same(cached_load(text), cold)
        assert json.loads(entries[0].read_text(encoding="utf-8"))["tree"]
    finally:
        cache.configure(None)


def test_values_json_cannot_carry_are_not_cached(tmp_path: Path):
    cache.configure(tmp_path / "c")
    try:
        tree = cached_load("when: 2026-11-28\n")
        assert str(tree["when"]) == "2026-11-28"
        assert not list((tmp_path / "c").glob("yaml-*.json"))
    finally:
        cache.configure(None)


def test_key_depends_on_content_and_version():
    k1 = cache.Cache.key("yaml", "a: 1\n")
    assert k1 == cache.Cache.key("yaml", "a: 1\n")
    assert k1 != cache.Cache.key("yaml", "a: 2\n")
    assert k1 != cache.Cache.key("toml", "a: 1\n")
    assert k1.startswith("yaml-") and len(k1) == len("yaml-") + 32


def test_pruned_to_the_newest_entries(tmp_path: Path, monkeypatch: Any):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    store = cache.Cache(tmp_path / "c")
    for i in range(5):
        key = store.key("yaml", str(i))
        store.put(key, {"tree": i})
        os.utime(tmp_path / "c" / f"{key}.json", (1000 + i, 1000 + i))
    kept = sorted(p.name for p in (tmp_path / "c").glob("yaml-*.json"))
    assert kept == sorted(f"{store.key('yaml', str(i))}.json" for i in (2, 3, 4))


def test_folder_choice(tmp_path: Path, monkeypatch: Any):
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    assert cache.folder_for(tmp_path, None, False) == tmp_path / ".reportlint_cache"
    assert cache.folder_for(tmp_path, "elsewhere", False) == Path("elsewhere")
    assert cache.folder_for(tmp_path, None, True) is None
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "env"))
    assert cache.folder_for(tmp_path, None, False) == tmp_path / "env"
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    assert cache.folder_for(tmp_path, None, False) is None
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "0")
    assert cache.folder_for(tmp_path, None, False) == tmp_path / "env"


# ---------------------------------------------------------------------- as users run it


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("REPORTLINT_", "GITHUB_"))}
    env.update(extra)
    return env


def _project(project: Path, config: str = CONFIG) -> Path:
    (project / "r.md").write_text(REPORT, encoding="utf-8")
    (project / ".reportlint.yml").write_text(config, encoding="utf-8")
    return project


def _check(run_cli: Any, project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", "--select", "placeholders,word-count", *args, "r.md", cwd=project,
                   env=_env(**env))


def test_first_run_creates_a_gitignored_cache_and_warm_runs_match(run_cli: Any, project: Path):
    _project(project)
    cold = _check(run_cli, project)
    folder = project / ".reportlint_cache"
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    # the built-in profile and the project's config
    assert len(list(folder.glob("yaml-*.json"))) == 2
    warm = _check(run_cli, project)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout,
                                                           cold.stderr)
    assert "r.md:5:1: RL211 [warning]" in warm.stdout  # the config's severity applied


def test_no_cache_and_cache_dir(run_cli: Any, project: Path, tmp_path: Path):
    _project(project)
    off = _check(run_cli, project, "--no-cache")
    assert not (project / ".reportlint_cache").exists()
    env_off = _check(run_cli, project, REPORTLINT_NO_CACHE="1")
    assert not (project / ".reportlint_cache").exists()
    moved = _check(run_cli, project, "--cache-dir", str(tmp_path / "elsewhere"))
    assert not (project / ".reportlint_cache").exists()
    assert len(list((tmp_path / "elsewhere").glob("yaml-*.json"))) == 2
    assert off.stdout == env_off.stdout == moved.stdout


def test_a_cache_that_cannot_be_written_is_ignored(run_cli: Any, project: Path):
    _project(project)
    (project / ".reportlint_cache").write_text("a file where the folder would go")
    res = _check(run_cli, project)
    assert res.returncode == 0 and res.stderr == ""  # warnings only: exit 0
    assert "RL211" in res.stdout


def test_config_errors_name_the_same_line_warm_or_cold(run_cli: Any, project: Path):
    _project(project, CONFIG + "    colour: red\n")
    cold = _check(run_cli, project)
    warm = _check(run_cli, project)
    assert cold.returncode == warm.returncode == 2
    assert cold.stderr == warm.stderr
    assert cold.stderr.startswith(".reportlint.yml:5: ")


def test_an_edited_config_is_read_again(run_cli: Any, project: Path):
    _project(project)
    assert "RL211 [warning]" in _check(run_cli, project).stdout
    (project / ".reportlint.yml").write_text(CONFIG.replace("warning", "note"), encoding="utf-8")
    assert "RL211 [note]" in _check(run_cli, project).stdout


_PROBE = """
import sys
from reportlint.console import run
sys.argv = ["reportlint", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
print("yaml imported:", "yaml" in sys.modules, file=sys.stderr)
"""


def test_a_warm_run_does_not_import_pyyaml(project: Path):
    """PyYAML's import is a fifth of a run's start-up: with the cache warm it is skipped."""
    _project(project)
    (project / "sources").mkdir()
    (project / "sources" / "perf.md").write_text("# Perf\n\n## Latency\n\n42 ms\n")
    (project / "r.md").write_text("# R\n\nLatency is 42 ms (source: perf.md §Latency).\n")
    (project / ".reportlint.yml").write_text(CONFIG + "sources:\n  root: sources\n")

    def probe() -> str:
        res = subprocess.run([sys.executable, "-c", _PROBE, "check", "r.md"], cwd=project,
                             env=_env(), capture_output=True, text=True, timeout=120)
        return res.stderr.strip().splitlines()[-1]

    assert probe() == "yaml imported: True"  # cold: the profile and config are parsed
    assert probe() == "yaml imported: False"
