"""Text cut to a line: at a word's end, marked with an ellipsis."""

from __future__ import annotations

import pytest

from carecite.shorten import shorten

ROWS = [
    ("short enough", 60, "short enough"),
    ("runs  of\nwhite   space", 60, "runs of white space"),
    (
        "Issue 1: Whether the delay in E's permanence planning is acceptable",
        60,
        "Issue 1: Whether the delay in E's permanence planning is…",
    ),
    ("one two three four", 9, "one two…"),  # the cut falls on a space: the words before it
    ("alpha, beta gamma", 10, "alpha…"),  # no comma left dangling before the ellipsis
    ("Supercalifragilistic words", 10, "Supercali…"),  # one word longer than the line
]


@pytest.mark.parametrize(("text", "most", "cut"), ROWS, ids=[r[2] for r in ROWS])
def test_text_is_cut_at_a_words_end(text: str, most: int, cut: str) -> None:
    assert shorten(text, most) == cut
    assert len(cut) <= most
