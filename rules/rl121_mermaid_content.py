from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint import CodeBlock, Context, Document, Finding, Rule, Severity, Span, opt

KNOWN_TYPES = (
    "flowchart", "graph", "sequenceDiagram", "classDiagram", "stateDiagram",
    "stateDiagram-v2", "erDiagram", "journey", "gantt", "pie", "quadrantChart",
    "requirementDiagram", "gitGraph", "C4Context", "C4Container", "C4Component",
    "C4Dynamic", "C4Deployment", "mindmap", "timeline", "zenuml", "sankey-beta",
    "xychart-beta", "block-beta", "packet-beta", "kanban", "architecture-beta", "radar-beta",
)
# node shapes: id[..] id(..) id([..]) id[(..)] id((..)) id{..} id{{..}} id>..] id[/../]
_NODE_RE = re.compile(
    r"""(?P<id>[A-Za-z_][\w.-]*)\s*
        (?:\[\[(?P<a>[^\]]*)\]\]|\[\((?P<b>[^)]*)\)\]|\(\[(?P<c>[^\]]*)\]\)|\(\((?P<d>[^)]*)\)\)
          |\{\{(?P<e>[^}]*)\}\}|\[/(?P<f>[^\]]*)/\]|\[\\(?P<g>[^\]]*)\\\]|\[(?P<h>[^\]]*)\]
          |\((?P<i>[^)]*)\)|\{(?P<j>[^}]*)\}|>(?P<k>[^\]]*)\])""",
    re.VERBOSE)
_ID_RE = re.compile(r"(?<![\w\"])([A-Za-z_][\w]*)(?![\w\"\[\(\{>])")
_EDGE_TEXT_RE = re.compile(r"\|[^|\n]*\|")  # A -->|label| B
# A -- x --> B
_EDGE_DASH_RE = re.compile(r"(?:--|==|-\.)\s+[^\n]*?\s+(?:-->|==>|\.->|---|-\.-)")
_STATEMENT_KEYWORDS = frozenset({"style", "classdef", "class", "click", "linkstyle",
                                 "direction", "acctitle", "accdescr"})
_NOT_IDS = frozenset({"subgraph", "end", "graph", "flowchart", "td", "tb", "lr", "rl", "bt"})
_TOKEN_RE = re.compile(r"[^\W_]+")
_DIRECTIVE_RE = re.compile(r"^\s*(%%.*)?$")


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.casefold())


def _matches(term: str, label_tokens: list[str]) -> bool:
    """Every token of ``term``, in order and adjacent, starts a token of the label."""
    want = _tokens(term)
    if not want:
        return False
    for i in range(len(label_tokens) - len(want) + 1):
        if all(label_tokens[i + k].startswith(w) for k, w in enumerate(want)):
            return True
    return False


