"""Text cut to fit a line of a message, a table cell or a listing."""

from __future__ import annotations

__all__ = ["shorten"]


def shorten(text: str, most: int = 60) -> str:
    """``text`` on one line (runs of white space as one space), cut to ``most`` characters
    with an ellipsis where it is longer."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
