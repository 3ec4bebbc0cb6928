"""Character widths and line heights of the fonts a court draft is set in.

The length estimate (``carecite.draft.length``) wraps text the way a word processor does, so
it needs each character's advance width. Arial is metrically identical to Helvetica (and
Liberation Sans, which LibreOffice uses in its place); Times New Roman to Times (Liberation
Serif). The widths are the Adobe core-font metrics of Helvetica and Times, in thousandths of
an em, for printable ASCII and the typographic marks drafts use; the line heights are the
fonts' ascent, descent and line gap (Arial 1854 + 434 + 67, Times New Roman 1825 + 443 + 87
of 2048 units), which is what Word and LibreOffice call a single line (13.8 pt at 12 pt).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

__all__ = ["FontMetrics", "KnownWidths", "metrics_for"]


# eq=False, repr=False (``FontMetrics``): nothing compares or prints one, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class FontMetrics:
    """One family's widths (regular and bold) and its single line height, per em."""

    regular: dict[str, int]
    bold: dict[str, int]
    line_height: float
    default_width: int

    def width(self, text: str, size: float, *, bold: bool = False) -> float:
        """The advance width of ``text`` at ``size`` points, in points."""
        table = self.bold if bold else self.regular
        # Each character's width by table.get(c, default), in C: a draft measures thousands.
        return sum(map(table.get, text, repeat(self.default_width))) * size / 1000


class KnownWidths:
    """One family's widths, each word measured once: a draft repeats its words.

    A word's width is the sum of its characters' (``FontMetrics.width``); looking it up
    again costs a dictionary probe instead of a pass over its letters. Meant for one
    document's layout: the words of every draft a process lays out are not kept.
    """

    __slots__ = ("_known", "metrics")

    def __init__(self, metrics: FontMetrics) -> None:
        self.metrics = metrics
        self._known: dict[tuple[float, bool], dict[str, float]] = {}

    def width(self, text: str, size: float, bold: bool) -> float:
        """``metrics.width(text, size, bold=bold)``, remembered."""
        known = self._table(size, bold)
        return known[text] if text in known else self._measured(text, known, size, bold)

    def words(self, text: str, size: float, bold: bool) -> list[float]:
        """The width of each word of ``text`` split at its spaces (``text.split(" ")``)."""
        known = self._table(size, bold)
        return [
            known[word] if word in known else self._measured(word, known, size, bold)
            for word in text.split(" ")
        ]

    def _table(self, size: float, bold: bool) -> dict[str, float]:
        known = self._known.get((size, bold))
        if known is None:
            known = self._known[(size, bold)] = {}
        return known

    def _measured(self, text: str, known: dict[str, float], size: float, bold: bool) -> float:
        known[text] = self.metrics.width(text, size, bold=bold)
        return known[text]


_MARKS = "‘’“”–—…§£•×"


def _table(ascii_widths: str, marks: str) -> dict[str, int]:
    widths = [int(w) for w in ascii_widths.split()]
    table = {chr(32 + i): w for i, w in enumerate(widths)}
    table.update(zip(_MARKS, (int(w) for w in marks.split()), strict=True))
    table["\u00a0"] = table[" "]
    return table


_SANS = FontMetrics(
    regular=_table(
        "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 "
        "556 556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 "
        "500 667 556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 "
        "556 333 556 556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 "
        "278 556 500 722 500 500 500 334 260 334 584",
        "222 222 333 333 556 1000 1000 556 556 350 584",
    ),
    bold=_table(
        "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 "
        "556 556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 "
        "556 722 611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 "
        "556 333 556 611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 "
        "333 611 556 778 556 556 500 389 280 389 584",
        "278 278 500 500 556 1000 1000 556 556 350 584",
    ),
    line_height=(1854 + 434 + 67) / 2048,
    default_width=556,
)

_SERIF = FontMetrics(
    regular=_table(
        "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 "
        "500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 "
        "389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 "
        "500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 "
        "278 500 500 722 500 500 444 480 200 480 541",
        "333 333 444 444 500 1000 1000 500 500 350 564",
    ),
    bold=_table(
        "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 "
        "500 500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 "
        "500 778 667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 "
        "500 333 500 556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 "
        "333 556 500 722 500 500 444 394 220 394 520",
        "333 333 500 500 500 1000 1000 500 500 350 570",
    ),
    line_height=(1825 + 443 + 87) / 2048,
    default_width=500,
)

#: Serif families measured as Times; anything else as Arial (the house font), whose
#: letters are wider than most text faces', so an unknown font errs long, not short.
_SERIF_NAMES = ("times", "georgia", "garamond", "cambria", "book antiqua", "liberation serif")


def metrics_for(font: str | None) -> FontMetrics:
    """The metrics used for ``font`` (a family name as Word stores it)."""
    name = (font or "").lower()
    return _SERIF if any(serif in name for serif in _SERIF_NAMES) else _SANS
