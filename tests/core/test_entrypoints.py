"""The entry-point reader agrees with importlib.metadata, and plugins load through it."""

from __future__ import annotations

import sys
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from reportlint import entrypoints
from reportlint.registry import RegistryError, build_registry
from tests.core.test_cli import LOCAL_RULE


def _ours(group: str) -> set[tuple[str, str, str | None]]:
    return {(ep.name, ep.value, ep.dist.name if ep.dist else None)
            for ep in entrypoints.entry_points(group)}


def _theirs(group: str) -> set[tuple[str, str, str | None]]:
    return {(ep.name, ep.value, ep.dist.name if ep.dist else None)
            for ep in metadata.entry_points(group=group)}


@pytest.mark.parametrize("group", ["reportlint.rules", "console_scripts", "pytest11"])
def test_same_entry_points_as_importlib_metadata(group: str):
    ours = _ours(group)
    assert ours == _theirs(group)
    if group != "pytest11":
        assert ours  # the environment has some: the comparison is not vacuous


def _plugin(folder: Path, dist: str = "acme_rules", version: str = "1.2",
            module: str = "acme_mod", body: str = LOCAL_RULE) -> None:
    info = folder / f"{dist}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist.replace('_', '-')}\nVersion: {version}\n\nText\n")
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nacme = acme_mod:main\n\n"
        f"[reportlint.rules]\nacme = {module}:get_rules\n")
    (folder / f"{module}.py").write_text(
        body + "\n\ndef get_rules():\n    return [NoAcme]\n")


def test_a_plugin_distribution_on_sys_path_is_loaded(tmp_path: Path, monkeypatch: Any):
    _plugin(tmp_path / "site")
    # the same distribution later on sys.path is shadowed, as importlib.metadata does
    _plugin(tmp_path / "later", version="9.9", module="acme_shadow",
            body=LOCAL_RULE.replace("ACME101", "ACME999"))
    monkeypatch.syspath_prepend(str(tmp_path / "later"))
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert _ours("reportlint.rules") == _theirs("reportlint.rules")
    reg = build_registry()
    assert reg.get("no-acme").id == "ACME101"
    assert reg.origin("ACME101") == "acme-rules 1.2"
    assert reg.resolve("ACME999") is None


def test_a_broken_plugin_is_a_clear_error(tmp_path: Path, monkeypatch: Any):
    _plugin(tmp_path, module="acme_broken", body="raise ImportError('needs acme-core')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RegistryError) as info:
        build_registry()
    assert str(info.value) == ("plugin entry point 'acme' (acme_broken:get_rules) failed to "
                               "load: ImportError: needs acme-core")


def test_a_zip_on_sys_path_falls_back_to_importlib_metadata(tmp_path: Path, monkeypatch: Any):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("zipped_rules-0.1.dist-info/METADATA",
                    "Metadata-Version: 2.1\nName: zipped-rules\nVersion: 0.1\n")
        zf.writestr("zipped_rules-0.1.dist-info/entry_points.txt",
                    "[reportlint.rules]\nzipped = zipped_mod:get_rules\n")
        zf.writestr("zipped_mod.py", LOCAL_RULE.replace("ACME101", "ZIP101")
                    + "\n\ndef get_rules():\n    return [NoAcme]\n")
    monkeypatch.syspath_prepend(str(archive))
    assert ("zipped", "zipped_mod:get_rules", "zipped-rules") in _ours("reportlint.rules")
    reg = build_registry()
    assert reg.origin("ZIP101") == "zipped-rules 0.1"
    sys.modules.pop("zipped_mod", None)


def test_parsing_ignores_comments_other_groups_and_extras():
    text = ("# comment\n[reportlint.rules]\n; also a comment\n"
            "a = pkg.mod:factory [extra1, extra2]\n b=pkg:obj.attr\n\n[other]\nc = x:y\n")
    eps = list(entrypoints._parse(text, "reportlint.rules", "/nowhere/x-1.dist-info"))
    assert [(e.name, e.value) for e in eps] == [
        ("a", "pkg.mod:factory [extra1, extra2]"), ("b", "pkg:obj.attr")]


def test_load_resolves_dotted_attributes_and_drops_extras():
    ep = entrypoints.EntryPoint("x", "os.path:join [extra]", "g", None)
    import os.path

    assert ep.load() is os.path.join
    assert entrypoints.EntryPoint("y", "os:path.join", "g", None).load() is os.path.join
