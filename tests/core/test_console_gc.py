"""The collector settings: made by the console command, never by the library (issue 10).

``reportlint.cli:run`` (the ``reportlint`` command) freezes what the imports
created and raises the youngest generation's threshold; ``lint_string`` and
the engine leave the process's collector as they found it.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys

from reportlint.testing import lint_string

# run() in a child process (the settings are process-wide), with `main` replaced by
# a probe that reports what the collector looks like when the command starts
PROBE = """
import gc, json
import reportlint.cli as cli
before = {"threshold": gc.get_threshold(), "frozen": gc.get_freeze_count()}
def probe():
    print(json.dumps({"before": before, "threshold": gc.get_threshold(),
                      "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
cli.main = probe
cli.run()
"""


def test_the_console_command_freezes_the_imports_and_raises_the_threshold() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    seen = json.loads(out)
    # the interpreter's own starting point differs by version (3.12 starts with some
    # objects frozen, 3.13's default threshold is 2,000): compare with it
    assert seen["before"]["threshold"] != [10_000, 10, 10]
    assert seen["frozen"] > seen["before"]["frozen"] + 1000  # what the imports created
    assert seen["threshold"] == [10_000, 10, 10]
    assert seen["enabled"] is True  # cycles are still collected


def test_linting_as_a_library_leaves_the_collector_alone() -> None:
    threshold, frozen, enabled = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    findings = lint_string("# Report\n\nTests pass: 1,204 of 1,210.\n",
                           config={"extends": "executive-summary"})
    assert findings  # it did lint
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == (
        threshold, frozen, enabled)
