"""Shared fixtures for the evidence layer tests.

``repo`` is a fresh copy of ``fixtures/repo`` with what cannot be committed
added at test time: symbolic links (one pointing outside the root), skipped
folders (``node_modules``, a virtualenv, ``build``) and an "outside" folder
beside the root holding a secret that must never be opened.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audit import recording

FIXTURE = Path(__file__).parent / "fixtures" / "repo"

@pytest.fixture
def audit() -> Iterator[list[tuple[str, str]]]:
    with recording() as events:
        yield events


@pytest.fixture(scope="session")
def repo_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("evidence")
    root = base / "repo"
    shutil.copytree(FIXTURE, root)
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nThe password is 123456.\n")
    (outside / "dir").mkdir()
    (outside / "dir" / "inner.md").write_text("# Inner\n\n42 things.\n")
    os.symlink(outside / "secret.md", root / "docs" / "leak.md")
    os.symlink(outside / "dir", root / "linkdir")
    os.symlink(root / "tunix-rt.md", root / "docs" / "alias.md")
    for skipped in ("node_modules/pkg", "build", "myenv", ".venv"):
        (root / skipped).mkdir(parents=True)
        (root / skipped / "hidden_only.md").write_text("# Hidden\n\n2200 tests\n")
    (root / "myenv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (root / ".git").mkdir()
    return base


@pytest.fixture(scope="session")
def repo(repo_base: Path) -> Path:
    return repo_base / "repo"


@pytest.fixture(scope="session")
def outside(repo_base: Path) -> Path:
    return repo_base / "outside"
