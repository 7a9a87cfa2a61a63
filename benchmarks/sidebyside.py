"""Side-by-side timing of whole commands, and an npm tool to compare against.

Shared by the benchmarks (``bench.py``; a repository-scale benchmark can reuse
it): ``npm_tool`` installs an npm package into a temporary folder and returns
its command, or ``None`` and the reason when npm or the registry is not
there; ``installed_reportlint`` installs reportlint from the working tree
into a fresh virtual environment, as a user's ``pip install`` does;
``time_commands`` runs commands interleaved, repeatedly, and returns medians,
so the load of a shared machine weighs on every command alike.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

NPM_TIMEOUT = 600.0  # seconds for `npm install` on a slow registry mirror
REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Sample:
    """Medians of one command's repeats: wall-clock and CPU seconds (children included)."""

    wall: float
    cpu: float


def npm_tool(package: str, folder: Path, command: str | None = None
             ) -> tuple[list[str] | None, str]:
    """``npm install --prefix FOLDER PACKAGE``: (the tool's command, its version) or
    (None, why not). Nothing is installed outside ``folder``."""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run([npm, "install", "--prefix", str(folder), "--no-audit",
                               "--no-fund", "--loglevel=error", package],
                              capture_output=True, text=True, timeout=NPM_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"npm install {package} did not finish in {NPM_TIMEOUT:g} s"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return None, f"npm install {package} failed: {last[:200]}"
    exe = folder / "node_modules" / ".bin" / (command or package.split("@")[0])
    if not exe.exists():
        return None, f"npm installed {package} but {exe.name} is not in node_modules/.bin"
    version = "?"
    try:
        import json

        meta = folder / "node_modules" / package.split("@")[0] / "package.json"
        version = json.loads(meta.read_text(encoding="utf-8")).get("version", "?")
    except (OSError, ValueError):
        pass
    return [str(exe)], version


def child_env() -> dict[str, str]:
    """The environment of measured commands: bytecode caching on, as for any user
    (with PYTHONDONTWRITEBYTECODE set, modules without a cache are compiled on
    every start), and no GitHub Actions detection."""
    env = dict(os.environ)
    for key in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        env.pop(key, None)
    return env


def installed_reportlint(folder: Path) -> tuple[Path, str]:
    """A fresh venv in ``folder`` with reportlint installed from the working tree
    (a wheel, not the editable install), its dependencies from the wheelhouse
    ``make install`` fills (no index, no network): (its ``bin`` folder, a
    description). Users run an installed reportlint, not the development venv's
    editable install, whose import hook and extra packages add about 1.5 % to a
    check of the bundled example (instructions counted with callgrind). When the
    install fails, the development venv's ``bin`` is returned, and the
    description says so."""
    dev = Path(sys.executable).parent
    wheelhouse = dev.parent / "wheelhouse"
    if not wheelhouse.is_dir():
        return dev, f"the development venv ({dev.parent}; no {wheelhouse} for an install)"
    venv = folder / "venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True,
                       capture_output=True, timeout=300)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--no-index", "--find-links", str(wheelhouse), str(REPO)],
                       check=True, capture_output=True, timeout=600, env=child_env())
        # byte-compile as the first run of an installed tool would
        subprocess.run([str(venv / "bin" / "reportlint"), "--version"], check=True,
                       capture_output=True, timeout=60, env=child_env())
    except (OSError, subprocess.SubprocessError) as exc:
        return dev, f"the development venv ({dev.parent}; the install failed: {exc})"
    return venv / "bin", f"reportlint installed from the working tree into {venv}"


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(fns: Mapping[str, Callable[[], object]], repeats: int,
            warmup: int = 1) -> dict[str, Sample]:
    """Time every function ``repeats`` times, interleaved; medians."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            c0, t0 = _cpu(), time.perf_counter()
            fn()
            walls[name].append(time.perf_counter() - t0)
            cpus[name].append(_cpu() - c0)
    return {k: Sample(statistics.median(walls[k]), statistics.median(cpus[k])) for k in fns}


def run_command(cmd: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None,
                ok: tuple[int, ...] = (0, 1)) -> subprocess.CompletedProcess[str]:
    """Run ``cmd``; exit codes outside ``ok`` (a linter's 0 and 1) stop the benchmark."""
    proc = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=dict(env) if env is not None else dict(os.environ))
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(cmd)} exited {proc.returncode}:\n"
                         f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc


def time_commands(commands: Mapping[str, Sequence[str]], cwd: Path, repeats: int,
                  env: Mapping[str, str] | None = None, warmup: int = 2) -> dict[str, Sample]:
    """Whole-process medians of ``commands`` run side by side (interleaved) in ``cwd``."""
    def runner(cmd: Sequence[str]) -> Callable[[], object]:
        return lambda: run_command(cmd, cwd, env)

    return measure({name: runner(cmd) for name, cmd in commands.items()}, repeats, warmup)
