"""The command line: a thin layer over config, engine and reporters.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 usage, configuration, plugin or input error (a file that cannot be read,
a rule that crashed, a parse limit hit), or ``--fail-on never`` aside.

Every unexpected exception ends in a one-line message and exit code 2 (the
traceback only with ``--debug``). On GitHub Actions (``GITHUB_ACTIONS=true``
or ``--format github``) the runner reads both streams for workflow commands,
so each message on standard error is an escaped ``::error`` command or sits
inside a ``::stop-commands::`` block: a file name or a config value cannot
forge a command.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from reportlint import __version__
from reportlint.config import ConfigError, apply_selection, load_config
from reportlint.discovery import find_project_root
from reportlint.engine import (
    FileResult,
    default_jobs,
    lint_paths,
    relpath,
)
from reportlint.finding import Severity
from reportlint.notices import NOTICES, is_fatal
from reportlint.outputs import OutputError, OutputSpec, parse_output, write_atomic
from reportlint.registry import Registry, RegistryError, build_registry

FORMATS = ("text", "json", "sarif", "github")
FAIL_ON = ("error", "warning", "note", "never")


#: how messages reach standard error: set from the environment and the chosen format
_STATE = {"github": os.environ.get("GITHUB_ACTIONS") == "true", "debug": False}


def _say(message: str, level: str = "error") -> None:
    """One message on standard error; on GitHub, as a command that cannot be forged."""
    if not _STATE["github"]:
        from reportlint.reporters.text import clean

        click.echo(clean(message), err=True)
        return
    from reportlint.reporters.github import escape_data

    message = message if message.startswith("reportlint") else f"reportlint: {message}"
    if level == "error":
        click.echo(f"::error title=reportlint::{escape_data(message)}", err=True)
        return
    from reportlint.reporters.github import inert

    # escape_data leaves no line break, and the line starts with "reportlint"
    click.echo("\n".join(inert([escape_data(message)])), err=True)


def _fail(message: str) -> None:
    _say(message)
    sys.exit(2)


def _now() -> str:
    """UTC now as ISO 8601 with milliseconds (``datetime`` costs 2 ms to import)."""
    now = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"


class _Group(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command; whatever escapes it is one line on standard error and exit 2."""
        kwargs["standalone_mode"] = False  # usage errors and aborts come here too
        try:
            result = super().main(*args, **kwargs)
            code = result if isinstance(result, int) else 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        except click.exceptions.Abort:
            _say("interrupted")
            code = 130
        except click.ClickException as exc:
            if _STATE["github"]:
                _say(f"{exc.format_message()} (see reportlint --help)")
            else:
                exc.show()
            code = exc.exit_code
        except (ConfigError, RegistryError, OutputError) as exc:
            _say(str(exc))
            code = 2
        except Exception as exc:
            # reportlint.baseline is imported only when a baseline is used
            baseline = sys.modules.get("reportlint.baseline")
            if baseline is not None and isinstance(exc, baseline.BaselineError):
                _say(str(exc))
            elif isinstance(exc, OSError) and exc.filename is None and exc.errno in _FULL:
                # a stream write failed (files are written through OutputError)
                _flush_stdout(0)
                if exc.errno != errno.EPIPE:
                    _say(f"cannot write to standard output: {exc.strerror}")
            else:
                _internal_error(exc)
            code = 2
        sys.exit(_flush_stdout(code))


_FULL = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EPIPE, getattr(errno, "EDQUOT", -1)}


def _internal_error(exc: BaseException) -> None:
    if _STATE["debug"]:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    _say(f"reportlint: internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")
         + ("" if _STATE["debug"] else " (run with --debug for the traceback)"))


def _flush_stdout(code: int) -> int:
    """Flush standard output now, so that a full disk or a closed pipe is a message and
    exit 2 rather than an error at interpreter exit."""
    try:
        sys.stdout.flush()
    except ValueError:  # closed by the command itself (the language server's exit)
        return code
    except OSError as exc:
        # later flushes would fail again: point the descriptor at /dev/null
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if exc.errno != errno.EPIPE:  # a reader that left is not an error of the run
            _say(f"cannot write to standard output: {exc.strerror}")
            return 2
    return code


