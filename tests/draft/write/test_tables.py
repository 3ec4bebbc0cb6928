"""Table columns: every column keeps room for its longest word where the page allows."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Cm, Pt

from carecite.draft.write.docx import write_docx


def widths(path: Path) -> list[int]:
    table = docx.Document(str(path)).tables[0]
    return [column.width for column in table.columns]


def test_a_very_long_word_does_not_squeeze_the_short_columns(tmp_path: Path) -> None:
    long_name = "ofsted-tower-hamlets-2017-04-07-inspection-of-services-for-children.pdf" * 2
    markdown = (
        "| para | verdict | file |\n| --- | --- | --- |\n"
        f"| 11(a) | wrong_pinpoint | {long_name} |\n"
    )
    para, verdict, file = widths(write_docx(markdown, tmp_path / "t.docx"))
    # Room for "wrong_pinpoint" and "11(a)" at 12 pt; the file name column takes the rest.
    assert verdict >= Pt(7.5) * len("wrong_pinpoint")
    assert para >= Pt(7.5) * len("11(a)")
    assert file > verdict
    assert para + verdict + file <= Cm(21 - 3.5 - 2.5) + Cm(0.1)