class MermaidContent(Rule):
    """
    ## What it does
    Checks each Mermaid diagram: its first statement (after `%%` comments
    and a front-matter block) is a known diagram type, optionally one of
    `types`; and it names every node listed in `nodes`. A node is named when
    its label (or its id, for nodes without a label) contains the term: each
    word of the term starts a word of the label, in order, case-insensitively
    (`API routers` matches `API Routers (FastAPI)`, `DB` matches
    `PostgreSQL DB`, `artifact` matches `Artifacts`). Alternatives are
    separated by `|` (`DB|Database|Postgres`). A missing node is reported at
    the diagram's fence, one finding per node.

    ## Why is this bad?
    A contract such as "a diagram showing Frontend → API routers → DB +
    worker → artifacts → evaluation → leaderboard" is about content, not
    just the presence of a code block; an LLM often drops one box.

    ## Example
    With `nodes: [Frontend, Leaderboard]`, this fails (no Leaderboard):
    ```mermaid
    flowchart LR
      FE[Frontend] --> API[API Routers]
    ```

    Use instead:
    ```mermaid
    flowchart LR
      FE[Frontend] --> API[API Routers] --> LB[Leaderboard]
    ```

    ## Generic default
    With no `types` and no `nodes`, only what is true of every report is
    checked: each Mermaid block is not empty and starts with a known diagram
    type (a misspelt type does not render).

    ## Options
    - `types`: allowed diagram types (empty: any known type).
    - `nodes`: terms that must name a node.
    - `languages`: info-string languages that count as diagrams.
    """

    id = "RL121"
    name = "mermaid-content"
    summary = "Each Mermaid diagram is a known type and names the required nodes."
    default_severity = Severity.ERROR
    tags = ("diagram",)

    @dataclass(frozen=True)
    class Options:
        """The options of `mermaid-content`, documented in the rule's docstring."""

        types: tuple[str, ...] = opt((), "Allowed diagram types (empty: any known type).")
        nodes: tuple[str, ...] = opt((), "Terms that must name a node; `|` separates "
                                         "alternatives.")
        languages: tuple[str, ...] = opt(("mermaid",), "Info-string languages checked.")

        def __post_init__(self) -> None:
            known = {t.casefold() for t in KNOWN_TYPES}
            for t in self.types:
                if t.casefold() not in known:
                    raise ValueError(f"types: {t!r} is not a Mermaid diagram type")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        langs = {lang.casefold() for lang in self.options.languages}
        for block in doc.code_blocks:
            if block.fenced and block.lang.casefold() in langs:
                yield from self._diagram(block)

    def _diagram(self, block: CodeBlock) -> Iterator[Finding]:
        o = self.options
        lines = block.content.split("\n")
        i = 0
        if lines and lines[0].strip() == "---":  # mermaid front matter (title/config)
            i = next((k for k in range(1, len(lines)) if lines[k].strip() == "---"),
                     len(lines) - 1) + 1
        while i < len(lines) and _DIRECTIVE_RE.match(lines[i]):
            i += 1
        if i >= len(lines):
            yield self.finding(block.span, "empty Mermaid diagram", key="empty")
            return
        first = lines[i].strip()
        kind = first.split()[0] if first.split() else ""
        at = Span.at(block.content_line + i, 1, block.content_line + i, len(lines[i]) + 1)
        known = {t.casefold(): t for t in KNOWN_TYPES}
        if kind.casefold() not in known:
            yield self.finding(at, f'"{kind}" is not a Mermaid diagram type')
            return
        if o.types and kind.casefold() not in {t.casefold() for t in o.types}:
            yield self.finding(at, f'diagram type "{kind}" is not allowed; expected '
                                   + " or ".join(o.types))
        labels = _node_labels(lines[i + 1:])
        for term in o.nodes:
            alts = [t.strip() for t in term.split("|") if t.strip()]
            if not any(_matches(a, lab) for a in alts for lab in labels):
                # every missing node is reported at the opening fence: the node is the key
                yield self.finding(block.opening, f'diagram does not name "{alts[0]}"'
                                   + (f" (or {', '.join(alts[1:])})" if len(alts) > 1 else ""),
                                   key=("node", alts[0]))


def _node_labels(lines: list[str]) -> list[list[str]]:
    """The words of every node label (or bare node id) and subgraph title.

    Comments (`%%`), styling statements and edge labels (`-->|x|`,
    `-- x -->`) name no node, so their words are not labels.
    """
    kept = []
    for line in lines:
        line = line.split("%%", 1)[0]
        words = line.split()
        if not words or words[0].casefold() in _STATEMENT_KEYWORDS:
            continue
        kept.append(_EDGE_DASH_RE.sub(" --> ", _EDGE_TEXT_RE.sub(" ", line)))
    body = "\n".join(kept)
    labels: list[list[str]] = []
    labelled = set()
    for m in _NODE_RE.finditer(body):
        label = next((g for g in m.groups()[1:] if g is not None), "")
        labels.append(_tokens(label.strip("\"'` ")) or _tokens(m.group("id")))
        labelled.add(m.group("id"))
    for line in kept:
        stripped = line.strip()
        if stripped.casefold().startswith("subgraph "):
            labels.append(_tokens(stripped[len("subgraph "):]))
    without_labels = _NODE_RE.sub(lambda m: " " + m.group("id") + " ", body)
    for m in _ID_RE.finditer(without_labels):
        ident = m.group(1)
        if ident not in labelled and ident.casefold() not in _NOT_IDS:
            labels.append(_tokens(ident))
    return labels


RULES = [MermaidContent]
