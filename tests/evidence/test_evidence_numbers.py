"""Number tokens: what counts, how it is normalised, what is not a hard number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportlint.evidence.numbers import NumberPolicy, canonical, parse_decimal, scan


def values(text: str, policy: NumberPolicy | None = None) -> list[tuple[str, str, bool]]:
    """(as written, canonical value, hard) of every token."""
    toks = scan(text, policy) if policy is not None else scan(text)
    return [(t.text, canonical(t.value), t.hard) for t in toks]


def key_of(text: str) -> Decimal:
    (tok,) = scan(text)
    return tok.key


# --------------------------------------------------------------------------- equality traps


@pytest.mark.parametrize(("a", "b"), [
    ("2,200", "2200"),
    ("70%", "70 %"),
    ("70%", "70.0 %"),
    ("1.0e-5", "0.00001"),
    ("1.0E-05", "0.00001"),
    ("1.0 × 10^-5", "0.00001"),
    ("4.0", "4"),
    ("0.50", "0.5"),
    ("0.1", "0.10"),
    ("1,234,567.0", "1234567"),
    ("−0.3", "0.3"),
    ("2\u202f200", "2200"),
])
def test_writings_of_one_number_share_a_key(a: str, b: str) -> None:
    assert key_of(a) == key_of(b)
    assert hash(key_of(a)) == hash(key_of(b))


@pytest.mark.parametrize(("a", "b"), [("0.1", "0.11"), ("2,200", "220"), ("70%", "7%"),
                                      ("1.0e-5", "1.0e-6"), ("4.06", "4.6")])
def test_different_numbers_differ(a: str, b: str) -> None:
    assert key_of(a) != key_of(b)


def test_percent_also_matches_its_fraction() -> None:
    (tok,) = scan("70%")
    assert tok.keys == (Decimal(70), Decimal("0.7"))
    assert tok.percent


def test_multiplier_suffix_adds_expanded_key() -> None:
    (tok,) = scan("2.2k users")
    assert tok.keys == (Decimal("2.2"), Decimal(2200))
    assert tok.unit == "k"


def test_canonical_and_parse() -> None:
    assert canonical(Decimal("2.2E+3")) == "2200"
    assert canonical(Decimal("1.0E-5")) == "0.00001"
    assert canonical(Decimal("-0")) == "0"
    assert parse_decimal("1,234.50") == Decimal("1234.5")
    assert parse_decimal("abc") is None


# --------------------------------------------------------------------------- forms


def test_offsets_cover_prefix_unit_and_sign() -> None:
    text = "Peak ~900 MB, delta −0.3 and >70%."
    toks = scan(text)
    assert [text[t.start:t.end] for t in toks] == ["~900 MB", "−0.3", ">70%"]
    assert [(t.approx, t.unit) for t in toks] == [("~", "MB"), ("", ""), (">", "%")]
    assert toks[1].value == Decimal("-0.3")


@pytest.mark.parametrize(("text", "approx", "unit"), [
    ("~900 MB", "~", "MB"), ("≈ 12 s", "≈", "s"), (">70%", ">", "%"), ("> 70 %", ">", "%"),
    ("70%+", "+", "%"), ("≥95%", "≥", "%"), ("10+ years", "+", ""),
])
def test_approximations(text: str, approx: str, unit: str) -> None:
    (tok,) = scan(text)
    assert tok.approx == approx
    assert tok.unit == unit
    assert tok.hard


@pytest.mark.parametrize(("text", "expected"), [
    ("5–20 items", [("5", "low"), ("20", "high")]),
    ("5 – 20 items", [("5", "low"), ("20", "high")]),
    ("1-2 days", [("1", "low"), ("2", "high")]),
    ("5%-20%", [("5", "low"), ("20", "high")]),
    ("2.26 → 0.08", [("2.26", "before"), ("0.08", "after")]),
    ("2.26->0.08", [("2.26", "before"), ("0.08", "after")]),
    ("2.26 => 0.08", [("2.26", "before"), ("0.08", "after")]),
    ("12/15 passed", [("12", "numerator"), ("15", "denominator")]),
])
def test_ranges_deltas_and_ratios_split(text: str, expected: list[tuple[str, str]]) -> None:
    toks = scan(text)
    assert [(canonical(t.value), t.role) for t in toks] == expected
    assert all(t.hard for t in toks)
    assert all(t.value >= 0 for t in toks)


def test_range_shares_its_unit() -> None:
    low, high = scan("5–20% of runs")
    assert (low.unit, high.unit) == ("%", "%")


def test_score_scale_is_not_hard() -> None:
    score, scale = scan("judge score 4.06/5")
    assert (canonical(score.value), score.hard) == ("4.06", True)
    assert (canonical(scale.value), scale.hard, scale.reason) == ("5", False, "scale")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("900 MB", "900", "MB"), ("1.5GB", "1.5", "GB"), ("15 ms", "15", "ms"), ("3x", "3", "x"),
    ("45 minutes", "45", "minutes"), ("7B", "7", "B"), ("12 routers", "12", ""),
])
def test_sizes_and_durations(text: str, value: str, unit: str) -> None:
    (tok,) = scan(text)
    assert (canonical(tok.value), tok.unit, tok.hard) == (value, unit, True)


@pytest.mark.parametrize(("text", "value"), [
    ("1.0e-5", "0.00001"), ("3E+2", "300"), ("1e5", "100000"), ("3×10^5", "300000"),
    ("1.0e−5", "0.00001"),
])
def test_scientific_notation(text: str, value: str) -> None:
    (tok,) = scan(text)
    assert canonical(tok.value) == value
    assert tok.text == text


@pytest.mark.parametrize(("text", "written", "value"), [
    ("The learning rate is 1.0e-5.", "1.0e-5", "0.00001"),
    ("It took 1e5. Then", "1e5", "100000"),
    ("Capacity rose to 1.0E+3.", "1.0E+3", "1000"),
    ("(lr 2.5e-4).", "2.5e-4", "0.00025"),
])
def test_scientific_notation_ending_a_sentence(text: str, written: str, value: str) -> None:
    # regression: a period after the exponent dropped the number ("1.0E+3." read as 3)
    (tok,) = scan(text)
    assert (tok.text, canonical(tok.value), tok.hard) == (written, value, True)


def test_exponent_followed_by_a_decimal_is_not_a_number() -> None:
    assert values("x 3.0e5.5") == []


# --------------------------------------------------------------------------- not hard


@pytest.mark.parametrize("text", [
    "M33", "v1.2", "m33_v1", "gpt-4", "COVID-19", "2FA", "3D", "0x1F", "FY2024-25", "py311",
    "released 2025-03-01", "on 03/01/2025", "on 2025/03/01", "at 14:05", "at 9:30 pm",
    "version 1.2.3", "March 3", "3 March", "3.x", "lr_1e5",
])
def test_not_numbers_at_all(text: str) -> None:
    assert values(text) == []


@pytest.mark.parametrize(("text", "reason"), [
    ("In 2024 we shipped", "year"),
    ("March 2024", "year"),
    ("see §3", "reference"),
    ("see § 3", "reference"),
    ("in section 2", "reference"),
    ("at line 42", "reference"),
    ("fixed in #12", "reference"),
    ("Step 4 runs", "reference"),
    ("see p. 7", "reference"),
    ("on Python 3.11", "version"),
    ("Gemma 2 model", "version"),
    ("we came 3rd", "ordinal"),
    ("a note[^1]", "footnote"),
    ("1. First item", "list-marker"),
])
def test_not_hard_numbers(text: str, reason: str) -> None:
    (tok,) = scan(text)
    assert (tok.hard, tok.reason) == (False, reason)


def test_range_of_references_and_years() -> None:
    assert [t.reason for t in scan("lines 183-205")] == ["reference", "reference"]
    assert [t.reason for t in scan("2019-2025")] == ["year", "year"]


def test_list_marker_on_a_continuation_line() -> None:
    toks = scan("intro\n2) second 5")
    assert [(canonical(t.value), t.hard) for t in toks] == [("2", False), ("5", True)]


def test_heading_numbering() -> None:
    assert [t.reason for t in scan("3.1 Results", heading=True)] == ["list-marker"]
    assert [t.hard for t in scan("3.1 Results")] == [True]


def test_years_with_a_unit_or_approximation_are_hard() -> None:
    assert values("~2000 steps") == [("~2000", "2000", True)]
    assert values("2048 tokens") == [("2048 tokens", "2048", True)]


def test_masked_text_keeps_offsets() -> None:
    text = "ran 5 jobs                then 7"
    assert [(t.start, t.end) for t in scan(text)] == [(4, 5), (31, 32)]


# --------------------------------------------------------------------------- policy


def test_policy_can_make_years_hard() -> None:
    policy = NumberPolicy(ignore=("reference", "version"))
    assert values("In 2024 we came 3rd", policy) == [("2024", "2024", True), ("3rd", "3", True)]


def test_policy_include_forces_hard() -> None:
    policy = NumberPolicy(include=(r"section \d+ items",))
    assert values("section 5 items", policy) == [("5", "5", True)]


def test_policy_exclude_wins() -> None:
    policy = NumberPolicy(include=(r"\d+",), exclude=(r"Gen \d+",))
    toks = scan("Gen 3 had 40 runs", policy)
    assert [(t.text, t.hard, t.reason) for t in toks] == [("3", False, "excluded"),
                                                          ("40", True, "")]


def test_policy_anchored_patterns_work() -> None:
    policy = NumberPolicy(exclude=(r"^Total \d+",))
    toks = scan("Total 9 and 10", policy)
    assert [t.hard for t in toks] == [False, True]


def test_policy_validation() -> None:
    with pytest.raises(ValueError, match="unknown number kind"):
        NumberPolicy(ignore=("dates",))
    with pytest.raises(ValueError, match="exclude pattern: invalid regular expression"):
        NumberPolicy(exclude=("(",))