def _out(text: str, nl: bool = True, color: bool | None = None) -> None:
    """Print on standard output; a full disk or a closed stream is an OutputError."""
    try:
        click.echo(text, nl=nl, color=color)
        sys.stdout.flush()
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if exc.errno == errno.EPIPE:
            return
        raise OutputError(f"cannot write to standard output: {exc.strerror}") from None


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        _STATE["debug"] = True


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    import platform

    from reportlint.mdparse import describe

    click.echo(f"reportlint {__version__}\n{describe()}\n"
               f"Python {platform.python_version()} ({sys.executable})")
    ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_debug,
              help="Print the traceback of an internal error (also after the command).")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show the version, the Markdown parser in use and the Python, then exit.")
def main() -> None:
    """reportlint: lint Markdown engineering reports against their contract and evidence."""


def _document_options(f: Any) -> Any:
    """PATHS and the options that say which configuration and sources apply."""
    for option in reversed((
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("-c", "--config", "config_path", type=click.Path(dir_okay=False),
                     help="Configuration file (default: nearest .reportlint.yml or "
                          "pyproject.toml)."),
        click.option("--profile",
                     help="Built-in profile to extend instead of the config's `extends`."),
        click.option("--sources-root", type=click.Path(file_okay=False),
                     help="Where citations resolve; nothing outside it is read."),
        # reportlint 0.1 kept a cache; the options stay accepted for one release
        click.option("--no-cache", is_flag=True, hidden=True, expose_value=False,
                     callback=_deprecated_cache_option),
        click.option("--cache-dir", hidden=True, expose_value=False,
                     callback=_deprecated_cache_option),
    )):
        f = option(f)
    return f


def _deprecated_cache_option(ctx: click.Context, param: click.Parameter,
                             value: object) -> None:
    if value:
        _say(f"reportlint: note: --{param.name.replace('_', '-') if param.name else ''} "
             "is deprecated and does nothing: reportlint keeps no cache "
             "(the option will be removed in 0.3)", "note")


def _registry_factory(allow_local: bool, extra_dirs: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def factory(rules_dirs: tuple[Path, ...]) -> Registry:
        dirs = list(rules_dirs) + [Path(d).resolve() for d in extra_dirs]
        if dirs and not allow_local:
            if extra_dirs:
                raise RegistryError("--rules-dir runs code from this repository; "
                                    "add --allow-local-rules to allow it")
            # config-listed rules_dirs are skipped, loudly, without the opt-in
            _say("reportlint: note: rules_dirs in the configuration are not loaded; "
                 "pass --allow-local-rules to run them", "note")
            dirs = []
        return build_registry(dirs)
    return factory


@main.command()
@_document_options
@click.option("--select", multiple=True, help="Only these rules (ids or names, comma-separated).")
@click.option("--ignore", multiple=True, help="Turn these rules off (ids or names).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Format printed on standard output [default: text; github when "
                   "GITHUB_ACTIONS=true].")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT:]PATH",
              help="Write to PATH instead of standard output; with FORMAT: write that format "
                   "to PATH as well. Repeatable.")
@click.option("--sarif-file", "sarif_files", multiple=True, metavar="PATH",
              help="Also write SARIF to PATH (same as --output sarif:PATH). Repeatable.")
@click.option("--sarif-omit-suppressed", is_flag=True,
              help="Leave suppressed findings out of SARIF (GitHub code scanning ignores "
                   "SARIF suppressions).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Findings recorded in this baseline are reported as baselined and do "
                   "not fail the run.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              metavar="FILE", help="Record every current finding in FILE as the baseline.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--show-suppressed", is_flag=True, help="Also print suppressed findings.")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto",
              show_default=True, help="Colour text output (auto: on a terminal, NO_COLOR unset).")
@click.option("--allow-local-rules", is_flag=True,
              help="Load rule classes from rules_dirs / --rules-dir (runs repository code).")
