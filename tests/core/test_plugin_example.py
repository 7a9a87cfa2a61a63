"""A third-party plugin (tests/plugin_example, written from the README's "Writing a
rule"): tested with lint_string before packaging, then installed offline and run
through its entry point by the installed ``reportlint``; and kept out of the suite.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reportlint.config import ConfigError
from reportlint.registry import NO_PLUGINS_ENV
from reportlint.testing import lint_string, render_findings
from tests.core.conftest import REPO, reportlint_exe

PLUGIN = REPO / "tests" / "plugin_example"
REPORT = """\
## Results

We believe the cache halves latency.

- it seems stable, and `we believe` in code is not prose

## Risks

We believe the load may grow.
"""


def _plugin_module() -> Any:
    path = PLUGIN / "src" / "reportlint_hedging" / "__init__.py"
    spec = importlib.util.spec_from_file_location("reportlint_hedging_uninstalled", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses looks the module up
    spec.loader.exec_module(module)
    return module


def test_the_rule_is_tested_before_packaging() -> None:
    rule = _plugin_module().NoHedging
    assert render_findings(lint_string(REPORT, rules=[rule])) == (
        '3:1-3:11 HDG101 warning hedging phrase "we believe"\n'
        '5:3-5:11 HDG101 warning hedging phrase "it seems"\n')
    # options and severity from a config, as a user's .reportlint.yml would give them
    found = lint_string(REPORT, rules=[rule], config={"rules": {"no-hedging": {
        "phrases": ["may grow"], "allow-in": [], "severity": "error"}}})
    assert render_findings(found) == '9:21-9:29 HDG101 error hedging phrase "may grow"\n'
    # only the named rules run: RL210 would flag nothing here, RL211 the TODO
    assert [f.rule_id for f in lint_string("TODO\n\nWe believe.\n", rules=[rule, "RL211"])
            ] == ["RL211", "HDG101"]


def test_a_bad_option_is_the_config_error_a_user_would_see() -> None:
    rule = _plugin_module().NoHedging
    with pytest.raises(ConfigError) as err:
        lint_string(REPORT, rules=[rule], config="rules:\n  HDG101:\n    phrases: ['']\n")
    assert str(err.value) == (".reportlint.yml:2: rules.no-hedging: phrases: an empty phrase "
                              "would match everywhere")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin installed from a copy (no build files in the repository), offline."""
    tmp = tmp_path_factory.mktemp("plugin")
    source = tmp / "source"
    shutil.copytree(PLUGIN, source)
    site = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--target", str(site), str(source)],
                   check=True, capture_output=True, text=True, timeout=300)
    assert (site / "reportlint_hedging" / "__init__.py").is_file()
    return site


def _run(site: Path, project: Path, *args: str, plugins: bool = True
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in (NO_PLUGINS_ENV, "GITHUB_ACTIONS", "NO_COLOR")}
    env["PYTHONPATH"] = str(site)  # where the plugin is installed, beside the venv's
    if not plugins:
        env[NO_PLUGINS_ENV] = "1"
    return subprocess.run([reportlint_exe(), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_installed_plugin_runs_through_its_entry_point(installed: Path,
                                                          project: Path) -> None:
    (project / "r.md").write_text(REPORT + "\nTODO: the cost table.\n")
    (project / ".reportlint.yml").write_text("documents: [r.md]\n")
    r = _run(installed, project, "check")
    assert r.returncode == 1, r.stderr  # RL211's error; HDG101's warnings alone would pass
    assert [ln for ln in r.stdout.splitlines() if "HDG101" in ln] == [
        'r.md:3:1: HDG101 [warning] hedging phrase "we believe"',
        'r.md:5:3: HDG101 [warning] hedging phrase "it seems"']
    assert 'r.md:11:1: RL211 [error] placeholder "TODO" left in the text' in r.stdout
    listing = _run(installed, project, "rules")
    line = next(ln for ln in listing.stdout.splitlines() if "HDG101" in ln)
    assert "no-hedging" in line and "reportlint-hedging 1.0.0" in line
    explain = _run(installed, project, "explain", "no-hedging")
    assert "## Why is this bad?" in explain.stdout


def test_plugins_stay_out_when_autoload_is_disabled(installed: Path, project: Path) -> None:
    (project / "r.md").write_text(REPORT)
    (project / ".reportlint.yml").write_text("documents: [r.md]\n")
    r = _run(installed, project, "check", plugins=False)
    assert "HDG101" not in r.stdout
    refused = _run(installed, project, "check", "--select", "HDG101", plugins=False)
    assert refused.returncode == 2
    assert "no such rule: 'HDG101'" in refused.stderr or \
        "no such rule 'HDG101'" in refused.stderr
