"""Column widths for a Word table, shared out by what each column holds.

The block walker (``carecite.draft.write.blocks``) calls ``fit_columns`` once a table is filled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.shared import Cm, Pt

if TYPE_CHECKING:
    from docx.table import Table

#: Rough width of one character of 12 pt body text, bold included, and of a cell's margins.
_CHARACTER = Pt(7.5)
_CELL_PADDING = Cm(0.4)


def fit_columns(table: Table, available: int) -> None:
    """Share ``available`` (EMU) among the table's columns by what each holds.

    Equal columns wrap a long party name or a list of judgements into a thin strip
    running over pages, and break a short word ("inadequate") mid-word. Each column
    gets at least its longest word; what is left goes to the columns with longer text
    (counted up to 60 characters), in proportion. Where the longest words alone are wider
    than the page, only the columns with the longest words give way: a file name in one
    column does not break "para" in another.
    """
    # The writer's tables are rectangular, without merged cells: the rows' cells, read once,
    # are the columns' (python-docx works out the whole table's grid again for each column's
    # ``cells``, twice a column here: most of a short draft's table).
    columns = list(zip(*(row.cells for row in table.rows), strict=True))
    least, wanted, wraps = [], [], []
    for cells in columns:
        texts = [cell.text for cell in cells]
        longest_word = max((len(w) for t in texts for w in t.split()), default=1)
        longest_text = min(max(len(t) for t in texts), 60)
        least.append(_CHARACTER * longest_word + _CELL_PADDING)
        wanted.append(_CHARACTER * max(longest_text, longest_word) + _CELL_PADDING)
        wraps.append(max(len(t) for t in texts) > 60)
    least = _capped(least, available)
    spare = available - sum(least)
    extra = [w - m for w, m in zip(wanted, least, strict=True)]
    if spare <= 0 or not sum(extra):
        widths = [int(available * m / sum(least)) for m in least]
    else:
        share = min(1.0, spare / sum(extra))
        widths = [int(m + e * share) for m, e in zip(least, extra, strict=True)]
        # Room left over goes to the columns whose text still wraps, if any.
        leftover = available - sum(widths)
        growing = [w if wrap else 0 for w, wrap in zip(widths, wraps, strict=True)]
        if not sum(growing):
            growing = widths
        widths = [
            w + int(leftover * g / sum(growing)) for w, g in zip(widths, growing, strict=True)
        ]
    table.autofit = False
    for column, cells, width in zip(table.columns, columns, widths, strict=True):
        column.width = width
        for cell in cells:
            cell.width = width


def _capped(widths: list[int], total: int) -> list[int]:
    """``widths`` with the largest cut to one cap, so that they add up to at most ``total``."""
    remaining, count = total, len(widths)
    for done, width in enumerate(sorted(widths)):
        if width * (count - done) > remaining:
            cap = remaining // (count - done)
            return [min(w, cap) for w in widths]
        remaining -= width
    return widths