@click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Folder of local rule modules (needs --allow-local-rules). Repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Lint documents in this many processes (0: one per core).")
def check(paths: tuple[str, ...], config_path: str | None, profile: str | None,
          sources_root: str | None, select: tuple[str, ...], ignore: tuple[str, ...],
          fmt: str | None, outputs: tuple[str, ...], sarif_files: tuple[str, ...],
          sarif_omit_suppressed: bool, baseline_file: str | None, write_baseline: str | None,
          fail_on: str, quiet: bool, show_suppressed: bool,
          color: str, allow_local_rules: bool, rules_dirs: tuple[str, ...],
          jobs: int) -> None:
    """Lint PATHS (files or folders; default: the config's `documents`)."""
    start = _now()
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    _STATE["github"] = _STATE["github"] or fmt == "github"
    specs = [parse_output(o, fmt, FORMATS) for o in outputs]
    specs += [OutputSpec("sarif", p, False) for p in sarif_files]
    runs = _runs(paths, config_path, profile, sources_root,
                 _registry_factory(allow_local_rules, rules_dirs),
                 lambda cfg, registry: apply_selection(cfg, registry, select, ignore))
    results: list[FileResult] = []
    # the run's own outputs and baseline are never evidence (issue 11, 14)
    own = tuple(str(Path(p).resolve()) for p in (
        *(s.path for s in specs if s.path), baseline_file, write_baseline) if p)
    for run, group in runs:
        run.collect_stats = fmt == "github" or any(s.fmt == "github" for s in specs)
        run.evidence_excluded = own + ((str(run.config.file.resolve()),)
                                       if run.config.file else ())
        results += lint_paths(run, group.paths, jobs=jobs or default_jobs(),
                              keep_documents=False)
    run = runs[0][0]
    project_root = run.project_root
    _apply_baseline(results, baseline_file, write_baseline)
    code = exit_code(results, fail_on)
    from reportlint.reporters import ReportInfo, get

    info = ReportInfo(version=__version__,
                      rules=sorted({c: None for r, _g in runs for c in r.all_rules()},
                                   key=lambda c: c.id),
                      show_suppressed=show_suppressed,
                      command_line=["reportlint", *sys.argv[1:]],
                      start_time=start, end_time=_now(), exit_code=code,
                      project_root=str(project_root),
                      sources_root=relpath(run.sources_root, project_root),
                      sarif_omit_suppressed=sarif_omit_suppressed,
                      baseline=bool(baseline_file or write_baseline), fail_on=fail_on)
    to_stdout = not any(s.replaces_stdout for s in specs)
    for spec in specs:
        write_atomic(Path(spec.path), get(spec.fmt)(results, info), project_root)
    if to_stdout:
        info.color = fmt == "text" and _use_color(color)
        text = get(fmt)(results, info)
        if quiet and fmt == "text":
            text = "".join(line + "\n" for line in text.splitlines()[:-1])
        _out(text, nl=False, color=info.color)
    if "github" in {s.fmt for s in specs} | ({fmt} if to_stdout else set()):
        from reportlint.reporters.github import write_step_summary

        problem = write_step_summary(results, info)
        if problem:
            _say(f"reportlint: warning: {problem}", "warning")
    sys.exit(code)


def _runs(paths: tuple[str, ...], config_path: str | None, profile: str | None,
          sources_root: str | None, factory: Any, prepare: Any = None) -> list[Any]:
    """One (Run, Group) per configuration that governs the paths (reportlint.plan)."""
    from reportlint.plan import load_runs, plan

    if sources_root is not None and not Path(sources_root).is_dir():
        _fail(f"--sources-root: no such folder: {sources_root}")
    runs = load_runs(plan(paths, config_path), profile, factory,
                     Path(sources_root) if sources_root else None, prepare)
    if not paths and not runs[0][0].config.documents:
        _fail("nothing to lint: give PATHS or list `documents` in the configuration")
    return runs


def _apply_baseline(results: list[FileResult], baseline_file: str | None,
                    write_baseline: str | None) -> None:
    if not (baseline_file or write_baseline):
        return
    from reportlint import baseline

    if write_baseline:
        n = baseline.write(Path(write_baseline), results)
        _say(f"reportlint: wrote {n} finding{'s' if n != 1 else ''} to the baseline "
             f"{write_baseline}", "note")
        baseline.apply(results, set(baseline.build(results)["findings"]))
    if baseline_file:
        known = baseline.load(Path(baseline_file))
        if known.note:
            click.echo(f"reportlint: note: {known.note}", err=True)
        baseline.apply(results, known)


def _use_color(mode: str) -> bool:
    if mode != "auto":
        return mode == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def exit_code(results: list[FileResult], fail_on: str) -> int:
    findings = [f for r in results for f in r.findings]
    if any(is_fatal(f) for f in findings):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    active = (f for f in findings if not f.suppressed and not f.baselined)
    return 1 if any(f.severity.rank >= threshold for f in active) else 0


@main.command()
@_document_options
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json")), default="text",
              show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Read documents in this many processes (0: one per core).")
