"""SARIF 2.1.0 built with sarif-om: schema-valid, complete rule metadata, explicit levels,
no sarif-om default noise, and sarif-om imported only for SARIF outputs."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from reportlint.baseline import FINGERPRINT_KEY
from reportlint.notices import NOTICES
from reportlint.reporters import REPORTERS, get
from reportlint.reporters.sarif import DOCS_URI, SCHEMA_URI, help_uri, rule_doc_filename
from reportlint.ruledoc import render_doc
from tests.reporters.support import (
    FAKE_RULES,
    REPO,
    FakeRule,
    clean_env,
    rule_classes,
    run_cli,
    sample_info,
    sample_results,
    validate_sarif,
)


def _sarif(**info: Any) -> dict[str, Any]:
    return validate_sarif(get("sarif")(sample_results(), sample_info(**info)))


def _walk(node: Any, path: str = "") -> Any:
    if isinstance(node, dict):
        for k, v in node.items():
            yield f"{path}/{k}", k, v
            yield from _walk(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}/{i}")


def test_registered():
    assert REPORTERS["sarif"] == "reportlint.reporters.sarif"


def test_log_run_and_driver():
    log = _sarif()
    assert log["$schema"] == SCHEMA_URI
    assert log["version"] == "2.1.0"
    assert list(log)[:2] == ["$schema", "version"]
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "reportlint"
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"] == "https://github.com/reportlint/reportlint"
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == REPO.as_uri() + "/"


def test_every_enabled_rule_has_full_metadata():
    info = sample_info()
    driver = _sarif()["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [c.id for c in info.rules]
    for desc, cls in zip(driver["rules"], info.rules):
        assert desc["name"] == cls.name
        assert desc["shortDescription"]["text"].rstrip(".") == cls.summary.rstrip(".")
        assert desc["fullDescription"]["text"]
        assert desc["help"]["markdown"] == render_doc(cls)
        assert desc["help"]["text"]
        assert desc["helpUri"] == DOCS_URI + f"{cls.id}-{cls.name}.md"
        assert desc["defaultConfiguration"]["level"] == cls.default_severity.value
        assert desc["properties"]["precision"] == cls.precision
        assert desc["properties"].get("tags", []) == list(cls.tags)
    fake = driver["rules"][0]
    assert fake["fullDescription"]["text"] == (
        "Checks every number of a sourced claim against the cited files.")


def test_help_uri_only_for_builtin_rules():
    assert help_uri(FakeRule) == DOCS_URI + "RL306-claim-not-in-source.md"

    class Plugin:
        id, name, __module__ = "ACME101", "acme", "acme_rules"

    assert help_uri(Plugin) is None
    Plugin.help_uri = "https://acme.example/rules/ACME101"
    assert help_uri(Plugin) == "https://acme.example/rules/ACME101"


def test_results_explicit_level_one_location_and_rule_index():
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    for res in results:
        assert "level" in res  # even "warning", sarif-om's default
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["message"]["text"]
        assert len(res["locations"]) == 1
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"] == {"uri": "docs/report.md", "uriBaseId": "%SRCROOT%"}
        region = phys["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert list(res["partialFingerprints"]) == [FINGERPRINT_KEY]
    # the tool's notices are notifications, not results
    assert not any(r["ruleId"].startswith("RL9") for r in results)


def test_related_locations_keep_project_relative_paths():
    res = next(r for r in _sarif()["runs"][0]["results"] if r["ruleId"] == "RL306")
    related = res["relatedLocations"]
    assert [r["id"] for r in related] == [0, 1]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        "sources/perf.md", "sources/bench/run.md"]
    assert related[0]["message"]["text"] == "expected in perf.md §Latency, which says 47 ms"
    assert related[0]["physicalLocation"]["region"] == {
        "startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 30}
    assert res["properties"] == {"fix": "cite bench/run.md"}
    # the engine made evidence paths project-relative; the reporter does not shift them
    res = next(r for r in _sarif(sources_root=".")["runs"][0]["results"]
               if r["ruleId"] == "RL306")
    assert res["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "sources/perf.md"


def test_suppressions_and_omitting_them():
    results = _sarif()["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "justification": "agreed with finance"}]
    results = _sarif(sarif_omit_suppressed=True)["runs"][0]["results"]
    assert not any("suppressions" in r for r in results)
    assert len(results) == 3


def test_invocation_and_notifications():
    run = _sarif()["runs"][0]
    inv = run["invocations"]
    assert len(inv) == 1
    inv = inv[0]
    assert inv["executionSuccessful"] is False  # exit code 2: an unreadable file
    assert inv["exitCode"] == 2
    assert inv["commandLine"] == "reportlint check docs"
    assert inv["arguments"] == ["check", "docs"]
    assert inv["startTimeUtc"] == "2024-01-01T00:00:00.000Z"
    assert inv["endTimeUtc"] == "2024-01-01T00:00:01.000Z"
    notes = inv["toolExecutionNotifications"]
    descriptors = run["tool"]["driver"]["notifications"]
    assert [d["id"] for d in descriptors] == list(NOTICES)
    assert [(n["descriptor"]["id"], n["level"]) for n in notes] == [
        ("RL904", "error"), ("RL901", "warning")] or [
        (n["descriptor"]["id"], n["level"]) for n in notes] == [
        ("RL901", "warning"), ("RL904", "error")]
    for n in notes:
        assert descriptors[n["descriptor"]["index"]]["id"] == n["descriptor"]["id"]
        assert n["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == \
            "%SRCROOT%"
    assert _sarif(exit_code=1)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_no_sarif_om_default_noise():
    log = _sarif()
    for where, key, value in _walk(log):
        assert value != -1 and value != -1.0, where
        assert key not in ("language", "newlineSequences", "contents", "rank", "index") \
            or where.endswith("/descriptor/index"), where
        assert key != "kind" or "/suppressions/" in where, where
        assert value is not None, where
        if key == "enabled":
            raise AssertionError(f"default-valued {where}")


def test_baseline_state_only_with_a_baseline():
    assert not any("baselineState" in r for r in _sarif()["runs"][0]["results"])
    results = sample_results()
    findings = results[0].findings
    i = next(i for i, f in enumerate(findings) if f.rule_id == "RL306")
    findings[i] = dataclasses.replace(findings[i], baselined=True)
    log = validate_sarif(get("sarif")(results, sample_info(baseline=True)))
    states = [r["baselineState"] for r in log["runs"][0]["results"]]
    assert states.count("unchanged") == 1 and set(states) == {"unchanged", "new"}


def test_deterministic_apart_from_timestamps():
    a = get("sarif")(sample_results(), sample_info())
    b = get("sarif")(sample_results(), sample_info())
    assert a == b
    c = json.loads(get("sarif")(sample_results(), sample_info(
        start_time="2025-05-05T00:00:00.000Z", end_time="2025-05-05T00:00:02.000Z")))
    inv = c["runs"][0]["invocations"][0]
    inv["startTimeUtc"], inv["endTimeUtc"] = "2024-01-01T00:00:00.000Z", \
        "2024-01-01T00:00:01.000Z"
    assert c == json.loads(a)


def test_snapshot(snapshot):
    snapshot.snapshot_dir = Path(__file__).parent / "snapshots"
    text = get("sarif")(sample_results(), sample_info(project_root="/project", rules=FAKE_RULES))
    validate_sarif(text)
    snapshot.assert_match(text, "sample.sarif")


def test_paths_are_uri_encoded():
    results = sample_results(path="docs/my report #1.md")
    log = validate_sarif(get("sarif")(results, sample_info()))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"]["uri"]
    assert uri == "docs/my%20report%20%231.md"


def _imported_modules(*args: str, cwd: Path) -> set[str]:
    """The modules the installed ``reportlint`` imports for ``args`` (``-X importtime``)."""
    env = clean_env(PYTHONPROFILEIMPORTTIME="1")
    r = run_cli(*args, cwd=cwd, env=env)
    assert r.returncode in (0, 1), r.stderr[-2000:]
    return {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


def test_sarif_om_is_imported_only_for_a_sarif_output(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text("## Intro\n\nA world-class tool.\n", encoding="utf-8")
    base = ("check", "r.md", "--select", "RL210")
    for fmt in ("text", "github", "json"):
        mods = _imported_modules(*base, "--format", fmt, cwd=tmp_path)
        assert "reportlint.cli" in mods, "the import log was not read"
        assert not {"sarif_om", "attr"} & mods, f"--format {fmt} imported sarif-om"
    mods = _imported_modules(*base, "--sarif-file", "out.sarif", cwd=tmp_path)
    assert "sarif_om" in mods
    validate_sarif((tmp_path / "out.sarif").read_text(encoding="utf-8"))


def test_to_json_drops_sarif_om_defaults_but_keeps_levels():
    import sarif_om

    from reportlint.reporters.sarif import to_json

    result = sarif_om.Result(message=sarif_om.Message(text="m"), level="warning",
                             rule_id="RL210", rule_index=0)
    # rank -1.0, kind "fail" and every None are sarif-om's placeholders; index 0 is real
    assert to_json(result) == {"message": {"text": "m"}, "level": "warning",
                               "ruleId": "RL210", "ruleIndex": 0}
    config = sarif_om.ReportingConfiguration(level="warning")
    assert to_json(config) == {"level": "warning"}  # enabled true and rank -1 left out


def test_rule_doc_file_name():
    (cls,) = rule_classes("RL101")
    assert rule_doc_filename(cls) == "RL101-required-headings.md"


def test_repo_check_sarif_validates_and_links_to_rule_pages(tmp_path: Path):
    out = tmp_path / "repo.sarif"
    r = run_cli("check", "--sarif-file", str(out), cwd=REPO)
    assert r.returncode in (0, 1), r.stderr
    assert not r.stdout.lstrip().startswith("{")  # text stays on standard output
    log = validate_sarif(out.read_text(encoding="utf-8"))
    run = log["runs"][0]
    assert run["results"], "the bundled example has findings"
    for res in run["results"]:
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (REPO / uri).is_file(), uri
    for desc in run["tool"]["driver"]["rules"]:
        page = desc["helpUri"].removeprefix(
            "https://github.com/reportlint/reportlint/blob/main/")
        assert (REPO / page).is_file(), f"{desc['id']}: no page {page} (run `reportlint docs`)"
    for res in run["results"]:
        for rel in res.get("relatedLocations", []):
            uri = rel["physicalLocation"]["artifactLocation"]["uri"]
            assert (REPO / uri).exists(), f"related location {uri} does not resolve"


@pytest.mark.parametrize("flag", ["--sarif-file", "--output"])
def test_cli_sarif_outputs_validate(tmp_path: Path, flag: str):
    (tmp_path / ".git").mkdir()
    (tmp_path / "r.md").write_text(
        "## Intro\n\nA world-class tool.\n\n<!-- reportlint-disable-next-line RL211 -- later -->\n"
        "TODO one\n\nTBD two\n\n<!-- reportlint-disable RL999 -->\n", encoding="utf-8")
    value = "out.sarif" if flag == "--sarif-file" else "sarif:out.sarif"
    r = run_cli("check", "r.md", "--select", "RL210,RL211", flag, value, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    log = validate_sarif((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    run = log["runs"][0]
    assert [d["id"] for d in run["tool"]["driver"]["rules"]] == ["RL210", "RL211"]
    assert sorted((res["ruleId"], "suppressions" in res) for res in run["results"]) == [
        ("RL210", False), ("RL211", False), ("RL211", True)]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["RL901"]
    assert "RL901" in r.stdout  # the notice also reaches the text output


def test_rule_missing_from_info_still_gets_a_full_descriptor():
    results = sample_results()
    findings = results[0].findings
    i = next(i for i, f in enumerate(findings) if f.rule_id == "RL210")
    findings[i] = dataclasses.replace(findings[i], rule_id="ACME101", rule_name="acme")
    log = _sarif_of(results, sample_info(rules=[]))
    rules = {d["id"]: d for d in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"ACME101", "RL306", "RL211"}
    assert rules["RL211"]["help"]["markdown"] == render_doc(rule_classes("RL211")[0])
    acme = rules["ACME101"]
    assert acme["shortDescription"]["text"] == "Findings of rule ACME101 acme."
    assert acme["help"]["text"] and acme["fullDescription"]["text"]


def _sarif_of(results: list, info: Any) -> dict[str, Any]:
    return validate_sarif(get("sarif")(results, info))
