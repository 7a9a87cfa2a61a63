"""Property-based fuzzing of configuration loading: YAML and TOML shapes.

Generated configurations mix the real keys (top-level keys, rule ids and names,
their options, limits, evidence settings) with wrong types, odd text, special
floats, anchors and aliases, deep nesting and broken syntax, in a
``.reportlint.yml`` or a ``pyproject.toml``. Whatever the input, loading either
succeeds (and then linting a small report with every enabled rule neither
crashes a rule nor the run) or raises ``ConfigError`` whose message is one line
naming the file, never quoting the second line of a file it read, and each
example ends within a bounded time. `make test` runs a small fixed budget;
`make fuzz` sets REPORTLINT_FUZZ_EXAMPLES higher.
"""

from __future__ import annotations

import json
import math
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.config import TOP_KEYS, ConfigError, load_config
from reportlint.engine import Run, lint_text
from reportlint.evidence.settings import EvidenceSettings
from reportlint.limits import Limits
from reportlint.registry import default_registry

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize="REPORTLINT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=list(HealthCheck))
REGISTRY = default_registry()
SECRET = "SECOND-LINE-SECRET"
REPORT = "## Intro\n\nA world-class tool with 42 users (source: notes.md §Intro).\n"

_rule_keys = sorted({k for c in REGISTRY.rules() for k in (c.id, c.name)})
_option_keys = sorted({f.replace("_", "-") for c in REGISTRY.rules()
                       for f in getattr(c.Options, "__dataclass_fields__", {})})
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
key = st.one_of(st.sampled_from([*TOP_KEYS, "root", "severity", "max-bytes", "max-nesting",
                                 "parse-seconds", "tag-pattern", *_option_keys]),
                st.sampled_from(_rule_keys), text)
scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["error", "warning", "note", "off", "on", "executive-summary",
                     "secret.txt", "../outside.yml", "/etc/passwd", "/dev/zero", "notes.md",
                     ".", "..", "/", "lint", "(a+)+$", "[", "**/*.md", "a\n::error::x",
                     "\x1b[31m", "\u202e", "é", ""]),
    text)
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=4)), max_leaves=25)
_limit_keys = [f.replace("_", "-") for f in Limits.__dataclass_fields__]
_evidence_keys = [f.replace("_", "-") for f in EvidenceSettings.__dataclass_fields__]
rule_entry = st.one_of(st.sampled_from(["error", "warning", "note", "off", True, False, None]),
                       st.dictionaries(st.one_of(st.sampled_from([*_option_keys, "severity"]),
                                                 key), value, max_size=3))
# the shape of a real configuration, with wrong values in places
structured = st.fixed_dictionaries({}, optional={
    "extends": st.one_of(scalar, st.lists(scalar, max_size=3)),
    "documents": st.one_of(scalar, st.lists(scalar, max_size=3)),
    "sources": st.one_of(scalar, st.dictionaries(st.sampled_from(["root", "x"]), scalar)),
    "rules": st.dictionaries(st.sampled_from(_rule_keys), rule_entry, max_size=4),
    "rules_dirs": st.one_of(scalar, st.lists(scalar, max_size=2)),
    "limits": st.dictionaries(st.sampled_from(_limit_keys), scalar, max_size=3),
    "evidence": st.dictionaries(st.sampled_from(_evidence_keys), value, max_size=3),
})
config = st.one_of(structured, structured, structured, st.dictionaries(key, value, max_size=6))


def _yaml(data: dict[Any, Any], style: int, alias: bool) -> str:
    text = yaml.safe_dump(data, default_flow_style=[None, True, False][style % 3],
                          allow_unicode=bool(style % 2), sort_keys=False)
    if alias:  # an anchor on the first value, used again as the last key's value
        lines = text.splitlines()
        text = "x0: &a " + json.dumps(data, default=str) + "\n" + \
            "\n".join(lines) + "\nx1: *a\n"
    return text


def _toml_value(v: Any, depth: int = 0) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") \
            if math.isinf(v) else repr(v)
    if v is None:
        return '""'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x, depth + 1) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_toml_str(k)} = {_toml_value(x, depth + 1)}"
                               for k, x in v.items()) + "}"
    return _toml_str(v)


def _toml_str(v: Any) -> str:
    # JSON's escapes are TOML's, but for characters outside the BMP (surrogate pairs)
    return json.dumps(str(v), ensure_ascii=False)


def _toml(data: dict[Any, Any], style: int) -> str:
    head = ["[tool.reportlint]", "[[tool.reportlint]]", "tool = {reportlint = 5}\n"
            "[tool.other]", 'tool = "x"\n[x]'][style % 4]
    return head + "\n" + "".join(f"{_toml_str(k)} = {_toml_value(v)}\n"
                                 for k, v in data.items())


mutation = st.one_of(
    st.just(""), st.just(""), st.just(""),
    st.sampled_from(["\t", "&b ", "*zz", "[", "{", "- ", ": :", "\x00", "\ufeff", "<<: *a\n",
                     "%YAML 1.1\n", "---\n", "!!python/object:os.system\n"]),
    st.integers(20, 120).map(lambda n: "a: " + "[" * n + "]" * n + "\n"))


@contextmanager
def _bounded(seconds: int) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise AssertionError(f"an example took longer than {seconds} s")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _project() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="rl-fuzz-config-"))
    (folder / ".git").mkdir()
    (folder / "secret.txt").write_text(f"first line\n{SECRET}\n")
    (folder / "notes.md").write_text("# Intro\n\n42 users.\n")
    (folder / "lint").mkdir()
    return folder


PROJECT = _project()


def _check(name: str, text: str | bytes) -> None:
    path = PROJECT / name
    for other in (".reportlint.yml", "pyproject.toml"):
        (PROJECT / other).unlink(missing_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with _bounded(20):
        try:
            cfg, registry = load_config(path, registry=REGISTRY)
            run = Run.create(cfg, registry, PROJECT)
        except ConfigError as exc:
            message = str(exc)
            assert "\n" not in message and "\r" not in message, message
            assert SECRET not in message, message
            assert len(message) < 1000, message
            assert message.startswith((name, "<profile", "--")) or ":" in message, message
            return
        result = lint_text(run, REPORT, "r.md")
    crashed = [f.message for f in result.findings if f.rule_id in ("RL903", "RL906")]
    assert not crashed, crashed


@FUZZ
@given(config, st.integers(0, 5), st.booleans(), mutation, st.integers(0, 200))
def test_yaml_configs(data: dict[Any, Any], style: int, alias: bool, extra: str,
                      at: int) -> None:
    text = _yaml(data, style, alias)
    at = min(at, len(text))
    _check(".reportlint.yml", text[:at] + extra + text[at:] if extra else text)


@FUZZ
@given(config, st.integers(0, 7), mutation, st.booleans())
def test_toml_configs(data: dict[Any, Any], style: int, extra: str, latin1: bool) -> None:
    text = _toml(data, style) + extra
    _check("pyproject.toml", text.encode("latin-1", "replace") if latin1 else
           text.encode("utf-8", "surrogatepass"))
