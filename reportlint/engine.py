"""The engine: read each document, run every enabled rule, suppress, sort.

It prints nothing; reporters and the CLI do. A rule that raises becomes an
RL903 notice naming the rule and the file, and the other rules and files go
on. An unreadable file becomes an RL904 notice; the other files go on.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlint.config import Config, ConfigError
from reportlint.document import Document
from reportlint.finding import Finding, Related, Severity
from reportlint.limits import LimitExceeded, Limits, check_nesting, time_budget
from reportlint.notices import notice
from reportlint.registry import Registry
from reportlint.rule import Context, Rule
from reportlint.safeio import Refused, is_inside, read_regular, realpath
from reportlint.span import Span
from reportlint.suppress import build_mask

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
SKIP_DIRS = frozenset({".git", "node_modules", ".venv", "venv", "__pycache__", ".tox",
                       ".mypy_cache", ".ruff_cache", ".pytest_cache"})


@dataclass(eq=False)
class FileResult:
    """One document's findings (and, when asked, its model and statistics)."""

    path: str  # posix, relative to the project root
    findings: list[Finding] = field(default_factory=list)
    doc: Document | None = None
    lines: list[str] | None = None  # the normalised text's lines, kept for fingerprints
    stats: dict[str, Any] | None = None  # reportlint.stats figures, when the run asks


@dataclass(eq=False, repr=False)
class Run:
    """Everything needed to lint: validated config, registry, roots, rule instances."""

    config: Config
    registry: Registry
    project_root: Path
    sources_root: Path
    rules: list[tuple[Rule, Severity]] = field(default_factory=list)
    shared: dict[str, object] = field(default_factory=dict)
    collect_stats: bool = False
    #: files that are never evidence: this run's outputs, baseline and configuration
    evidence_excluded: tuple[str, ...] = ()

    @classmethod
    def create(cls, config: Config, registry: Registry, project_root: Path,
               sources_root: Path | None = None) -> Run:
        if sources_root is None and config.sources_root is not None \
                and not is_inside(config.sources_root, project_root):
            # the configuration comes from the repository: it may not widen what is read
            label, line, value = config.sources_root_at or ("<config>", None, "")
            raise ConfigError(f"sources.root: {value} is outside the project; pass "
                              "--sources-root on the command line to read sources there",
                              label, line)
        root = realpath(sources_root or config.sources_root or project_root)
        run = cls(config, registry, realpath(project_root), root)
        run.rules = run._instances(config.rules)
        return run

    def context(self, display: str) -> Context:
        """The rule Context of the document ``display`` (also for the language server's
        hover, which reads the evidence the rules read)."""
        return Context(self.sources_root, display, self.shared,
                       evidence_config=self.config.evidence, project_root=self.project_root,
                       evidence_excluded=self.evidence_excluded)

    def _instances(self, rules: dict[str, Any]) -> list[tuple[Rule, Severity]]:
        return [(self.registry.get(rc.rule_id)(rc.options), rc.severity)
                for rc in rules.values() if rc.enabled]

    def rules_for(self, path: Path) -> list[tuple[Rule, Severity]]:
        """The rules for one document: the run's, or those of the `overrides` it matches."""
        if not self.config.overrides:
            return self.rules
        matched = self.config.overrides_for(path)
        if not matched:
            return self.rules
        cache: dict[tuple[int, ...], list[tuple[Rule, Severity]]] = \
            self.shared.setdefault("engine.override-rules", {})  # type: ignore[assignment]
        if matched not in cache:
            cache[matched] = self._instances(self.config.rules_with(matched))
        return cache[matched]

    def all_rules(self) -> list[type[Rule]]:
        """Every rule class some document of the run may be linted with (for SARIF)."""
        classes = {type(r): None for r, _sev in self.rules}
        for i in range(len(self.config.overrides)):
            for rc in self.config.rules_with((i,)).values():
                if rc.enabled:
                    classes.setdefault(self.registry.get(rc.rule_id), None)
        return sorted(classes, key=lambda c: c.id)


def relpath(path: Path, root: Path) -> str:
    # a file by its own name (a link is not shown as its target), in its real folder;
    # not Path.resolve: it raises on a link loop before Python 3.13
    real = realpath(path.parent) / path.name if path.name not in ("", ".", "..") \
        else realpath(path)
    try:
        return real.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(real, root)).as_posix()


