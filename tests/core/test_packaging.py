"""Both install modes work: the editable one we develop in, and a built wheel."""

from __future__ import annotations

import importlib
import subprocess
import sys
import sysconfig
from pathlib import Path

from reportlint.registry import NO_PLUGINS_ENV
from tests.core.conftest import REPO


def test_editable_install_maps_rules_folder():
    module = importlib.import_module("reportlint.rules")
    assert Path(module.__file__).resolve() == REPO / "rules" / "__init__.py"


def test_wheel_contains_and_runs_the_builtin_rules(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True, text=True, timeout=300)
    (wheel,) = wheels.glob("reportlint-*.whl")
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/rules/rl101_required_headings.py" in names
    assert "reportlint/profiles/executive-summary.yml" in names
    assert not any(n.startswith("rules/") for n in names)  # no top-level `rules` package
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True, timeout=300)
    # -S: no site processing, so the editable install's hook is not active; the
    # dependencies come from this environment's site-packages, reportlint from the wheel
    deps = sysconfig.get_paths()["purelib"]
    env = {"PYTHONPATH": f"{site}{':'}{deps}", "PATH": "/usr/bin:/bin", NO_PLUGINS_ENV: "1"}
    probe = subprocess.run(
        [sys.executable, "-S", "-c",
         "import reportlint, reportlint.rules as r; print(reportlint.__file__); "
         "print(r.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=True)
    assert all(line.startswith(str(site)) for line in probe.stdout.splitlines())
    (tmp_path / "r.md").write_text("## Intro\n\nA world-class tool.\n")
    r = subprocess.run([sys.executable, "-S", "-m", "reportlint", "check", "r.md",
                        "--select", "RL210", "-q"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert r.stdout == 'r.md:3:3: RL210 [warning] banned phrase "world-class"\n', r.stderr
