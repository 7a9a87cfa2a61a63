"""The built-in profiles (``reportlint/profiles/*.yml``): their names and summaries.

A profile is data: a YAML file whose leading comment says what contract it
holds. ``reportlint profiles`` lists them; ``extends:`` and ``--profile``
name them.
"""

from __future__ import annotations

import difflib
from pathlib import Path

PROFILES_DIR = Path(__file__).parent / "profiles"


def names() -> list[str]:
    return sorted(p.stem for p in PROFILES_DIR.glob("*.yml"))


def summary(name: str) -> str:
    """The first sentence of the profile's leading comment, without its "The x profile:"."""
    lines: list[str] = []
    for line in (PROFILES_DIR / f"{name}.yml").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if not text:
            if lines:
                break
            continue
        lines.append(text)
    text = " ".join(lines)
    head = f"The {name} profile:"
    if text.startswith(head):
        text = text[len(head):].strip()
    end = text.find(". ")
    text = (text[:end + 1] if end != -1 else text).strip()
    return text[:1].upper() + text[1:]


def unknown(name: str) -> str:
    """The message for a profile name that is no built-in one, with a did-you-mean."""
    hint = difflib.get_close_matches(name, names(), n=1)
    msg = f"no built-in profile {name!r}"
    return msg + (f" (did you mean {hint[0]!r}?)" if hint
                  else "; built-in profiles: " + ", ".join(names()))