def stats(paths: tuple[str, ...], config_path: str | None, profile: str | None,
          sources_root: str | None, fmt: str, jobs: int) -> None:
    """Words, pages, tables, diagrams, tags, citations and how many claims are sourced
    and verified, per document."""
    from reportlint.stats import FIELDS

    results: list[FileResult] = []
    for run, group in _runs(paths, config_path, profile, sources_root,
                            _registry_factory(False, ())):
        run.rules = []  # statistics only: no rule runs
        run.config.overrides = []
        run.collect_stats = True
        results += lint_paths(run, group.paths, jobs=jobs or default_jobs())
    problems = [f for r in results for f in r.findings]
    if fmt == "json":
        import json

        data = {"version": 1, "documents": [
            {"path": r.path, **({k: r.stats[k] for k in FIELDS} if r.stats else {}),
             "error": None if r.stats else "; ".join(f.message for f in r.findings)}
            for r in results]}
        _out(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from reportlint.reporters.text import clean, path_text

        for r in results:
            click.echo(path_text(r.path))
            if r.stats is None:
                for f in r.findings:
                    click.echo(f"  {clean(f.message)}")
                continue
            st = r.stats
            click.echo(f"  words            {st['words']:,} (about {st['pages']} pages)")
            click.echo(f"  tables           {st['tables']}")
            click.echo(f"  diagrams         {st['diagrams']}")
            click.echo(f"  source tags      {st['tags']}")
            click.echo(f"  citations        {st['citations']} ({st['resolved']} resolved)")
            click.echo(f"  hard claims      {st['hard_claims']}")
            click.echo(f"  sourced          {st['sourced']} ({st['sourced_share']:.0%})")
            click.echo(f"  verified         {st['verified']} ({st['verified_share']:.0%})")
    sys.exit(2 if any(is_fatal(f) for f in problems) else 0)


@main.command("rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Show severities as this configuration sets them.")
@click.option("--allow-local-rules", is_flag=True, help="Include rules from rules_dirs.")
def rules_cmd(config_path: str | None, allow_local_rules: bool) -> None:
    """List every rule: id, name, default severity, origin and summary."""
    if config_path:
        cfg, registry = load_config(Path(config_path),
                                    registry_factory=_registry_factory(allow_local_rules, ()))
        sev = {rid: (rc.severity.value if rc.enabled else "off")
               for rid, rc in cfg.rules.items()}
    else:
        registry = build_registry()
        sev = {}
    rows = [(c.id, c.name, sev.get(c.id, c.default_severity.value), registry.origin(c.id),
             c.summary) for c in registry.rules()]
    rows += [(n.id, n.name, n.severity.value, "tool notice", n.summary)
             for n in NOTICES.values()]
    header = ("id", "name", "severity", "origin", "summary")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(4)]
    for row in (header, *rows):
        click.echo("  ".join(v.ljust(widths[i]) if i < 4 else v for i, v in enumerate(row))
                   .rstrip())


