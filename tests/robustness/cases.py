"""Every hostile or broken input tried, and the outcome reportlint gives.

``docs/robustness.md`` renders this table; ``test_robustness_cases.py`` runs
each case through the installed command and checks the outcome, and checks the
document still matches this list. Add a case here, run the tests, and copy the
rendered table they print on mismatch into the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    id: str
    input: str  # what a reader needs to know about the input
    outcome: str  # what reportlint does: the notice or result, as asserted
    build: Callable[[Path], list[str]]  # writes the input under the folder, returns CLI args
    exit_code: int
    rules: tuple[str, ...]  # rule ids expected in the JSON output (sorted, unique)


def _write(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        path = folder / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return [name]
    return build


def _dir(folder: Path) -> list[str]:
    (folder / "adir.md").mkdir()
    return ["adir.md"]


def _missing(folder: Path) -> list[str]:
    return ["missing.md"]


def _ok_and_bad(folder: Path) -> list[str]:
    (folder / "good.md").write_text("## Intro\n\nA world-class tool.\n", encoding="utf-8")
    (folder / "bad.md").write_bytes(b"caf\xe9\n")
    return ["good.md", "bad.md"]


CASES: list[Case] = [
    Case("quote-nesting", "`> ` repeated 30 times, then `a` (61 bytes; marko is exponential "
         "in quote depth)", "RL905: block quotes nested 30 levels deep, limit 16",
         _write("q.md", "> " * 30 + "a\n"), 2, ("RL905",)),
    Case("list-nesting", "`- ` repeated 600 times, then `a` (marko recurses per level)",
         "RL905: nested 600 levels deep, limit 32", _write("l.md", "- " * 600 + "a\n"), 2,
         ("RL905",)),
    Case("brackets", "`[` × 10,000 + `a` + `]` × 10,000 (20 KB; about 10 s in stock marko, "
         "quadratic in its link-text check)", "linted in well under a second (the model's "
         "parser checks link text in constant time); no finding",
         _write("b.md", "[" * 10_000 + "a" + "]" * 10_000 + "\n"), 0, ()),
    Case("open-links", "`[a](` × 10,000 (40 KB; marko rescans the rest of the text for "
         "each unclosed link destination, about 30 s)", "RL905 after the parse time budget "
         "(set to 2 s here; default 10 s)", _write("o.md", "[a](" * 10_000 + "\n"), 2,
         ("RL905",)),
    Case("too-large", "a 6 MB report (over the 5 MB default)", "RL905: bytes over "
         "limits.max-bytes, file not read", _write("big.md", "word " * 1_200_000), 2,
         ("RL905",)),
    Case("wide-table", "a table with 10,000 columns", "linted, no finding from the "
         "selected rule", _write("wide.md", "|" + "a|" * 10_000 + "\n|" + "-|" * 10_000
                                 + "\n|" + "1|" * 10_000 + "\n"), 0, ()),
    Case("long-line", "a 1 MB single line of prose", "linted, one RL210 finding",
         _write("line.md", "word " * 200_000 + "world-class\n"), 0, ("RL210",)),
    Case("not-utf8", "Latin-1 bytes (`caf\\xe9`)", "RL904: not UTF-8, invalid byte 0xe9 at "
         "byte offset 3", _write("l1.md", b"caf\xe9\n"), 2, ("RL904",)),
    Case("utf16", "UTF-16 with a byte-order mark", "RL904: UTF-16 is not supported, save as "
         "UTF-8", _write("u16.md", "# Title\n".encode("utf-16")), 2, ("RL904",)),
    Case("binary", "a PNG header (binary, NUL bytes)", "RL904: binary file",
         _write("img.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 2, ("RL904",)),
    Case("empty", "an empty file", "linted, nothing to report", _write("empty.md", b""), 0,
         ()),
    Case("directory", "a directory named like a report (`adir.md/`), empty", "RL904: no "
         "Markdown file in this folder (a path that matches nothing fails the run)", _dir, 2,
         ("RL904",)),
    Case("missing", "a path that does not exist", "RL904: no such file or directory",
         _missing, 2, ("RL904",)),
    Case("one-bad-of-two", "a good report and a non-UTF-8 one in one run", "the good one "
         "is linted (RL210), the bad one gets RL904", _ok_and_bad, 2, ("RL210", "RL904")),
    Case("control-chars", "a heading with ANSI escapes and a bidi override",
         "linted; the text output carries no control character",
         _write("ctl.md", "## \x1b[31m world-class \x1b[0m \u202e\n"), 0, ("RL210",)),
    Case("bad-front-matter", "front matter that is not YAML", "RL902 warning; the rest is "
         "linted", _write("fm.md", "---\ntitle: [unclosed\n---\n\nworld-class\n"), 0,
         ("RL210", "RL902")),
    Case("crlf-bom-tabs", "CRLF line ends, a UTF-8 BOM and tabs", "linted with exact "
         "columns (RL210 at 3:3)", _write("crlf.md", b"\xef\xbb\xbf# T\r\n\r\na\t"
                                          b"world-class\r\n"), 0, ("RL210",)),
    Case("short-table-row", "a table whose row has fewer cells than the header, after "
         "two empty fences (marko gives the padding cell no position)", "linted; the padding "
         "cell sits at the row's end", _write("short.md", "```\n```\n```\n```\n| a | b |\n"
                                              "|---|---|\npara world-class more\n"), 0,
         ("RL210",)),
    Case("deep-but-allowed", "block quotes nested 10 deep", "linted normally",
         _write("q10.md", "> " * 10 + "world-class\n"), 0, ("RL210",)),
]


def render_table(cases: list[Case]) -> str:
    rows = ["| case | input | outcome | exit |", "|---|---|---|---|"]
    for c in cases:
        rows.append(f"| `{c.id}` | {c.input} | {c.outcome} | {c.exit_code} |")
    return "\n".join(rows) + "\n"
