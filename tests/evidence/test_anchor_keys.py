"""``anchor_key``'s shortcuts give exactly the plain sequence of substitutions.

Issue 6: every heading of every cited file is keyed once per run, so
``anchor_key`` skips the substitutions whose characters are absent and cleans
in one pass, and the source index does not key a GitHub slug that cannot
differ from its heading. The definitions are kept here.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint.evidence.anchors import _LABEL, _LABEL_JOINERS, AnchorKey, anchor_key, github_slug
from reportlint.evidence.sources import _PLAIN_NAME

_MARKUP = re.compile(r"[*`§]")
_LEADING_HASHES = re.compile(r"^#+\s*")
_TRAILING_PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def reference_key(text: str) -> AnchorKey:
    """anchor_key as first written: every step, always."""
    t = unicodedata.normalize("NFKC", text).casefold().strip()
    t = _LEADING_HASHES.sub("", _MARKUP.sub("", t)).strip()
    while True:
        stripped = _TRAILING_PAREN.sub("", t)
        if stripped == t or not stripped.strip():
            break
        t = stripped
    t = t.strip()
    label = ""
    title = t
    m = _LABEL.match(t)
    if m:
        label = _LABEL_JOINERS.sub("", m.group("label")).rstrip(".")
        title = t[m.end():]
    return AnchorKey(label, _clean(title), _clean(t))


PARTS = ["#", "## ", "M27", "m27", "RL306", "3", "3.1", "IV.", "iv)", "I think", ":", " — ",
         " - ", "-", "_", "Training", "Pipeline", " (JAX/Flax)", " [draft]", "(x)", "()", " ",
         "  ", "\t", "\n", "*", "**", "`", "§", "eval_summary", "CI/CD", "é", "ß", "Ⅳ", "①",
         "٣", "ﬁ", "\u00a0", "\u2003", ".", ")", "]", "((a))", "a(b)c", "x ", "  (y) ", "Ω"]
names = st.lists(st.sampled_from(PARTS), max_size=8).map("".join)
FUZZ = settings(max_examples=3000, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


@FUZZ
@given(st.one_of(names, st.text(max_size=20)))
def test_anchor_key_equals_the_plain_definition(text: str) -> None:
    assert anchor_key(text) == reference_key(text)


@FUZZ
@given(st.one_of(names, st.text(alphabet="Ab1 \t", max_size=12)))
def test_plain_names_have_their_slugs_key(name: str) -> None:
    if _PLAIN_NAME.fullmatch(name):
        assert anchor_key(github_slug(name)).full == anchor_key(name).full
