"""The whole suite runs without the plugins installed in the environment.

Set before any registry is built, and inherited by every ``reportlint`` the
tests start: a third-party plugin that happens to be installed (its rules are
enabled by default) must not change what the suite sees. A test that wants
plugins removes the variable (tests/core/test_plugin_example.py).
"""

from __future__ import annotations

import os

from reportlint.registry import NO_PLUGINS_ENV

os.environ[NO_PLUGINS_ENV] = "1"
