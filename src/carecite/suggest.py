""" "Did you mean": close matches for a mistyped id or key."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(word: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """The choices closest to ``word``, best first; empty when none is close.

    RapidFuzz is imported here, not at module level: this runs only on error paths.
    """
    from rapidfuzz import fuzz, process, utils

    found = process.extract(
        word, list(choices), scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
    )
    return [choice for choice, score, _ in found if score >= 70]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint such as "did you mean 'th17-exec-summary'?", or ``None``."""
    matches = close_matches(word, choices)
    if not matches:
        return None
    return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"