def collect(paths: Sequence[str], config: Config,
            roots: Sequence[Path] = ()) -> list[tuple[Path, str | None]]:
    """The documents to lint: (path, problem) pairs, sorted, without duplicates.

    Directories are searched for Markdown files; a path that does not exist
    is kept with its problem so it can be reported while others are linted.
    With ``roots``, a file listed in the configuration's ``documents`` (which a
    pull request can change) that is outside every root is kept with a
    problem, not read.
    """
    found: dict[Path, str | None] = {}
    if paths:
        for p in paths:
            path = Path(p)
            if path.is_dir():
                inside = list(_walk_markdown(path))
                if not inside:
                    found.setdefault(path, "no Markdown file in this folder")
                for f in inside:
                    found.setdefault(f, None)
            elif path.exists():
                found.setdefault(path, None)
            else:
                found.setdefault(path, "no such file or directory")
    else:
        for pattern in config.documents:
            full = str(config.base_dir / pattern)
            matches = sorted(glob.glob(full, recursive=True))
            if not matches:
                # a typo must not turn CI green: a pattern that matches nothing is an error
                found.setdefault(Path(full), "no such file (listed in documents)"
                                 if not glob.has_magic(pattern)
                                 else f"the documents glob {pattern!r} matches no file")
            for m in matches:
                mp = Path(m)
                if roots and not any(is_inside(mp, r) for r in roots):
                    found.setdefault(mp, "listed in documents, but outside the project; "
                                         "not read")
                elif mp.is_dir():
                    for f in _walk_markdown(mp):
                        found.setdefault(f, None)
                else:
                    found.setdefault(mp, None)
    return sorted(found.items(), key=lambda kv: str(kv[0]))


