"""The Rule base class and the per-document Context handed to rules."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from reportlint.finding import Finding, Related, Severity
from reportlint.options import NoOptions, check_options_class
from reportlint.span import Span

if TYPE_CHECKING:
    from reportlint.document import Document
    from reportlint.evidence.state import Evidence

ID_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
RESERVED_OPTION_NAMES = frozenset({"severity", "enabled"})
REQUIRED_DOC_HEADINGS = ("## What it does", "## Why is this bad?", "## Example")

T = TypeVar("T")


@dataclass(eq=False)
class Context:
    """What a rule may know besides the document, one per linted document.

    - ``root``: the sources root. Citations resolve inside it; nothing outside
      it is read.
    - ``path``: the report's path, posix, relative to the project root.
    - ``project_root``: the project folder (where the config or ``.git`` is),
      or None when unknown (then ``path`` is taken as it is).
    - ``evidence_config``: the ``evidence:`` mapping of the configuration, as
      written (the evidence layer validates and reads it).
    - ``evidence_excluded``: files that are never evidence (this run's outputs,
      baseline and configuration).
    - ``shared``: a cache for the whole run, shared by every document (the
      evidence layer keeps its source index there).
    - ``memo(key, factory)``: a value computed once per document, so several
      rules share one piece of work (for example the claims of the evidence
      rules).
    """

    root: Path
    path: str
    shared: dict[str, Any] = dataclasses.field(default_factory=dict)
    evidence_config: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    project_root: Path | None = None
    #: files that are never evidence: the run's outputs, baseline and configuration
    evidence_excluded: tuple[str, ...] = ()
    _memo: dict[str, Any] = dataclasses.field(default_factory=dict, init=False, repr=False)

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = factory()
        return cast(T, self._memo[key])

    @property
    def evidence(self) -> Evidence:
        """The evidence layer's typed facade: claims, citations, checks, sources."""
        from reportlint.evidence.state import Evidence  # only evidence rules pay for it

        return self.memo("evidence", lambda: Evidence(self))


class Rule:
    """Base class for every rule: built-in, plugin or rules-dir.

    Subclasses set ``id``, ``name``, ``summary``, ``default_severity``, an
    ``Options`` frozen dataclass, and implement ``check``, a generator of
    findings. The class docstring is the rule's documentation (ruff style):
    "## What it does", "## Why is this bad?", "## Example", and "## Options"
    when it has options. All of it is checked when the subclass is created
    (``__init_subclass__``): a mistake is a TypeError naming the class, at
    import, not a user's traceback. The README's "Writing a rule" is the
    guide.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    tags: ClassVar[tuple[str, ...]] = ()
    precision: ClassVar[str] = "high"
    enabled_by_default: ClassVar[bool] = True
    aliases: ClassVar[tuple[str, ...]] = ()
    Options: ClassVar[type] = NoOptions

    def __init_subclass__(cls, abstract: bool = False, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        if abstract:
            return
        where = f"{cls.__module__}.{cls.__qualname__}"
        for attr in ("id", "name", "summary"):
            if not isinstance(getattr(cls, attr, None), str):
                raise TypeError(f"{where}: rule has no {attr}")
        if not ID_RE.match(cls.id):
            raise TypeError(f"{where}: id {cls.id!r} must look like RL101")
        if not NAME_RE.match(cls.name):
            raise TypeError(f"{where}: name {cls.name!r} must be kebab-case")
        if not isinstance(cls.default_severity, Severity):
            raise TypeError(f"{where}: default_severity must be a Severity")
        check_options_class(cls.Options, where)
        for f in dataclasses.fields(cls.Options):
            if f.name in RESERVED_OPTION_NAMES:
                raise TypeError(f"{where}: option name {f.name!r} is reserved")
        doc = cls.__doc__ or ""
        missing = [h for h in REQUIRED_DOC_HEADINGS if h not in doc]
        if missing:
            raise TypeError(f"{where}: docstring lacks {', '.join(missing)}")

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, at: Span, message: str, related: Iterable[Related] = (),
                fix: str | None = None, severity: Severity | None = None,
                key: str | tuple[str, ...] | None = None) -> Finding:
        """A finding of this rule at ``at``; the engine stamps path and severity.

        ``severity`` lowers one finding below the rule's level (for example a
        note where the evidence exists but elsewhere); the configured
        severity of the rule still caps it. ``key`` is the finding's stable
        identity for fingerprints (see ``Finding.key``); a tuple is joined
        into one string, so ``key=(number, cited_path)`` works.
        """
        if isinstance(key, tuple):
            key = "\x1f".join(key)  # the ASCII unit separator: no part can contain it
        return Finding(span=at, message=message, rule_id=self.id, rule_name=self.name,
                       severity=severity or self.default_severity, related=tuple(related),
                       fix=fix, key=key)

    @classmethod
    def documentation(cls) -> str:
        """The docstring, dedented, with the options table appended."""
        from reportlint.ruledoc import render_doc

        return render_doc(cls)
