"""Derive a profile from the prompt a report was drafted from (`init --from-prompt`).

Deterministic reading, no model and no network: the prompt's lines are read
with a fixed set of phrasings, each mapped to a generic rule; the same prompt
always gives the same file. Every entry written is commented with the prompt
line it comes from; lines that state a requirement no phrasing covers are
listed at the end under "not checked".

What is read (see the README's "init --from-prompt"):

- the output path (`Create: docs/x.md`, `Output: …`, `Save it to …`) → `documents`;
- the document structure: the headings (or numbered items) under a heading
  that names the structure or outline, or a fenced heading outline →
  `required-headings` (trailing guidance in parentheses is tolerated);
- "Use `##` and `###`" → `heading-levels`;
- word ranges (`≈2,200–2,700 words`, `between 900 and 1,200 words`,
  `~3 pages (1,600–1,900 words)`, `at most 1,500 words`) → `word-count`, or
  `section-length` inside a section, as are page hints (`(½ page)`);
- "5–7 bullets" → `list-items`; "one paragraph", "no prose, only the table",
  "at most 3 sentences" → `paragraph-count`;
- named tables with columns (`A | B | C`, "columns: A, B, C") and rows
  ("(rows: …)" or a list in parentheses) → `required-table`; a vocabulary
  or format given with a column (`Severity (Critical/High/Medium/Low)`,
  `Date (YYYY-MM-DD)`, `Score (e.g. 4.0/5)`) → `cell-values`; "3–5
  milestones" in a section with a Milestone table → its row count;
- "2–3 small tables", "exactly two tables" → `table-count`;
- Mermaid diagrams ("one Mermaid sequence diagram showing A, B, C",
  "A → B → C", "no diagrams") → `mermaid-blocks` and `mermaid-content`;
- a named subsection or label in a section ("Create an “Audit Scorecard”
  section", "Include “Known Risks” as bullets with mitigation") →
  `required-content`;
- "no marketing fluff", "no hype" → `banned-phrases`;
- the prompt's own tag examples (`[src: path]`) → the evidence tag setting;
- "Inputs (must use all)" with "(if present)"/"(if available)" qualifiers
  → `required-sources`, required and optional.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# ---------------------------------------------------------------- phrasings

_NUM = r"\d[\d,]*"
_DASH = r"\s*(?:–|—|-|to)\s*"
_WORDS_RANGE = re.compile(rf"(?:≈|~|about\s+|around\s+|approx\.?\s+)?({_NUM}){_DASH}({_NUM})\s*"
                          r"words", re.I)
_WORDS_BETWEEN = re.compile(rf"between\s+({_NUM})\s+and\s+({_NUM})\s+words", re.I)
_WORDS_MAX = re.compile(rf"(?:at most|no more than|maximum of|max\.?|under|up to|fewer than)"
                        rf"\s+({_NUM})\s+words", re.I)
_WORDS_MIN = re.compile(rf"(?:at least|no fewer than|minimum of|min\.?)\s+({_NUM})\s+words",
                        re.I)
_PAGES = re.compile(r"(?:(?P<lo>\d+(?:\.\d+)?|½|¼|¾|half|one|two|three|four|five)"
                    r"(?:\s*(?:–|—|-|to)\s*(?P<hi>\d+(?:\.\d+)?))?\s*(?:-\s*)?(?:a\s+)?)"
                    r"pages?\b", re.I)
_NUMBER_WORDS = {"no": 0, "zero": 0, "one": 1, "a single": 1, "single": 1, "a": 1, "two": 2,
                 "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "exactly one": 1, "exactly two": 2,
                 "exactly three": 3}
_COUNT = (r"(?P<lo>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a single|single|"
          r"exactly (?:one|two|three)|no|zero)(?:\s*(?:–|—|-|to)\s*(?P<hi>\d+))?")
_BULLETS = re.compile(rf"\b{_COUNT}\s+(?:short\s+|concise\s+|top-level\s+)?"
                      r"(?:bullets?|bullet points|items)\b", re.I)
_PARAGRAPHS = re.compile(rf"\b{_COUNT}\s+(?:short\s+|concise\s+)?paragraphs?\b", re.I)
_SENTENCES = re.compile(rf"(?:(?P<most>at most|no more than|up to)\s+)?\b{_COUNT}\s+"
                        r"sentences?\b", re.I)
_NO_PROSE = re.compile(r"\bno prose\b|\bonly (?:the|a) table\b|\btable only\b", re.I)
_TABLES = re.compile(rf"\b{_COUNT}\s+(?:small\s+|compact\s+|short\s+)?tables?\b", re.I)
_DIAGRAMS = re.compile(rf"\b{_COUNT}\s+(?:\w+\s+){{0,2}}(?:mermaid\s+)?(?:\w+\s+)?"
                       r"(?:diagrams?|charts?)\b", re.I)
_NO_DIAGRAMS = re.compile(r"\bno (?:mermaid )?(?:diagrams?|charts?|figures?)\b", re.I)
_DIAGRAM = re.compile(r"\b(?:diagram|mermaid|flowchart|sequence diagram)\b", re.I)
_DIAGRAM_TYPES = (("sequence", "sequenceDiagram"), ("class diagram", "classDiagram"),
                  ("state", "stateDiagram-v2"), ("gantt", "gantt"), ("timeline", "timeline"),
                  ("entity", "erDiagram"), ("er diagram", "erDiagram"), ("pie", "pie"),
                  ("mindmap", "mindmap"), ("flowchart", "flowchart"),
                  ("flow chart", "flowchart"))
_FLUFF = re.compile(r"\bno (?:marketing )?(?:fluff|hype|buzzwords|marketing(?: language| "
                    r"speak)?)\b|\bavoid (?:marketing|hype|buzzwords|superlatives)", re.I)
_LEVELS = re.compile(r"\buse\s+`(#{1,6})`(?:\s*(?:,|and|or)\s*`(#{1,6})`)*", re.I)
_LEVEL_TOKENS = re.compile(r"`(#{1,6})`")
_OUTPUT = re.compile(r"(?:create|output|save(?: it)?(?: to| as)?|write(?: it)?(?: to)?|put|"
                     r"file(?:name)?|path|deliver(?:able)?)\b[^`]*`([^`\s]+\.(?:md|markdown))`",
                     re.I)
_QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]")
_TABLE_WORD = re.compile(r"\b(?:mini-?table|table|matrix)\b", re.I)
_BACKTICK = re.compile(r"`([^`]+)`")
_OPTIONAL = re.compile(r"\(if (?:present|available|any|it exists|they exist)[^)]*\)|"
                       r"\bif (?:present|available)\b|\bavailable in the repo|\boptional\b",
                       re.I)
_TAG_EXAMPLE = re.compile(r"^([(\[{<])\s*([A-Za-z][\w-]*)\s*:\s*.+?([)\]}>])$")
_TAG_WORDS = r"(?:sources?|src|ref|cite|evidence|from)"
_TAG_IN_PROSE = re.compile(rf"[(\[{{<]\s*{_TAG_WORDS}\s*:\s*[^()\[\]{{}}<>\n]+[)\]}}>]", re.I)
_STRUCTURE = re.compile(r"\b(?:structure|outline|sections|layout|template|format of the "
                        r"(?:report|document))\b", re.I)
_INPUTS = re.compile(r"^\s*(?:inputs?|sources?|source material|materials?)\b", re.I)
_STOP_SECTIONS = re.compile(r"\b(?:writing|formatting|style|tone|qa|checklist|hard "
                            r"requirements|requirements|rules|output|inputs?|goal|context|"
                            r"notes?)\b", re.I)
_GUIDANCE = re.compile(r"\b(?:pages?|words?|paragraphs?|sentences?|bullets?|tables?|"
                       r"optional|max|min|approx|e\.g\.|≈|~)|½|\d", re.I)
_MITIGATION_PATTERN = "mitigat|accept|schedul|bound|plan|track|fix|address"
_VOCAB = re.compile(r"^[A-Za-z][\w-]*(?:\s*/\s*[A-Za-z][\w-]*)+$")
_ISO = re.compile(r"YYYY-MM-DD|ISO(?:[- ]8601)? dates?", re.I)
_SCORE = re.compile(r"\d(?:\.\d)?\s*/\s*\d+|x\.x\s*/\s*\d+", re.I)

#: Words a page holds, when a prompt gives pages and no word range to scale them by.
WORDS_PER_PAGE = 500


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.strip().casefold()
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _pages(text: str) -> float | None:
    w = text.strip().casefold()
    return {"½": 0.5, "half": 0.5, "¼": 0.25, "¾": 0.75, "one": 1, "two": 2, "three": 3,
            "four": 4, "five": 5}.get(w) or (float(w) if re.fullmatch(r"\d+(\.\d+)?", w)
                                             else None)


# ---------------------------------------------------------------- the reading


@dataclass
class Line:
    number: int
    text: str
    original: str = ""  # the whole prompt line, when ``text`` is a part of it

    @property
    def quote(self) -> str:
        t = re.sub(r"\s+", " ", (self.original or self.text).strip().lstrip("-*+ ").strip())
        return t if len(t) <= 160 else t[:157] + "…"


@dataclass
class Section:
    title: str  # as the template writes it (guidance other than pages dropped)
    level: int
    line: Line
    body: list[Line] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    listed: bool = False  # an item of a numbered list: its number is list syntax


@dataclass
class Derived:
    """What a prompt says, as rule options with the lines they come from."""

    documents: list[tuple[str, Line]] = field(default_factory=list)
    rules: dict[str, list[tuple[str, Any, Line | None]]] = field(default_factory=dict)
    evidence: list[tuple[str, Any, Line]] = field(default_factory=list)
    not_checked: list[Line] = field(default_factory=list)
    covered: list[Line] = field(default_factory=list)  # by the evidence rules
    inputs: set[int] = field(default_factory=set)  # lines of the inputs list
    notes: list[str] = field(default_factory=list)

    def add(self, rule: str, key: str, value: Any, line: Line | None) -> None:
        self.rules.setdefault(rule, []).append((key, value, line))


def derive(text: str) -> Derived:
    """Read a prompt (Markdown) into rule options."""
    lines = [Line(i, t) for i, t in enumerate(text.splitlines(), 1)]
    out = Derived()
    used: set[int] = set()
    in_fence = False
    headings: list[tuple[int, str, Line]] = []
    for ln in lines:
        if ln.text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", ln.text)
        if m and not in_fence:
            headings.append((len(m.group(1)), m.group(2), ln))
    sections = _structure(lines, headings, used)
    levels = _heading_levels(lines, out, used)
    top = min((lv for lv in levels if lv > 1), default=2)
    if sections:
        template = [f"{'#' * top} {s.title}" for s in sections]
        out.add("required-headings", "headings", template, sections[0].line)
        out.add("required-headings", "levels", [top], None)
        if all(sec.listed for sec in sections):
            # "1. Summary" in a list: `## Summary` and `## 1. Summary` both fit the contract
            out.add("required-headings", "numbering", False, None)
    _output(lines, out, used)
    _inputs(lines, headings, out, used)
    _tag_examples(lines, out, used)
    _evidence_lines(lines, out, used)
    _guidance_by_name(lines, sections, used)
    section_of = {ln.number: s for s in sections for ln in s.body}
    for s in sections:
        _section(s, out, used)
    _document_wide(lines, sections, section_of, out, used)
    _not_checked(lines, headings, out, used)
    return out


def _structure(lines: list[Line], headings: list[tuple[int, str, Line]],
               used: set[int]) -> list[Section]:
    """The required sections: the headings, numbered items or fenced outline that follow
    a heading naming the structure; else the prompt's own headings below its title."""
    for k, (level, title, ln) in enumerate(headings):
        if not _STRUCTURE.search(title) or _STOP_SECTIONS.search(title):
            continue
        end = next((h[2].number for h in headings[k + 1:] if h[0] <= level), len(lines) + 1)
        children = [h for h in headings[k + 1:] if h[2].number < end and h[0] == level + 1]
        if children:
            # the structure ends at a rule (---) or at a heading about writing, QA, style…
            first = children[0][2].number
            end = min([end] + [x.number for x in lines if first < x.number < end
                               and re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", x.text)])
            stop = next((h[2].number for h in children[1:] if _STOP_SECTIONS.search(h[1])),
                        end)
            end = min(end, stop)
            children = [h for h in children if h[2].number < end]
        used.add(ln.number)
        if children:
            return _sections_from_headings(lines, children, end, used)
        body = [x for x in lines if ln.number < x.number < end]
        return _sections_from_items(body, used)
    return _structure_after_lead_in(lines, headings, used)


_LEAD_IN = re.compile(r"^\s*(?:\*\*)?(?:(?:the )?(?:document|report|review|brief|audit)\s+)?"
                      r"(?:structure|outline|sections|layout|template)(?:\*\*)?\s*:\s*"
                      r"(?:\*\*)?\s*$|\b(?:these|the following)\s+(?:\w+\s+)?sections\b.*:\s*$",
                      re.I)


def _structure_after_lead_in(lines: list[Line], headings: list[tuple[int, str, Line]],
                             used: set[int]) -> list[Section]:
    """Sections as a numbered list right after a lead-in line that is not a heading
    ("Structure:", "The review has these sections:"); the list ends at the first line
    that is neither an item, an indented or bulleted continuation, nor blank."""
    heading_lines = {h[2].number for h in headings}
    for k, ln in enumerate(lines):
        if ln.number in heading_lines or not _LEAD_IN.search(ln.text):
            continue
        body: list[Line] = []
        for x in lines[k + 1:]:
            t = x.text
            if not t.strip():
                body.append(x)
                continue
            if re.match(r"^\s*\d+[.)]\s+", t) or t.startswith((" ", "\t")) or (
                    body and t.lstrip().startswith(("-", "*", "+"))):
                body.append(x)
                continue
            break
        if not any(re.match(r"^\d+[.)]\s+", x.text) for x in body):
            continue
        used.add(ln.number)
        return _sections_from_items(body, used)
    return []


def _sections_from_headings(lines: list[Line], children: list[tuple[int, str, Line]],
                            end: int, used: set[int]) -> list[Section]:
    out = []
    for i, (level, title, ln) in enumerate(children):
        stop = children[i + 1][2].number if i + 1 < len(children) else end
        sec = Section(_template_title(title), level, ln)
        sec.body = [x for x in lines if ln.number < x.number < stop and x.text.strip()
                    and not x.text.strip().startswith("---")]
        guidance = re.search(r"\(([^()]*)\)\s*$", title)
        if guidance and _GUIDANCE.search(guidance.group(1)) and not re.search(
                r"\bpages?\b", guidance.group(1), re.I):
            sec.body.insert(0, Line(ln.number, guidance.group(1)))
        used.add(ln.number)
        out.append(sec)
    return out


def _sections_from_items(body: list[Line], used: set[int]) -> list[Section]:
    """Sections given as a fenced outline of headings, or as a numbered list."""
    out: list[Section] = []
    in_fence = False
    for ln in body:
        t = ln.text
        if t.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            used.add(ln.number)
            continue
        if in_fence:
            m = re.match(r"^\s*(#{1,6})\s+(.*)$", t)
            if m and len(m.group(1)) > 1:
                sec = Section(_template_title(m.group(2)), len(m.group(1)), ln)
                guidance = re.search(r"\(([^()]*)\)\s*$", m.group(2))
                if guidance and _GUIDANCE.search(guidance.group(1)):
                    sec.body.append(Line(ln.number, guidance.group(1)))
                out.append(sec)
                used.add(ln.number)
            elif m:
                used.add(ln.number)  # the outline's own title
            continue
        m = re.match(r"^(\d+)[.)]\s+(.*)$", t)
        if m:
            item = m.group(2)
            bold = re.match(r"\*\*(.+?)\*\*\s*(.*)$", item)
            if bold:
                title, rest = bold.group(1), bold.group(2)
            else:
                # "Incidents (a table with columns: A, B)": the colon inside the
                # parenthesis is guidance, not the end of the title
                parts = re.split(r"\s+[—–-]\s+|:\s+(?![^()]*\))", item, maxsplit=1)
                title, rest = parts[0], parts[1] if len(parts) > 1 else ""
            title = title.strip().rstrip(":")
            guidance = re.match(r"^(.*?)\s*(\([^()]*\))\s*$", title)
            if guidance and (_GUIDANCE.search(guidance.group(2))
                             or _TABLE_WORD.search(guidance.group(2))):
                rest = guidance.group(2)[1:-1] + (". " + rest if rest else "")
                title = guidance.group(1)
            sec = Section(f"{m.group(1)}. {title}" if re.match(r"^\d", t) else title, 2, ln,
                          listed=True)
            sec.body = [Line(ln.number, rest, ln.text)] if rest.strip() else []
            out.append(sec)
            used.add(ln.number)
        elif out and t.strip() and (t.startswith((" ", "\t")) or t.lstrip().startswith("-")):
            out[-1].body.append(ln)
    return out


def _guidance_by_name(lines: list[Line], sections: list[Section], used: set[int]) -> None:
    """List items elsewhere that name a section first ("- Highlights: 3–5 bullets.") are
    that section's guidance."""
    from reportlint.headings import normalize_heading

    by_key = {normalize_heading(s.title, numbering=False): s for s in sections}
    mine = {ln.number for s in sections for ln in s.body} | {s.line.number for s in sections}
    for ln in lines:
        m = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+\**([^:*]+?)\**\s*:\s*(.+)$", ln.text)
        if not m or ln.number in mine:
            continue
        sec = by_key.get(normalize_heading(m.group(1), numbering=False))
        if sec is not None:
            sec.body.append(Line(ln.number, m.group(2), ln.text))


def _template_title(title: str) -> str:
    """A prompt heading as a template entry: guidance in a trailing parenthetical that is
    not about pages is dropped (RL101 already tolerates page guidance)."""
    t = re.sub(r"\*\*|__", "", title).strip()
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", t)
    if m and _GUIDANCE.search(m.group(2)) and not re.search(r"\bpages?\b", m.group(2), re.I):
        return m.group(1).strip()
    return t


def _heading_levels(lines: list[Line], out: Derived, used: set[int]) -> list[int]:
    for ln in lines:
        m = _LEVELS.search(ln.text)
        if m:
            levels = sorted({len(x) for x in _LEVEL_TOKENS.findall(ln.text[m.start():])})
            out.add("heading-levels", "levels", levels, ln)
            if 1 not in levels:
                out.add("heading-levels", "title", "optional", None)
            used.add(ln.number)
            return levels
    return []


def _output(lines: list[Line], out: Derived, used: set[int]) -> None:
    for ln in lines:
        m = _OUTPUT.search(ln.text)
        if m and not _TAG_EXAMPLE.match(m.group(1)):
            out.documents.append((m.group(1), ln))
            used.add(ln.number)
            return


def _inputs(lines: list[Line], headings: list[tuple[int, str, Line]], out: Derived,
            used: set[int]) -> None:
    """Backticked paths listed under an "Inputs" heading; "(if present)" makes one optional,
    and an optional parent item makes its nested items optional."""
    spans = [(title, ln, next((h[2].number for h in headings[k + 1:] if h[0] <= level),
                              len(lines) + 1))
             for k, (level, title, ln) in enumerate(headings) if _INPUTS.match(title)]
    for ln in lines:  # or a line of its own: "Inputs (must use all):" and a list
        if not spans and _INPUTS.match(ln.text) and ln.text.rstrip().endswith(":"):
            end = next((x.number for x in lines[ln.number:]
                        if x.text.strip() and not re.match(r"^\s*(?:[-*+]|\d+[.)])\s", x.text)),
                       len(lines) + 1)
            spans.append((ln.text.strip().rstrip(":"), ln, end))
    for title, ln, end in spans:
        all_optional = bool(_OPTIONAL.search(title)) and "must" not in title.casefold()
        stack: list[tuple[int, bool]] = []
        used.add(ln.number)
        required: list[tuple[str, Line]] = []
        optional: list[tuple[str, Line]] = []
        for item in lines[ln.number:end - 1]:
            m = re.match(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$", item.text)
            if not m:
                continue
            indent = len(m.group(1).expandtabs(4))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            opt = all_optional or bool(_OPTIONAL.search(m.group(2))) or any(
                o for _i, o in stack)
            stack.append((indent, opt))
            out.inputs.add(item.number)
            paths = [p for p in _BACKTICK.findall(m.group(2)) if _is_path(p)]
            if not paths:
                out.not_checked.append(item)
                used.add(item.number)
                continue
            for p in paths:
                (optional if opt else required).append((p, item))
            used.add(item.number)
        for p, item in required:
            out.add("required-sources", "required", p, item)
        for p, item in optional:
            out.add("required-sources", "optional", p, item)
        return


def _is_path(text: str) -> bool:
    t = text.strip()
    return (not t.endswith("/") and " " not in t and not t.startswith(("(", "["))
            and re.search(r"\.[A-Za-z0-9]{1,5}$", t) is not None)


def _tag_examples(lines: list[Line], out: Derived, used: set[int]) -> None:
    """The tag syntax of the prompt's own examples, when it is not the default one."""
    found: tuple[str, str, str, Line] | None = None
    for ln in lines:
        # in backticks (`[src: path]`) or written out in the prompt's prose
        examples = _BACKTICK.findall(ln.text) + [
            m.group(0) for m in _TAG_IN_PROSE.finditer(_BACKTICK.sub(" ", ln.text))]
        for code in examples:
            m = _TAG_EXAMPLE.match(code.strip())
            if not m or "…" in m.group(2):
                continue
            opener, word, closer = m.groups()
            pairs = {"(": ")", "[": "]", "{": "}", "<": ">"}
            if pairs[opener] != closer or word.casefold() not in (
                    "source", "sources", "src", "ref", "cite", "evidence", "from"):
                continue
            used.add(ln.number)
            if found is None:
                found = (opener, word, closer, ln)
    if found is None:
        return
    opener, word, closer, ln = found
    if (opener, word.casefold()) in (("(", "source"), ("(", "sources")):
        return  # the default tag: nothing to set
    for key, value in tag_settings(opener, word, closer).items():
        out.evidence.append((key, value, ln))


_EVIDENCE_LINE = re.compile(r"\bsource tags?\b|\binvented (?:numbers|metrics)\b|"
                            r"\bcite (?:a )?sources?\b|\bmetric differs\b|"
                            r"\bmost recent\b.*\bprior value\b|\bsourced?\b.*\bclaims?\b",
                            re.I)


def _evidence_lines(lines: list[Line], out: Derived, used: set[int]) -> None:
    """Lines the evidence rules of the sourced-report profile already cover."""
    for ln in lines:
        if ln.number not in used and _EVIDENCE_LINE.search(ln.text) and \
                not ln.text.strip().startswith("- [ ]"):
            out.covered.append(ln)
            used.add(ln.number)


def tag_settings(opener: str, word: str, closer: str) -> dict[str, Any]:
    """The evidence settings for tags written ``<opener><word>: …<closer>``: the tag
    syntax's keyword and brackets (the evidence layer derives the pattern and the
    opener of malformed tags from them); other brackets need the raw pattern."""
    if opener + closer in ("()", "[]"):
        return {"tag-keywords": [word.casefold()], "tag-brackets": opener + closer}
    o, c = re.escape(opener), re.escape(closer)
    return {"tag-pattern": f"{o}(?i:\\s*{re.escape(word)})\\s*:(?P<body>[^{c}]*){c}"}


def _section(sec: Section, out: Derived, used: set[int]) -> None:
    """Requirements stated inside one section of the structure."""
    pages = _heading_pages(sec)
    if pages is not None:
        out.add("section-length", "max-pages", (sec.title, pages), sec.line)
    body = sec.body
    for i, ln in enumerate(body):
        t = ln.text
        hit = False
        m = _WORDS_RANGE.search(t) or _WORDS_BETWEEN.search(t)
        if m:
            out.add("section-length", "range", (sec.title, _int(m.group(1)), _int(m.group(2))),
                    ln)
            hit = True
        elif (m := _WORDS_MAX.search(t)):
            out.add("section-length", "range", (sec.title, None, _int(m.group(1))), ln)
            hit = True
        elif (m := _WORDS_MIN.search(t)):
            out.add("section-length", "range", (sec.title, _int(m.group(1)), None), ln)
            hit = True
        if (m := _BULLETS.search(t)):
            lo, hi = _count(m.group("lo")), _count(m.group("hi"))
            out.add("list-items", "section", (sec.title, lo, hi if hi is not None else lo), ln)
            hit = True
        if _NO_PROSE.search(t):
            out.add("paragraph-count", "section", (sec.title, None, 0, None, None), ln)
            hit = True
        elif (m := _PARAGRAPHS.search(t)):
            lo, hi = _count(m.group("lo")), _count(m.group("hi"))
            out.add("paragraph-count", "section",
                    (sec.title, lo, hi if hi is not None else lo, None, None), ln)
            hit = True
        if (m := _SENTENCES.search(t)):
            lo, hi = _count(m.group("lo")), _count(m.group("hi"))
            if m.group("most"):
                out.add("paragraph-count", "section", (sec.title, None, None, None, lo), ln)
            else:
                out.add("paragraph-count", "section",
                        (sec.title, None, None, lo, hi if hi is not None else lo), ln)
            hit = True
        if _TABLE_WORD.search(t) and not _TABLES.search(t):
            nxt = body[i + 1] if i + 1 < len(body) else None
            if _table(sec, ln, nxt, out, used):
                hit = True
        if _DIAGRAM.search(t) and not _NO_DIAGRAMS.search(t):
            _diagram(sec, body[i:i + 3], ln, out, used)
            hit = True
        if (m := _QUOTED.search(t)) and re.search(
                r"\b(?:section|subsection|as bullets|bullet list|list|block|heading)\b",
                t[m.end():], re.I) and not _TABLE_WORD.search(t[m.end():m.end() + 20]):
            spec: dict[str, Any] = {"section": sec.title, "label": m.group(1).strip()}
            after = t[m.end():]
            if re.search(r"\bbullets?\b|\blist\b", after, re.I):
                spec["list"] = True
                if re.search(r"\bmitigat", after, re.I):
                    spec["item-pattern"] = _MITIGATION_PATTERN
                    spec["item-description"] = "a mitigation (mitigated, accepted, " \
                                               "scheduled, bounded…)"
            out.add("required-content", "item", spec, ln)
            hit = True
        if hit:
            used.add(ln.number)
    # "3–5 milestones": a row count on the section's table with a matching column
    for ln in body:
        for m in re.finditer(rf"\b(\d+){_DASH}(\d+)\s+([a-z]+?)s\b", ln.text, re.I):
            noun = m.group(3).casefold()
            for tbl in sec.tables:
                if any(c.casefold().startswith(noun) for c in tbl.get("columns", [])):
                    tbl["min-rows"], tbl["max-rows"] = int(m.group(1)), int(m.group(2))
                    tbl.setdefault("_lines", []).append(ln)
                    used.add(ln.number)


def _heading_pages(sec: Section) -> float | None:
    """A length in pages in the section heading's guidance: `(½ page, before Page 1)`."""
    m = re.search(r"\(([^()]*)\)\s*$", sec.line.text)
    if not m:
        return None
    for pm in _PAGES.finditer(m.group(1)):
        if pm.group("lo") is None:
            continue
        before = m.group(1)[:pm.start()].rstrip()
        if before.casefold().endswith(("before", "after", "on")):
            continue
        value = _pages(pm.group("lo"))
        if value is not None and not re.match(r"pages?\s*\d", m.group(1)[pm.start():], re.I):
            hi = _pages(pm.group("hi")) if pm.group("hi") else None
            return hi or value
    return None


def _split_columns(text: str) -> list[str]:
    t = text.strip().lstrip("-*+ ").strip().rstrip(".")
    if "|" in t:
        parts = [p.strip() for p in t.strip("|").split("|")]
    else:
        parts = [p.strip() for p in re.split(r",\s*(?![^()]*\))", t)]
    return [p for p in parts if p and p not in ("…", "...")]


def _table(sec: Section, ln: Line, nxt: Line | None, out: Derived, used: set[int]) -> bool:
    """A named table deliverable: its columns (after `table:` or on the next line, or
    "columns: …") and its rows (a list in parentheses after the table, or "rows: …")."""
    t = ln.text
    q = _QUOTED.search(t)
    # the table word after the quoted name: "“Guardrail Matrix” table:"
    m = _TABLE_WORD.search(t, q.end() if q and _TABLE_WORD.search(t, q.end()) else 0)
    assert m is not None
    name = ""
    if q and q.end() <= m.start() and re.fullmatch(r"[\s\w-]{0,12}", t[q.end():m.start()]):
        name = q.group(1).strip()  # the quote names this table, not something before it
    elif q and q.start() >= m.end():
        name = ""
    else:
        before = re.findall(r"[A-Za-z][\w-]*", t[:m.start()])
        word = before[-1] if before else ""
        if word.casefold() not in ("a", "an", "the", "one", "compact", "small", "mini",
                                   "short", "include", "includes", "with", "and", "add"):
            name = word
    spec: dict[str, Any] = {"section": sec.title}
    columns: list[str] = []
    rows: list[str] = []
    after = t[m.end():]
    cm = re.search(r"columns?\s*[:=]\s*(.+)$", t, re.I)
    if cm:
        columns = _split_columns(cm.group(1))
    elif re.match(r"^\s*:\s*\S", after):
        columns = _split_columns(after.split(":", 1)[1])
    elif re.match(r"^\s*:?\s*$", after) and nxt is not None and (
            "|" in nxt.text or "," in nxt.text):
        columns = _split_columns(nxt.text)
        used.add(nxt.number)
    rm = re.search(r"rows?\s*(?:for)?\s*[:=]?\s*\(?([^()]+)\)?", after, re.I) \
        if re.search(r"\brows?\b", after, re.I) else None
    pm = re.match(r"^\s*\(([^()]+)\)", after)
    if rm:
        rows = _split_columns(rm.group(1))
    elif pm:
        rows = _split_columns(pm.group(1))
    if not (name or columns or rows):
        return False
    if not name:
        short = re.sub(r"\s*\([^()]*\bpages?\b[^()]*\)\s*$", "", sec.title, flags=re.I)
        name = f"{re.sub(r'^[0-9.]+ ', '', short)} table"
    spec["name"] = name
    values: list[dict[str, Any]] = []
    if columns:
        spec["columns"] = [re.sub(r"\s*\(([^()]*)\)\s*$", lambda g: "" if _cell_rule(
            g.group(1)) else g.group(0), c).strip() for c in columns]
        for c, plain in zip(columns, spec["columns"]):
            pm2 = re.search(r"\(([^()]*)\)\s*$", c)
            rule = _cell_rule(pm2.group(1)) if pm2 else None
            if rule:
                values.append({"column": plain, "section": sec.title, **rule})
    if rows:
        spec["rows"] = [r.split()[0].strip(",.;") for r in rows if r.split()]
    spec["_lines"] = [ln]
    sec.tables.append(spec)
    out.add("required-table", "table", spec, ln)
    for v in values:
        out.add("cell-values", "column", v, ln)
    return True


def _cell_rule(guidance: str) -> dict[str, Any] | None:
    g = guidance.strip()
    explicit = re.match(r"^(?:one of|values?|∈)\s*:?\s*", g, flags=re.I)
    g2 = g[explicit.end():] if explicit else g
    # a vocabulary: said so ("one of"), or three or more alternatives ("Critical/High/Low");
    # two ("CI/local") are more often guidance than a closed list
    if _VOCAB.match(g2) and (explicit or g2.count("/") >= 2):
        return {"values": [v.strip() for v in g2.split("/")]}
    if _ISO.search(g):
        return {"format": "iso-date"}
    if _SCORE.search(g):
        return {"format": "score"}
    if re.fullmatch(r"%|percent(?:age)?", g, re.I):
        return {"format": "percent"}
    return None


def _diagram(sec: Section, window: list[Line], ln: Line, out: Derived,
             used: set[int]) -> None:
    """A diagram deliverable: one diagram in this section, its type and nodes."""
    text = " ".join(x.text for x in window)
    m = _DIAGRAMS.search(ln.text)
    n = _count(m.group("lo")) if m else 1
    out.add("mermaid-blocks", "section", (sec.title, n if n is not None else 1), ln)
    types = [t for key, t in _DIAGRAM_TYPES if key in text.casefold()]
    nodes_line = next((x for x in window if "→" in x.text or "->" in x.text), None)
    nodes: list[str] = []
    if nodes_line is not None:
        parts = re.split(r"\s*(?:→|->|\+|,)\s*", nodes_line.text.strip().lstrip("-*+ "))
        nodes = [p.strip().strip("`*").strip() for p in parts if p.strip()]
        used.add(nodes_line.number)
        if not types:
            types = ["flowchart", "graph"]
    else:
        sm = re.search(r"\bshowing\s*:?\s*(.+)$", ln.text, re.I)
        if sm and sm.group(1).strip():
            nodes = [p.strip().strip("`*.").strip()
                     for p in re.split(r",\s*|\s+and\s+", sm.group(1)) if p.strip()]
    nodes = [nd[:1].upper() + nd[1:] for nd in nodes if nd]
    out.add("mermaid-content", "spec", (types, nodes), nodes_line or ln)


def _document_wide(lines: list[Line], sections: list[Section], section_of: dict[int, Section],
                   out: Derived, used: set[int]) -> None:
    named_tables = sum(len(s.tables) for s in sections)
    heading_lines = {s.line.number for s in sections}
    for k, ln in enumerate(lines):
        if ln.number in section_of or ln.number in heading_lines or ln.number in out.inputs:
            continue
        t = ln.text
        nxt = lines[k + 1].text if k + 1 < len(lines) else ""
        if t.strip() and nxt.strip() and not re.match(r"^\s*(?:[-*+#|]|\d+[.)])", nxt) \
                and not re.search(r"[.:!?]\s*$", t):
            t = t + " " + nxt.strip()  # a sentence wrapped onto the next line
        hit = False
        if (m := _WORDS_RANGE.search(t)) or (m := _WORDS_BETWEEN.search(t)):
            out.add("word-count", "range", (_int(m.group(1)), _int(m.group(2))), ln)
            hit = True
        elif (m := _WORDS_MAX.search(t)):
            out.add("word-count", "range", (None, _int(m.group(1))), ln)
            hit = True
        elif (m := _WORDS_MIN.search(t)):
            out.add("word-count", "range", (_int(m.group(1)), None), ln)
            hit = True
        if (m := _TABLES.search(t)):
            lo, hi = _count(m.group("lo")), _count(m.group("hi"))
            hi = hi if hi is not None else lo
            if hi is not None and named_tables > hi:
                out.notes.append(f"prompt line {ln.number} asks for at most {hi} tables but "
                                 f"names {named_tables} table deliverables: the named ones "
                                 f"are read as binding, so table-count allows {named_tables}")
                hi = named_tables
            out.add("table-count", "range", (lo, hi), ln)
            hit = True
        if _NO_DIAGRAMS.search(t):
            out.add("mermaid-blocks", "none", None, ln)
            hit = True
        elif (m := _DIAGRAMS.search(t)) and "mermaid-blocks" not in out.rules:
            n = _count(m.group("lo"))
            out.add("mermaid-blocks", "section", ("", n if n is not None else 1), ln)
            hit = True
        if _FLUFF.search(t):
            out.add("banned-phrases", "severity", "warning", ln)
            hit = True
        for column, rule in _column_rules(t, sections):
            out.add("cell-values", "column", {"column": column, **rule}, ln)
            hit = True
        if hit:
            used.add(ln.number)


_COLUMN_VOCAB = re.compile(r"\b(?P<col>[A-Z][\w-]*(?: [A-Za-z][\w-]*)?) (?:is|must be|are|"
                           r"should be) (?:one of|either)\s*:?\s*(?P<vals>[^.;]+)")
_COLUMN_FORMAT = re.compile(r"\b(?P<col>[A-Z][\w-]*(?: [A-Za-z][\w-]*)?) (?:is|are|must be|"
                            r"should be)(?: written)?(?: as| in)? (?P<fmt>[^.;]+)")


def _column_rules(text: str, sections: list[Section]) -> list[tuple[str, dict[str, Any]]]:
    """"Severity is one of Critical, High, Medium, Low." and "Dates are ISO dates.": a
    vocabulary or a format for a column of a table the structure names (or any table
    with that column, when the structure names none)."""
    columns = {c for s in sections for t in s.tables for c in t.get("columns", ())}
    out: list[tuple[str, dict[str, Any]]] = []
    for m in _COLUMN_VOCAB.finditer(text):
        values = [v.strip(" `*\"'") for v in re.split(r",\s*(?:or\s+)?|\s+or\s+|\s*/\s*",
                                                     m.group("vals"))]
        values = [v for v in values if v]
        if len(values) >= 2 and all(len(v.split()) <= 3 for v in values):
            out.append((_column_named(m.group("col"), columns), {"values": values}))
    for m in _COLUMN_FORMAT.finditer(text):
        rule = _cell_rule(m.group("fmt"))
        column = _column_named(m.group("col"), columns)
        if rule and "values" not in rule and column not in (c for c, _r in out):
            out.append((column, rule))
    return out


def _column_named(name: str, columns: set[str]) -> str:
    """The structure's column a prose name refers to ("Dates" for the "Date" column)."""
    from reportlint.names import match_name

    best = max(columns, key=lambda c: match_name(c, name), default=None)
    return best if best is not None and match_name(best, name) else name


def _not_checked(lines: list[Line], headings: list[tuple[int, str, Line]], out: Derived,
                 used: set[int]) -> None:
    """Requirement-like lines that gave nothing: list items and sentences of the prompt."""
    heading_lines = {h[2].number for h in headings}
    in_fence = False
    for ln in lines:
        t = ln.text.strip()
        if t.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not t or ln.number in used or ln.number in heading_lines:
            continue
        if t.startswith(("---", "|", "<!--")) or ln in out.not_checked:
            continue
        if re.match(r"^(?:[-*+]|\d+[.)])\s+", t) or len(t.split()) >= 4:
            out.not_checked.append(ln)
    out.not_checked.sort(key=lambda x: x.number)


# ---------------------------------------------------------------- writing


def _q(value: str) -> str:
    """A YAML scalar, double-quoted (JSON string rules are valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _flow(values: list[Any]) -> str:
    return "[" + ", ".join(_q(v) if isinstance(v, str) else str(v) for v in values) + "]"


def _comment(line: Line | None, indent: str) -> str:
    if line is None:
        return ""
    return f'{indent}# prompt line {line.number}: "{line.quote}"\n'


def render(derived: Derived, prompt_name: str) -> str:
    """The profile as commented YAML (deterministic)."""
    d = derived
    parts = [f"# reportlint configuration derived from {prompt_name} by "
             "`reportlint init --from-prompt`.\n"
             "# Each entry quotes the prompt line it comes from; what no rule can check is "
             "listed\n# at the end under \"not checked\". Edit freely: this file is yours "
             "now.\n",
             "extends: sourced-report   # evidence rules and placeholders\n"]
    if d.covered:
        parts.append("# the evidence rules of sourced-report enforce prompt lines "
                     + ", ".join(str(ln.number) for ln in d.covered) + "\n")
    for note in d.notes:
        parts.append(f"# note: {note}\n")
    if d.documents:
        parts.append("\ndocuments:\n")
        for path, ln in d.documents:
            parts.append(_comment(ln, "  ") + f"  - {_q(path)}\n")
    if d.evidence:
        parts.append("\n# the prompt's own tag syntax\nevidence:\n")
        parts.append(_comment(d.evidence[0][2], "  "))
        for key, value, _ln in d.evidence:
            shown = _flow(value) if isinstance(value, list) else _q(value)
            parts.append(f"  {key}: {shown}\n")
    body = list(_rules_yaml(d))
    if body:
        parts.append("\nrules:\n" + "".join(body))
    if d.not_checked:
        parts.append("\n# ---------------------------------------------------------------- "
                     "not checked\n# These prompt lines state requirements no rule "
                     "expresses; review them by hand.\n")
        for ln in d.not_checked:
            parts.append(f'#   line {ln.number}: "{ln.quote}"\n')
    return "".join(parts)


def _words_for_pages(d: Derived, pages: float) -> int:
    """A page budget in words: the prompt's own words per page when it gives both a page
    and a word range for the document, else WORDS_PER_PAGE; a quarter of slack, rounded
    up to 50."""
    wpp = WORDS_PER_PAGE
    for _k, (lo, hi), ln in d.rules.get("word-count", []):
        if ln is None or lo is None or hi is None:
            continue
        pm = re.search(r"(\d+(?:\.\d+)?)\s*(?:–|—|-|to)\s*(\d+(?:\.\d+)?)\s*-?\s*pages?",
                       ln.text)
        if pm:
            wpp = round(((lo + hi) / 2) / ((float(pm.group(1)) + float(pm.group(2))) / 2), -1)
    return int(math.ceil(pages * wpp * 1.25 / 50) * 50)


def _rules_yaml(d: Derived) -> Iterator[str]:
    r = d.rules
    if "required-headings" in r:
        (_k, template, ln), *rest = r["required-headings"]
        yield _comment(ln, "  ") + "  required-headings:\n    headings:\n"
        for entry in template:
            yield f"      - {_q(entry)}\n"
        for key, value, _ln in rest:
            shown = _flow(value) if isinstance(value, list) else str(value).lower()
            yield f"    {key}: {shown}\n"
    if "heading-levels" in r:
        yield _comment(r["heading-levels"][0][2], "  ") + "  heading-levels:\n"
        for key, value, _ln in r["heading-levels"]:
            yield f"    {key}: {_flow(value) if isinstance(value, list) else value}\n"
    if "table-count" in r:
        _k, (lo, hi), ln = r["table-count"][0]
        yield _comment(ln, "  ") + "  table-count:\n"
        yield f"    min: {lo if lo is not None else 0}\n"
        if hi is not None:
            yield f"    max: {hi}\n"
    if "required-table" in r:
        yield "  required-table:\n    tables:\n"
        for _k, spec, _ln in r["required-table"]:
            for x in spec["_lines"]:
                yield _comment(x, "      ")
            yield f"      - name: {_q(spec['name'])}\n"
            yield f"        section: {_q(spec['section'])}\n"
            for key in ("columns", "rows"):
                if spec.get(key):
                    yield f"        {key}: {_flow(spec[key])}\n"
            for key in ("min-rows", "max-rows"):
                if key in spec:
                    yield f"        {key}: {spec[key]}\n"
    if "cell-values" in r:
        yield "  cell-values:\n    columns:\n"
        for _k, spec, ln in r["cell-values"]:
            yield _comment(ln, "      ")
            yield f"      - column: {_q(spec['column'])}\n"
            if spec.get("section"):
                yield f"        section: {_q(spec['section'])}\n"
            if "values" in spec:
                yield f"        values: {_flow(spec['values'])}\n"
            if "format" in spec:
                yield f"        format: {spec['format']}\n"
    yield from _diagrams_yaml(r)
    if "list-items" in r:
        yield "  list-items:\n    sections:\n"
        for _k, (title, lo, hi), ln in r["list-items"]:
            yield _comment(ln, "      ") + f"      - heading: {_q(title)}\n"
            yield f"        min: {lo}\n" + (f"        max: {hi}\n" if hi is not None else "")
    if "paragraph-count" in r:
        yield "  paragraph-count:\n    sections:\n"
        for _k, (title, lo, hi, slo, shi), ln in r["paragraph-count"]:
            yield _comment(ln, "      ") + f"      - heading: {_q(title)}\n"
            for key, v in (("min", lo), ("max", hi), ("min-sentences", slo),
                           ("max-sentences", shi)):
                if v is not None:
                    yield f"        {key}: {v}\n"
    if "required-content" in r:
        yield "  required-content:\n    items:\n"
        for _k, spec, ln in r["required-content"]:
            yield _comment(ln, "      ") + f"      - section: {_q(spec['section'])}\n"
            yield f"        label: {_q(spec['label'])}\n"
            for key in ("list", "item-pattern", "item-description"):
                if key in spec:
                    v = spec[key]
                    yield f"        {key}: {'true' if v is True else _q(v)}\n"
    if "word-count" in r:
        _k, (lo, hi), ln = r["word-count"][0]
        yield _comment(ln, "  ") + "  word-count:\n"
        if lo is not None:
            yield f"    min: {lo}\n"
        if hi is not None:
            yield f"    max: {hi}\n"
    if "section-length" in r:
        yield "  section-length:\n    sections:\n"
        for key, value, ln in r["section-length"]:
            if key == "max-pages":
                title, pages = value
                words = _words_for_pages(d, pages)
                yield _comment(ln, "      ") + f"      # {pages:g} page at the prompt's " \
                    "words per page, with a quarter of slack\n"
                yield f"      - heading: {_q(title)}\n        max: {words}\n"
            else:
                title, lo, hi = value
                yield _comment(ln, "      ") + f"      - heading: {_q(title)}\n"
                if lo is not None:
                    yield f"        min: {lo}\n"
                if hi is not None:
                    yield f"        max: {hi}\n"
    if "banned-phrases" in r:
        yield _comment(r["banned-phrases"][0][2], "  ") + "  banned-phrases:\n" \
            "    severity: warning\n"
    if "required-sources" in r:
        yield "  required-sources:\n"
        for kind in ("required", "optional"):
            entries = [(v, ln) for k, v, ln in r["required-sources"] if k == kind]
            if entries:
                yield f"    {kind}:\n"
                for v, ln in entries:
                    yield _comment(ln, "      ") + f"      - {_q(v)}\n"


def _diagrams_yaml(r: dict[str, list[tuple[str, Any, Line | None]]]) -> Iterator[str]:
    if "mermaid-blocks" in r:
        key, value, ln = r["mermaid-blocks"][0]
        yield _comment(ln, "  ") + "  mermaid-blocks:\n"
        if key == "none":
            yield "    max: 0\n"
        else:
            title, n = value
            yield f"    min: {n}\n    max: {n}\n"
            if title:
                yield f"    section: {_q(title)}\n"
    if "mermaid-content" in r:
        _k, (types, nodes), ln = r["mermaid-content"][0]
        if types or nodes:
            yield _comment(ln, "  ") + "  mermaid-content:\n"
            if types:
                yield f"    types: {_flow(types)}\n"
            if nodes:
                yield f"    nodes: {_flow(nodes)}\n"


def profile_from_prompt(text: str, prompt_name: str) -> str:
    """The commented configuration derived from a prompt's text."""
    return render(derive(text), prompt_name)
