"""Text cut to fit a line of a message, a table cell or a listing."""

from __future__ import annotations

__all__ = ["shorten"]


def shorten(text: str, most: int = 60) -> str:
    """``text`` on one line (runs of white space as one space), cut to ``most`` characters
    with an ellipsis where it is longer: at the end of a word, so no word reads as another
    ("acc…" for "acceptable"), unless the first word alone is longer than the line."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if text[most - 1] != " ":
        cut = cut.rpartition(" ")[0] or cut
    return cut.rstrip(" ,;:(") + "…"
