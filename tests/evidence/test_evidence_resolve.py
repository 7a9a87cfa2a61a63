"""Resolution of cited paths, and the guarantee that nothing outside the root is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportlint.evidence import Sources
from reportlint.evidence.resolve import (
    FileTree,
    OutsideRootError,
    Resolver,
    Status,
    find_root,
    within,
)

REPORT = "reports/summary.md"


@pytest.fixture(scope="module")
def resolver(repo: Path) -> Resolver:
    return Resolver(FileTree(repo))


def test_resolved_against_root(resolver: Resolver) -> None:
    r = resolver.resolve("tunix-rt.md", REPORT)
    assert (r.status, r.path, r.via) == (Status.RESOLVED, "tunix-rt.md", "root")
    assert r.ok


def test_resolved_with_dot_slash_and_backslashes(resolver: Resolver) -> None:
    assert resolver.resolve("./docs/M31_audit.md").path == "docs/M31_audit.md"
    assert resolver.resolve("docs\\M31_audit.md").path == "docs/M31_audit.md"


def test_resolved_against_report_folder(resolver: Resolver) -> None:
    r = resolver.resolve("local.md", REPORT)
    assert (r.status, r.path, r.via) == (Status.RESOLVED, "reports/local.md", "report")


def test_dotdot_from_report_folder_stays_inside(resolver: Resolver) -> None:
    r = resolver.resolve("../tunix-rt.md", REPORT)
    assert (r.status, r.path, r.via) == (Status.RESOLVED, "tunix-rt.md", "report")


def test_report_given_as_absolute_path(resolver: Resolver, repo: Path) -> None:
    r = resolver.resolve("local.md", repo / REPORT)
    assert (r.status, r.via) == (Status.RESOLVED, "report")


def test_resolved_by_unique_name(resolver: Resolver) -> None:
    r = resolver.resolve("M31_audit.md", REPORT)
    assert (r.status, r.path, r.via) == (Status.RESOLVED, "docs/M31_audit.md", "name")


def test_resolved_by_unique_path_suffix(resolver: Resolver) -> None:
    r = resolver.resolve("m33_v1/eval_summary.json")
    assert (r.status, r.path, r.via) == (Status.RESOLVED,
                                         "submission_runs/m33_v1/eval_summary.json", "name")


def test_ambiguous_name_lists_candidates(resolver: Resolver) -> None:
    r = resolver.resolve("CHANGELOG.md", REPORT)
    assert r.status is Status.AMBIGUOUS
    assert r.candidates == ("docs/a/CHANGELOG.md", "docs/b/CHANGELOG.md")
    assert not r.ok


def test_ambiguity_resolved_by_a_longer_path(resolver: Resolver) -> None:
    assert resolver.resolve("b/CHANGELOG.md").path == "docs/b/CHANGELOG.md"


def test_missing_with_case_near_miss(resolver: Resolver) -> None:
    r = resolver.resolve("m31_AUDIT.md")
    assert r.status is Status.MISSING
    assert r.candidates == ("docs/M31_audit.md",)


def test_missing_plain(resolver: Resolver) -> None:
    r = resolver.resolve("docs/nope.md", REPORT)
    assert (r.status, r.candidates, r.reason) == (Status.MISSING, (), "no such file")


def test_empty_path_is_missing(resolver: Resolver) -> None:
    assert resolver.resolve("  ").status is Status.MISSING


@pytest.mark.parametrize(("cited", "reason"), [
    ("../secret.md", "'..' climbs out"),
    ("docs/../../outside/secret.md", "'..' climbs out"),
    ("/etc/passwd", "absolute path"),
    ("~/notes.md", "home folder"),
    ("~", "home folder"),
    ("file:///etc/passwd", "file:// URL"),
    ("FILE://host/x.md", "file:// URL"),
    ("C:\\Users\\me\\x.md", "Windows drive"),
    ("c:/x.md", "Windows drive"),
    ("\\\\server\\share\\x.md", "UNC"),
    ("//server/share/x.md", "UNC"),
])
def test_outside_root(resolver: Resolver, cited: str, reason: str) -> None:
    r = resolver.resolve(cited)
    assert r.status is Status.OUTSIDE
    assert reason in r.reason
    assert r.path == ""


def test_dotdot_escaping_from_every_base(resolver: Resolver) -> None:
    r = resolver.resolve("../../x.md", REPORT)
    assert r.status is Status.OUTSIDE


def test_symlink_to_outside_file(resolver: Resolver) -> None:
    r = resolver.resolve("docs/leak.md")
    assert r.status is Status.OUTSIDE
    assert "symbolic link" in r.reason


def test_path_through_symlinked_folder_outside(resolver: Resolver) -> None:
    r = resolver.resolve("linkdir/inner.md")
    assert r.status is Status.OUTSIDE
    assert "symbolic link" in r.reason


def test_symlink_found_by_name_is_refused(resolver: Resolver) -> None:
    r = resolver.resolve("leak.md")
    assert r.status is Status.OUTSIDE
    assert "docs/leak.md" in r.reason


def test_symlink_inside_root_resolves_to_its_target(resolver: Resolver) -> None:
    r = resolver.resolve("docs/alias.md")
    assert (r.status, r.path) == (Status.RESOLVED, "tunix-rt.md")


def test_dangling_and_looping_links_are_missing_with_the_reason(tmp_path: Path) -> None:
    os.symlink("loop_b.md", tmp_path / "loop_a.md")
    os.symlink("loop_a.md", tmp_path / "loop_b.md")
    (tmp_path / "sub").mkdir()
    os.symlink("gone.md", tmp_path / "sub" / "dangling.md")
    resolver = Resolver(FileTree(tmp_path))
    for cited, where in (("loop_a.md", ""), ("sub/dangling.md", ""),
                         ("dangling.md", "sub/dangling.md: ")):
        r = resolver.resolve(cited)
        assert r.status is Status.MISSING, cited
        # regression: the link itself was offered as a same-name file "in another case"
        assert r.candidates == (), cited
        assert r.reason == where + "a symbolic link that leads nowhere (a broken link or a loop)"


def test_near_misses_differ_in_case_only(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# R\n")
    r = Resolver(FileTree(tmp_path)).resolve("readme.md")
    assert (r.status, r.candidates) == (Status.MISSING, ("README.md",))


@pytest.mark.parametrize("cited", ["docs/", "docs", "submission_runs/m33_v1/"])
def test_directory(resolver: Resolver, cited: str) -> None:
    r = resolver.resolve(cited)
    assert r.status is Status.DIRECTORY
    assert r.path == cited.rstrip("/")
    assert r.ok


def test_directory_by_name(resolver: Resolver) -> None:
    r = resolver.resolve("m33_v1/")
    assert (r.status, r.path) == (Status.DIRECTORY, "submission_runs/m33_v1")


def test_web_address_is_external(resolver: Resolver) -> None:
    r = resolver.resolve("https://www.kaggle.com/c/x")
    assert r.status is Status.EXTERNAL
    assert not r.ok


def test_memoised(resolver: Resolver) -> None:
    assert resolver.resolve("tunix-rt.md", REPORT) is resolver.resolve("tunix-rt.md", REPORT)


# --------------------------------------------------------------------------- the tree


def test_tree_skips_vendored_virtualenv_and_build_folders(repo: Path) -> None:
    tree = FileTree(repo)
    assert tree.by_name("hidden_only.md") == []
    assert not any(f.startswith((".git/", "node_modules/", "build/", "myenv/", ".venv/"))
                   for f in tree.files)
    assert "docs/leak.md" in tree.files  # listed, never followed
    assert "linkdir" in tree.files
    assert not any(f.startswith("linkdir/") for f in tree.files)


def test_direct_path_into_a_skipped_folder_still_resolves(resolver: Resolver) -> None:
    r = resolver.resolve("build/hidden_only.md")
    assert (r.status, r.path) == (Status.RESOLVED, "build/hidden_only.md")
    assert resolver.resolve("hidden_only.md").status is Status.MISSING


def test_custom_skip_dirs(repo: Path) -> None:
    tree = FileTree(repo, skip_dirs=("docs",))
    assert tree.by_name("M31_audit.md") == []
    # the list replaces the defaults; a virtualenv (pyvenv.cfg) is skipped whatever its name
    assert tree.by_name("hidden_only.md") == [
        ".venv/hidden_only.md", "build/hidden_only.md", "node_modules/pkg/hidden_only.md"]


def test_find_root(repo: Path, tmp_path: Path) -> None:
    assert find_root(repo / "docs" / "a") == repo.resolve()
    assert find_root(repo / "tunix-rt.md") == repo.resolve()
    lonely = tmp_path / "x"
    lonely.mkdir()
    assert find_root(lonely) == lonely.resolve()


def test_within() -> None:
    assert within("/a/b", "/a")
    assert within("/a", "/a")
    assert not within("/ab", "/a")
    assert within("/x", "/")


# --------------------------------------------------------------------------- never read outside


def _outside_events(events: list[tuple[str, str]], outside: Path) -> list[tuple[str, str]]:
    real = os.path.realpath(outside)
    return [(e, p) for e, p in events if os.path.realpath(p).startswith(real)]


def test_nothing_outside_is_opened_or_listed(repo: Path, outside: Path,
                                            audit: list[tuple[str, str]]) -> None:
    sources = Sources(repo)
    for cited in ("docs/leak.md", "leak.md", "linkdir/inner.md", "../outside/secret.md",
                  str(outside / "secret.md"), "linkdir/", "inner.md"):
        r = sources.resolve(cited, REPORT)
        assert not r.ok, cited
        assert sources.index_for(r) is None
    # the reverse index reads every evidence file under the root
    assert sources.occurrences(123456) == []
    assert sources.occurrences(42) == []
    assert any(e == "open" for e, _p in audit)  # the hook does see the reads inside
    assert _outside_events(audit, outside) == []


def test_read_bytes_refuses_a_link_outside_without_opening(repo: Path, outside: Path,
                                                           audit: list[tuple[str, str]]) -> None:
    tree = FileTree(repo)
    with pytest.raises(OutsideRootError):
        tree.read_bytes("docs/leak.md", 1000)
    with pytest.raises(OutsideRootError):
        tree.read_bytes("linkdir/inner.md", 1000)
    assert _outside_events(audit, outside) == []


def test_index_of_a_link_outside_is_skipped_not_read(repo: Path, outside: Path,
                                                     audit: list[tuple[str, str]]) -> None:
    idx = Sources(repo).index("docs/leak.md")
    assert idx.skipped == "it is outside the sources root"
    assert idx.numbers == {}
    assert _outside_events(audit, outside) == []


def test_fifo_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.md")
    sources = Sources(tmp_path)
    res = sources.resolve("pipe.md")
    assert (res.status, res.reason) == (Status.UNREADABLE, "a FIFO (named pipe)")
    assert sources.index("pipe.md").skipped == "a FIFO (named pipe), not a regular file"


def test_the_audit_detector_would_see_an_outside_read(outside: Path,
                                                      audit: list[tuple[str, str]]) -> None:
    # a control for the tests above: a direct read outside the root is recorded
    (outside / "secret.md").read_bytes()
    assert _outside_events(audit, outside) == [("open", str(outside / "secret.md"))]