def _walk_markdown(folder: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                yield Path(dirpath) / name


def read_document(path: Path, display: str,
                  limits: Limits | None = None) -> tuple[str | None, Finding | None]:
    """The file's text, or an RL904/RL905 notice saying why it cannot be read."""
    max_bytes = (limits or Limits()).max_bytes
    try:
        # stat before open: a named pipe or a device is refused, never read
        data = read_regular(path, max_bytes)
    except Refused as exc:
        if exc.size is not None:
            return None, notice("RL905", f"{display}: {exc.size:,} bytes; the limit is "
                                f"{max_bytes:,} (limits.max-bytes)", display)
        if exc.reason.endswith("(a directory)"):
            return None, notice("RL904", f"{display}: is a directory", display)
        return None, notice("RL904", f"{display}: {exc.reason}; not read", display)
    except FileNotFoundError:
        return None, notice("RL904", f"{display}: no such file", display)
    except IsADirectoryError:
        return None, notice("RL904", f"{display}: is a directory", display)
    except PermissionError:
        return None, notice("RL904", f"{display}: permission denied", display)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, notice("RL904", f"{display}: a symbolic link loop (or a chain of "
                                "too many links); not read", display)
        return None, notice("RL904", f"{display}: cannot read: {exc.strerror}", display)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, notice("RL904", f"{display}: UTF-16 text is not supported; "
                            "save the file as UTF-8", display)
    if b"\x00" in data[:8192]:
        return None, notice("RL904", f"{display}: binary file (contains NUL bytes)", display)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, notice("RL904", f"{display}: not UTF-8: invalid byte 0x{data[exc.start]:02x} "
                            f"at byte offset {exc.start}", display)


def parse(text: str, display: str, limits: Limits) -> Document:
    """The document model, within the parse limits (LimitExceeded otherwise)."""
    check_nesting(text, limits.max_nesting, limits.max_quote_depth)
    try:
        with time_budget(limits.parse_seconds, "parsing"):
            return Document(text, display)
    except RecursionError:
        raise LimitExceeded("nesting too deep for the Markdown parser "
                            "(limits.max-nesting)") from None


def lint_text(run: Run, text: str, display: str,
              rules: list[tuple[Rule, Severity]] | None = None) -> FileResult:
    """Lint one document's text: parse, every rule (``rules``, default the run's),
    suppressions, sorted findings."""
    try:
        doc = parse(text, display, run.config.parse_limits)
    except LimitExceeded as exc:
        return FileResult(display, [notice("RL905", f"{display}: not linted: {exc}", display,
                                           Span.at(exc.line, 1))])
    except Exception as exc:  # a parser bug must cost one file, not the run
        return FileResult(display, [notice("RL906", f"{display}: not linted: the Markdown "
                                           f"parser failed ({type(exc).__name__}: {exc})",
                                           display)])
    result = FileResult(display, doc=doc, lines=doc.lines)
    ctx = run.context(display)
    findings: list[Finding] = []
    if doc.front_matter is not None and doc.front_matter.error:
        findings.append(notice("RL902", f"front matter is not valid YAML: "
                               f"{doc.front_matter.error}", display, doc.front_matter.span))
    budget = run.config.parse_limits.rule_seconds
    for rule, severity in (run.rules if rules is None else rules):
        try:
            with time_budget(budget, f"rule {rule.id} {rule.name} on {display}",
                             "limits.rule-seconds"):
                produced = list(rule.check(doc, ctx))
        except LimitExceeded as exc:
            findings.append(notice("RL905", f"{display}: {exc}; its findings are not "
                                   "reported", display))
            continue
        except RecursionError:
            findings.append(notice("RL903", f"rule {rule.id} {rule.name} crashed on {display}: "
                                   "nesting too deep", display))
            continue
        except Exception as exc:
            findings.append(notice("RL903", f"rule {rule.id} {rule.name} crashed on {display}: "
                                   f"{type(exc).__name__}: {exc}", display))
            continue
        for f in produced:
            findings.append(_stamp(f, rule, severity, display, run))
    mask, problems = build_mask(doc, run.registry.resolve, display)
    findings.extend(problems)
    out = []
    for f in findings:
        hit = mask.match(f) if not f.rule_id.startswith("RL9") else None
        if hit is not None:
            f = dataclasses.replace(f, suppressed=True, suppression_reason=hit.reason)
        out.append(f)
    out.sort(key=Finding.sort_key)
    result.findings = out
    if run.collect_stats:
        from reportlint.stats import document_stats

        try:
            result.stats = document_stats(doc, ctx)
        except Exception as exc:  # statistics must never sink a lint
            result.findings.append(notice("RL903", f"statistics failed on {display}: "
                                          f"{type(exc).__name__}: {exc}", display))
    return result


def _stamp(f: Finding, rule: Rule, severity: Severity, path: str, run: Run) -> Finding:
    """Path, rule and configured severity on a rule's finding.

    Related spans without a path are in the report itself; others come from
    the evidence layer relative to the sources root and are made relative to
    the project root here, so every reporter prints one kind of path.
    """
    sev = severity
    if f.severity != rule.default_severity and f.severity.rank < severity.rank:
        sev = f.severity
    shift = run.sources_root != run.project_root
    related = tuple(
        Related(r.span.with_path(path), r.message) if not r.span.path
        else Related(r.span.with_path(relpath(run.sources_root / r.span.path,
                                              run.project_root)), r.message) if shift
        else r
        for r in f.related)
    return dataclasses.replace(f, span=f.span.with_path(path), severity=sev,
                               rule_id=rule.id, rule_name=rule.name, related=related)


def lint_one(run: Run, path: Path, problem: str | None) -> FileResult:
    display = relpath(path, run.project_root)
    if problem is None and _leaves(path, run):
        problem = ("a symbolic link that leads outside the project and the sources root; "
                   "not read")
    if problem is not None:
        return FileResult(display, [notice("RL904", f"{display}: {problem}", display)])
    text, err = read_document(path, display, run.config.parse_limits)
    if err is not None or text is None:
        return FileResult(display, [err] if err else [])
    return lint_text(run, text, display, run.rules_for(path))


def _leaves(path: Path, run: Run) -> bool:
    """Whether a symbolic link on ``path`` leads out of the project and the sources root.

    A path named outright (not through a link) is the user's choice and is read.
    """
    if realpath(path) == Path(os.path.abspath(path)):
        return False  # no link on the way
    return not (is_inside(path, run.project_root) or is_inside(path, run.sources_root))


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def lint_paths(run: Run, paths: Sequence[str], jobs: int = 1,
               keep_documents: bool = False) -> list[FileResult]:
    """Lint every document; with ``jobs`` > 1, in that many processes.

    Results come back in the order of the sorted document list whatever
    ``jobs`` is, so output is identical. Workers are forked (they inherit
    the loaded rules, including local ones); where fork is unavailable the
    run is serial. Document models stay in the worker unless
    ``keep_documents``.
    """
    items = collect(paths, run.config, (run.project_root, run.sources_root))
    if jobs <= 1 or len(items) < 2:
        return _lint_serial(run, items, keep_documents)
    import multiprocessing as mp  # only a parallel run pays for the import

    if "fork" not in mp.get_all_start_methods():
        return _lint_serial(run, items, keep_documents)
    global _WORKER_RUN
    _WORKER_RUN = run
    ctx = mp.get_context("fork")
    workers = min(jobs, len(items))
    # small batches: the last ones finish close together (batches of an eighth of the
    # documents left a worker idle for up to a batch; 300 reports: 0.56 -> 0.48)
    chunk = max(1, min(8, len(items) // (workers * 32)))
    try:
        with ctx.Pool(workers) as pool:
            return pool.starmap(_work, [(str(p), pr, keep_documents) for p, pr in items],
                                chunksize=chunk)
    finally:
        _WORKER_RUN = None


def _lint_serial(run: Run, items: list[tuple[Path, str | None]],
                 keep_documents: bool) -> list[FileResult]:
    results = [lint_one(run, p, problem) for p, problem in items]
    if not keep_documents:
        for r in results:
            r.doc = None
    return results


_WORKER_RUN: Run | None = None


def _work(path: str, problem: str | None, keep_documents: bool) -> FileResult:
    assert _WORKER_RUN is not None
    result = lint_one(_WORKER_RUN, Path(path), problem)
    if not keep_documents:
        result.doc = None  # the model is large to send back and rarely needed
    return result