@main.command("profiles")
def profiles_cmd() -> None:
    """List the built-in profiles (`extends: NAME` or `--profile NAME`)."""
    from reportlint import builtin_profiles
    from reportlint.config import DEFAULT_PROFILE

    names = builtin_profiles.names()
    width = max(len(n) for n in names)
    for name in names:
        default = " (the default when no configuration is found)" \
            if name == DEFAULT_PROFILE else ""
        click.echo(f"{name.ljust(width)}  {builtin_profiles.summary(name)}{default}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print the documentation of RULE (an id or a name)."""
    for n in NOTICES.values():
        if rule.lower() in (n.id.lower(), n.name):
            click.echo(f"# {n.id} {n.name}\n\n{n.summary}\n\nA tool notice (severity "
                       f"{n.severity.value}); it cannot be configured.")
            return
    registry = build_registry()
    click.echo(registry.get(rule).documentation(), nl=False)


@main.command()
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when the pages differ from the code.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Folder of the pages [default: docs/rules in the project root].")
def docs(check_only: bool, out: str | None) -> None:
    """Generate the built-in rules' pages docs/rules/RLxxx-name.md from their docstrings.

    SARIF's helpUri links to these pages; `--check` is for CI (exit 1 on drift).
    """
    from reportlint import rulepages

    registry = build_registry()
    builtins = [c for c in registry.rules() if registry.origin(c.id) == "builtin"]
    folder = Path(out) if out else find_project_root(Path.cwd()) / "docs" / "rules"
    if check_only:
        drift = rulepages.compare(folder, builtins)
        for kind, names in (("missing", drift.missing), ("out of date", drift.changed),
                            ("stale (no such rule)", drift.stale)):
            for name in names:
                click.echo(f"{folder / name}: {kind}", err=True)
        if drift:
            click.echo("rule pages differ from the code: run `reportlint docs`", err=True)
            sys.exit(1)
        click.echo(f"{len(builtins)} rule pages in {folder} are up to date")
        return
    drift = rulepages.write(folder, builtins)
    for name in (*drift.missing, *drift.changed):
        click.echo(f"wrote {folder / name}")
    for name in drift.stale:
        click.echo(f"removed {folder / name}")
    if not drift:
        click.echo(f"{len(builtins)} rule pages in {folder} are up to date")


@main.command()
def lsp() -> None:
    """Run the language server (LSP) over standard input and output, for editors.

    Needs pygls: pip install 'reportlint[lsp]'. docs/editors.md shows the setup for
    VS Code, Neovim and Helix.
    """
    from reportlint import lsp as server

    problem = server.available()
    if problem:
        _fail(problem)
    server.serve()


MAX_PROMPT_BYTES = 1024 * 1024  # a prompt is a page or two; anything larger is not one


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .reportlint.yml.")
@click.option("--path", "target", default=".reportlint.yml", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the file.")
@click.option("--from-prompt", "prompt", type=click.Path(dir_okay=False), default=None,
              metavar="PROMPT.md",
              help="Derive the contract from the prompt the report was drafted from.")
def init(force: bool, target: str, prompt: str | None) -> None:
    """Write a commented starter .reportlint.yml for the reports of this repository."""
    from reportlint import initcmd

    path = Path(target)
    if path.exists() and not force:
        _fail(f"{target} already exists; use --force to overwrite it")
    root = path.absolute().parent
    reports = initcmd.find_reports(root)
    if prompt is None:
        write_atomic(path, initcmd.starter(reports))
        click.echo(f"wrote {target}: profile sourced-report (source tags and placeholders)")
        documents = reports
        why = "Markdown files with source tags"
    else:
        from reportlint.safeio import Refused, read_regular

        try:
            text = read_regular(prompt, MAX_PROMPT_BYTES).decode("utf-8")
        except Refused as exc:
            _fail(f"{prompt}: cannot read the prompt: "
                  f"{'larger than 1 MB' if exc.size is not None else exc.reason}")
            return
        except UnicodeDecodeError as exc:
            _fail(f"{prompt}: cannot read the prompt: not UTF-8 (byte offset {exc.start})")
            return
        except OSError as exc:
            _fail(f"{prompt}: cannot read the prompt: {exc.strerror or exc}")
            return
        config, documents, named = initcmd.from_prompt(text, Path(prompt).name, reports)
        write_atomic(path, config)
        checked = config.split("# ---------------------------------------------------------"
                               "------- not checked")
        missed = checked[1].count("\n#   line ") if len(checked) > 1 else 0
        click.echo(f"wrote {target}: the contract of {prompt} (sourced-report plus "
                   f"{config.count('# prompt line ')} entries from the prompt; {missed} "
                   f"prompt line{'s' if missed != 1 else ''} listed as not checked)")
        why = "the prompt's output path" if named \
            else "Markdown files with source tags; the prompt names no output path"
    if documents:
        click.echo(f"documents ({why}):")
        for d in documents:
            click.echo(f"  {d}")
    else:
        click.echo("no report found (no Markdown file holds a source tag): list your reports "
                   f"under `documents` in {target}")


# --debug after the command name too (`reportlint check --debug`)
for _command in main.commands.values():
    _command.params.append(click.Option(["--debug"], is_flag=True, expose_value=False,
                                        is_eager=True, callback=_debug,
                                        help="Print the traceback of an internal error."))



def run() -> None:
    """The ``reportlint`` console command.

    Two process-wide settings first, which library code must not make
    (docs/performance.md has the measurements):

    - ``gc.freeze()``: what importing the command created (modules, classes,
      compiled patterns) lives as long as the process, so the cyclic collector
      stops walking it; 1.4 % fewer instructions on the bundled example.
    - the youngest generation is collected every 10,000 allocations instead
      of the interpreter's default (700; 2,000 from Python 3.13). A lint
      allocates many small objects that reference counting frees, and each
      young collection also walks what the document model added since;
      parsing and reading 20,000 claims takes 6.05 s with the default and
      4.45 s with this.

    Cycles are still collected.
    """
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    main()


__all__ = ["OutputSpec", "main", "run"]
